using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Tests.Masking.RealWorld;

namespace RunbookOrchestrator.Tests.Masking;

/// <summary>The real-world corpus (values from every Bogus locale in the shapes people write them, and as many hard
/// negatives): its size and balance, no raw value left in a masked positive, no hard negative changed.</summary>
public class RealWorldCorpusTests
{
    private static readonly Lazy<IReadOnlyList<CorpusLine>> Corpus = new(() => RealWorldCorpus.Generate());
    private static readonly Masker Masker = new();

    [Fact]
    public void The_corpus_has_at_least_3000_lines_and_40_percent_hard_negatives()
    {
        Assert.True(Corpus.Value.Count >= 3000, $"{Corpus.Value.Count} lines");
        Assert.True(Corpus.Value.Count(l => l.Type is null) >= 0.4 * Corpus.Value.Count, $"{Corpus.Value.Count(l => l.Type is null)} hard negatives");
    }

    [Fact]
    public void No_masked_positive_keeps_its_raw_value()
    {
        var leaks = Corpus.Value.Where(l => l.Type is not null && Masker.MaskText(l.Text).Text.Contains(l.Raw!, StringComparison.Ordinal))
            .Select(l => $"{l.Type}: {l.Text}").ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks, e.g.:\n{string.Join('\n', leaks.Take(25))}");
    }

    [Fact]
    public void No_hard_negative_is_changed()
    {
        var changed = Corpus.Value.Where(l => l.Type is null && Masker.MaskText(l.Text).Text != l.Text)
            .Select(l => $"{l.Text} => {Masker.MaskText(l.Text).Text}").Distinct().ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} changed, e.g.:\n{string.Join('\n', changed.Take(25))}");
    }
}
