using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Bench.Masking;

/// <summary><c>masking</c>: precision and recall per type on the labelled corpus, then single-thread JSON masking throughput.</summary>
public sealed class MaskingBenchmark : IBenchmark
{
    public string Name => "masking";

    public string Description => "precision/recall per detection type on the corpus; MB/s masking JSON approval payloads on one thread";

    public int Run(string[] args, TextWriter output)
    {
        var masker = new Masker();
        // `--throughput-only` skips the corpora and `--pass <words>` runs only the passes whose label contains the words,
        // for profiling one pass alone; `--passes N` runs each exactly N times and prints the fastest.
        if (!args.Contains("--throughput-only")) Score(masker, args, output);
        ThroughputPasses(masker, args, output);
        return 0;
    }

    private static void Score(Masker masker, string[] args, TextWriter output)
    {
        var corpus = MaskingCorpus.Generate();
        var negatives = MaskingCorpus.GenerateHardNegatives();
        var eval = CorpusEvaluation.Run(masker, corpus, negatives);
        var inv = CultureInfo.InvariantCulture;

        output.WriteLine($"corpus: {corpus.Count} labelled texts, {corpus.Sum(c => c.Spans.Count)} spans, {negatives.Count} hard negatives");
        output.WriteLine($"{"type",-16}{"TP",6}{"FP",6}{"FN",6}{"precision",11}{"recall",9}");
        foreach (var s in eval.Scores)
            output.WriteLine(string.Format(inv, "{0,-16}{1,6}{2,6}{3,6}{4,11:0.000}{5,9:0.000}", s.Type, s.TruePositives, s.FalsePositives, s.FalseNegatives, s.Precision, s.Recall));
        output.WriteLine(string.Format(inv, "overall precision {0:0.0000}  recall {1:0.0000}  hard negatives masked {2}", eval.OverallPrecision, eval.OverallRecall, eval.MaskedHardNegatives.Count));
        if (args.Contains("--verbose"))
        {
            foreach (var m in eval.Misses) output.WriteLine("  " + m.Replace("\n", "\\n"));
            foreach (var m in eval.MaskedHardNegatives) output.WriteLine("  negative masked: " + m);
        }

        var realWorld = RunbookOrchestrator.Tests.Masking.RealWorld.RealWorldCorpus.Generate();
        var real = RealWorldEvaluation.Run(masker, realWorld);
        output.WriteLine($"real-world corpus: {real.Lines} lines, {real.HardNegatives} hard negatives ({100.0 * real.HardNegatives / real.Lines:0}%), {real.NegativesChanged} changed");
        output.WriteLine($"{"type",-16}{"TP",6}{"FP",6}{"FN",6}{"precision",11}{"recall",9}");
        foreach (var s in real.Scores)
            output.WriteLine(string.Format(inv, "{0,-16}{1,6}{2,6}{3,6}{4,11:0.000}{5,9:0.000}", s.Type, s.TruePositives, s.FalsePositives, s.FalseNegatives, s.Precision, s.Recall));
        output.WriteLine(string.Format(inv, "real-world overall precision {0:0.0000}  recall {1:0.0000}",
            real.Scores.Sum(s => s.TruePositives) / (double)Math.Max(1, real.Scores.Sum(s => s.TruePositives + s.FalsePositives)),
            real.Scores.Sum(s => s.TruePositives) / (double)Math.Max(1, real.Scores.Sum(s => s.TruePositives + s.FalseNegatives))));
    }

    private static void ThroughputPasses(Masker masker, string[] args, TextWriter output)
    {
        var selection = PassSelection.Of(args);
        var payloads = ApprovalPayloads.Generate(500);
        var bytes = payloads.Sum(p => Encoding.UTF8.GetByteCount(p));
        if (args.Contains("--per-detector"))
            foreach (var d in masker.Catalog.Detectors)
            {
                var single = new Masker(new DetectorCatalog([d]));
                Throughput(output, selection, "MaskText with only " + d.Name, bytes, () => { foreach (var p in payloads) _ = single.MaskText(p); });
            }
        Throughput(output, selection, "JSON string -> parse, MaskJson, serialise", bytes, () => { foreach (var p in payloads) _ = masker.MaskJson(JsonNode.Parse(p))!.ToJsonString(); });
        Throughput(output, selection, "JSON string -> MaskJsonText (reader to writer)", bytes, () => { foreach (var p in payloads) _ = masker.MaskJsonText(p); });
        var nodes = payloads.Select(p => JsonNode.Parse(p)).ToList();
        Throughput(output, selection, "MaskJson on parsed nodes", bytes, () => { foreach (var n in nodes) _ = masker.MaskJson(n); });
        Throughput(output, selection, "MaskText on the JSON text", bytes, () => { foreach (var p in payloads) _ = masker.MaskText(p); });
        var bare = new Masker(new DetectorCatalog([]));
        Throughput(output, selection, "MaskJson with no detectors (tree copy only)", bytes, () => { foreach (var n in nodes) _ = bare.MaskJson(n); });
    }

    /// <summary>Which passes run (<c>--pass words</c>: those whose label contains them) and how (<c>--passes N</c>: each pass run N times, the fastest printed).</summary>
    private sealed record PassSelection(string? Only, int? FixedPasses)
    {
        public static PassSelection Of(string[] args)
        {
            var only = Array.IndexOf(args, "--pass");
            var passes = Array.IndexOf(args, "--passes");
            return new PassSelection(only >= 0 && only + 1 < args.Length ? args[only + 1] : null,
                passes >= 0 && passes + 1 < args.Length ? int.Parse(args[passes + 1], CultureInfo.InvariantCulture) : null);
        }
    }

    private static void Throughput(TextWriter output, PassSelection selection, string label, long bytes, Action pass)
    {
        if (selection.Only is not null && !label.Contains(selection.Only, StringComparison.OrdinalIgnoreCase)) return;
        if (selection.FixedPasses is { } fixedPasses) FastestPass(output, label, bytes, pass, fixedPasses);
        else TimedThroughput(output, label, bytes, pass);
    }

    // A fixed amount of work, for profiling; the fastest pass is printed, which on a shared machine moves less than an
    // average when comparing two builds (another process's load only ever slows a pass down).
    private static void FastestPass(TextWriter output, string label, long bytes, Action pass, int passes)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < passes; i++)
        {
            var one = Stopwatch.StartNew();
            pass();
            if (one.Elapsed < best) best = one.Elapsed;
        }
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-48} {1,8:0.0} MB/s fastest of {2} passes",
            label, bytes / (1024.0 * 1024) / best.TotalSeconds, passes));
    }

    // Warm-up passes until the rate is steady, then passes for about two seconds of CPU time. A single warm-up pass was
    // not enough: the runtime compiles hot methods again, optimised, only after they have run a while (tiered
    // compilation), and on a loaded machine that took several seconds, so the figure measured mostly unoptimised code
    // and the compiler's own thread. Steady: at least 3 s of CPU, then two consecutive half-seconds within 5% of each
    // other (at most 20 s of wall clock); two slow half-seconds early on can agree before the optimised code arrives.
    // The machine is shared, so the figure is MB per second of this process's CPU time (one thread does the work),
    // with wall-clock MB/s alongside for comparison.
    private static void TimedThroughput(TextWriter output, string label, long bytes, Action pass)
    {
        var process = Process.GetCurrentProcess();
        var warmUp = Stopwatch.StartNew();
        process.Refresh();
        var warmUpStart = process.TotalProcessorTime;
        double previous = 0;
        while (warmUp.Elapsed < TimeSpan.FromSeconds(20))
        {
            process.Refresh();
            var chunkStart = process.TotalProcessorTime;
            var chunkPasses = 0;
            TimeSpan chunk;
            do
            {
                pass();
                chunkPasses++;
                process.Refresh();
                chunk = process.TotalProcessorTime - chunkStart;
            } while (chunk < TimeSpan.FromSeconds(0.5) && warmUp.Elapsed < TimeSpan.FromSeconds(20));
            var rate = chunkPasses / chunk.TotalSeconds;
            var longEnough = process.TotalProcessorTime - warmUpStart >= TimeSpan.FromSeconds(3);
            if (longEnough && previous > 0 && Math.Abs(rate - previous) <= 0.05 * previous) break;
            previous = rate;
        }
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var passes = 0;
        TimeSpan cpu;
        do
        {
            pass();
            passes++;
            process.Refresh();
            cpu = process.TotalProcessorTime - cpuStart;
        } while (cpu < TimeSpan.FromSeconds(2) && watch.Elapsed < TimeSpan.FromSeconds(20));
        var mb = bytes * (double)passes / (1024 * 1024);
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-48} {1,8:0.0} MB/s CPU  {2,8:0.0} MB/s wall  ({3} passes over {4:0.00} MB)",
            label, mb / cpu.TotalSeconds, mb / watch.Elapsed.TotalSeconds, passes, bytes / (1024.0 * 1024)));
    }
}
