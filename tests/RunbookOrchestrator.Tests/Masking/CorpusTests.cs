using RunbookOrchestrator.Bench.Masking;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

public class CorpusTests
{
    private static readonly Lazy<CorpusEvaluation> Evaluation = new(() =>
        CorpusEvaluation.Run(new Masker(), MaskingCorpus.Generate(perType: 150), MaskingCorpus.GenerateHardNegatives(perKind: 10)));

    public static TheoryData<string> StructuredTypes => new(MaskingCorpus.StructuredTypes);

    [Theory]
    [MemberData(nameof(StructuredTypes))]
    public void Structured_types_reach_99_percent_recall_on_the_corpus(string type) =>
        Assert.True(Evaluation.Value.For(type).Recall >= 0.99, $"{type} recall {Evaluation.Value.For(type).Recall:0.000}");

    [Fact]
    public void Overall_precision_on_the_corpus_is_at_least_97_percent() =>
        Assert.True(Evaluation.Value.OverallPrecision >= 0.97, $"precision {Evaluation.Value.OverallPrecision:0.000}");

    [Fact]
    public void No_hard_negative_in_the_corpus_is_masked() => Assert.Empty(Evaluation.Value.MaskedHardNegatives);

    [Fact]
    public void Corpus_is_deterministic_for_a_seed() =>
        Assert.Equal(MaskingCorpus.Generate(seed: 5, perType: 3).Select(t => t.Text), MaskingCorpus.Generate(seed: 5, perType: 3).Select(t => t.Text));
}
