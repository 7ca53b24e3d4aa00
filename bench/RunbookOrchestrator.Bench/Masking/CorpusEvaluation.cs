using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Bench.Masking;

/// <summary>Per-type counts of a masker run over the labelled corpus.</summary>
public sealed record TypeScore(string Type, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
}

/// <summary>Scores a masker on the corpus: a detection counts when its type matches a label whose span it overlaps.</summary>
public sealed record CorpusEvaluation(IReadOnlyList<TypeScore> Scores, IReadOnlyList<string> MaskedHardNegatives, IReadOnlyList<string> Misses)
{
    public double OverallPrecision
    {
        get
        {
            var tp = Scores.Sum(s => s.TruePositives);
            var fp = Scores.Sum(s => s.FalsePositives);
            return tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        }
    }

    public double OverallRecall
    {
        get
        {
            var tp = Scores.Sum(s => s.TruePositives);
            var fn = Scores.Sum(s => s.FalseNegatives);
            return tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        }
    }

    public TypeScore For(string type) => Scores.FirstOrDefault(s => s.Type == type) ?? new TypeScore(type, 0, 0, 0);

    public static CorpusEvaluation Run(IMasker masker, IReadOnlyList<LabelledText> corpus, IReadOnlyList<string> hardNegatives)
    {
        var tp = new Dictionary<string, int>();
        var fp = new Dictionary<string, int>();
        var fn = new Dictionary<string, int>();
        var misses = new List<string>();
        foreach (var sample in corpus)
        {
            var detections = masker.MaskText(sample.Text).Detections;
            var used = new bool[detections.Count];
            foreach (var label in sample.Spans)
            {
                var hit = -1;
                for (var i = 0; i < detections.Count && hit < 0; i++)
                    if (!used[i] && detections[i].Type == label.Type && Overlaps(detections[i], label)) hit = i;
                if (hit >= 0) { used[hit] = true; Bump(tp, label.Type); }
                else { Bump(fn, label.Type); misses.Add($"missed {label.Type}: {sample.Text}"); }
            }
            for (var i = 0; i < detections.Count; i++)
                if (!used[i]) { Bump(fp, detections[i].Type); misses.Add($"extra {detections[i].Type} '{sample.Text.Substring(detections[i].Start, detections[i].Length)}': {sample.Text}"); }
        }
        var masked = new List<string>();
        foreach (var negative in hardNegatives)
        {
            var found = masker.MaskText(negative).Detections;
            if (found.Count == 0) continue;
            masked.Add($"{negative} -> {string.Join(", ", found.Select(d => d.Type))}");
            foreach (var d in found) Bump(fp, d.Type);
        }
        var types = MaskingCorpus.Types.Union(fp.Keys).ToList();
        var scores = types.Select(t => new TypeScore(t, tp.GetValueOrDefault(t), fp.GetValueOrDefault(t), fn.GetValueOrDefault(t))).ToList();
        return new CorpusEvaluation(scores, masked, misses);
    }

    private static bool Overlaps(Detection d, LabelledSpan l) => d.Start < l.Start + l.Length && l.Start < d.Start + d.Length;

    private static void Bump(Dictionary<string, int> counts, string type) => counts[type] = counts.GetValueOrDefault(type) + 1;
}
