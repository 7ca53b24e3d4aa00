using Bogus;

namespace RunbookOrchestrator.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class RunListQueryTests(ApiFixture fixture)
{
    private readonly Faker _faker = new();

    [Fact]
    public async Task Listing_with_an_unknown_status_is_a_400_naming_status()
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs?status={_faker.Lorem.Word()}x");

        Assert.Contains("'status'", (await response.AssertProblemAsync(400)).Detail());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("lots")]
    public async Task Listing_with_a_limit_out_of_range_or_not_a_number_is_a_400_naming_limit(string limit)
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs?limit={limit}");

        Assert.Contains("limit", (await response.AssertProblemAsync(400)).Detail());
    }

    [Fact]
    public async Task Listing_with_a_created_after_that_is_not_an_instant_is_a_400_naming_it()
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs?createdAfter={_faker.Lorem.Word()}");

        Assert.Contains("'createdAfter'", (await response.AssertProblemAsync(400)).Detail());
    }
}
