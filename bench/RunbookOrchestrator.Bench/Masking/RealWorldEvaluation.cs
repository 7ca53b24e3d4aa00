using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Tests.Masking.RealWorld;

namespace RunbookOrchestrator.Bench.Masking;

/// <summary>Per-type precision and recall on the real-world corpus. A positive is found when its raw value is gone from the
/// masked text; a detection is a false positive when it changes a hard negative or does not touch the labelled value.</summary>
public static class RealWorldEvaluation
{
    public static (IReadOnlyList<TypeScore> Scores, int Lines, int HardNegatives, int NegativesChanged) Run(IMasker masker, IReadOnlyList<CorpusLine> corpus)
    {
        var tp = new Dictionary<string, int>();
        var fn = new Dictionary<string, int>();
        var fp = new Dictionary<string, int>();
        var negativesChanged = 0;
        foreach (var line in corpus)
        {
            var result = masker.MaskText(line.Text);
            if (line.Type is null)
            {
                if (result.Text != line.Text) negativesChanged++;
                foreach (var d in result.Detections) Add(fp, d.Type);
                continue;
            }
            var found = !result.Text.Contains(line.Raw!, StringComparison.Ordinal);
            Add(found ? tp : fn, line.Type);
            var start = line.Text.IndexOf(line.Raw!, StringComparison.Ordinal);
            var end = start + line.Raw!.Length;
            foreach (var d in result.Detections)
                if (d.Start + d.Length <= start || d.Start >= end) Add(fp, d.Type);
        }
        var types = RealWorldCorpus.Types.Concat(fp.Keys).Distinct().ToList();
        var scores = types.Select(t => new TypeScore(t, tp.GetValueOrDefault(t), fp.GetValueOrDefault(t), fn.GetValueOrDefault(t))).ToList();
        return (scores, corpus.Count, corpus.Count(l => l.Type is null), negativesChanged);
    }

    private static void Add(Dictionary<string, int> counts, string type) => counts[type] = counts.GetValueOrDefault(type) + 1;
}
