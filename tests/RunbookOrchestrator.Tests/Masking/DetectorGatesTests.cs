using Bogus;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

// The gate tables must let through exactly the detectors whose own minimums a text meets, however many detectors.
public class DetectorGatesTests
{
    [Theory]
    [InlineData(22)]
    [InlineData(64)]
    [InlineData(150)]
    public void Gate_tables_pass_exactly_the_detectors_whose_counts_a_text_meets(int detectorCount)
    {
        var faker = new Faker { Random = new Randomizer(detectorCount) };
        var detectors = Enumerable.Range(0, detectorCount).Select(i => DetectorCatalog.Default.Detectors[i % DetectorCatalog.Default.Detectors.Count] with
        {
            Trigger = new DetectorTrigger(MinLength: faker.Random.Int(0, 40), MinDigits: faker.Random.Int(0, 16),
                MinTokenRun: faker.Random.Int(0, 30), MinDigitGroup: faker.Random.Int(0, 16)),
        }).ToList();
        var gates = new DetectorGates(detectors);
        var passing = new ulong[gates.Words];
        for (var t = 0; t < 300; t++)
        {
            var text = faker.Random.Bool() ? faker.Lorem.Sentence(faker.Random.Int(1, 12)) : faker.Random.String2(faker.Random.Int(0, 60), "abcXYZ0123456789 -_/.");
            var stats = TextStats.Of(text);
            gates.Passing(text.Length, stats, passing);
            for (var d = 0; d < detectorCount; d++)
                Assert.True(detectors[d].Trigger.AllowsCounts(text.Length, stats) == DetectorSet.Contains(passing, d), $"detector {d} on '{text}'");
        }
    }

    [Fact]
    public void Detector_sets_list_their_members_in_order_across_words()
    {
        var set = new ulong[3];
        foreach (var d in new[] { 0, 5, 63, 64, 130 }) DetectorSet.Add(set, d);
        var members = new List<int>();
        for (var d = DetectorSet.Next(set, 0); d >= 0; d = DetectorSet.Next(set, d + 1)) members.Add(d);
        Assert.Equal([0, 5, 63, 64, 130], members);
    }
}
