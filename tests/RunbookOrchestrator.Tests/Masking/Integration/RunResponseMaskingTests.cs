using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Masking.Integration;

/// <summary>Run inputs and outputs leave the API masked: declared pii/secret inputs and sensitive values found in outputs.</summary>
public sealed class RunResponseMaskingTests : IDisposable
{
    private readonly OrchestratorApp _app = new(("lookup.yaml", """
        id: lookup
        version: 1
        inputs:
          customer_email: { type: string, required: true, classification: pii }
          api_token: { type: string, required: true, classification: secret }
          region: { type: string, default: eu-west-1 }
        steps:
          - id: echo
            uses: set
            with: { values: { contact: "{{ inputs.customer_email }}", region: "{{ inputs.region }}" } }
        """));

    [Fact]
    public async Task Declared_pii_and_secret_inputs_and_sensitive_outputs_never_appear_raw_in_the_run_response()
    {
        var faker = new Faker();
        var email = faker.Internet.Email();
        var token = "tok_" + faker.Random.AlphaNumeric(32);
        var agent = await _app.AgentClientAsync();

        var runId = await agent.StartAsync("lookup", new { customer_email = email, api_token = token });
        await agent.WaitForEndAsync(runId);
        var body = await agent.GetStringAsync($"/api/runs/{runId}");

        Assert.DoesNotContain(email, body);
        Assert.DoesNotContain(token, body);
        Assert.Contains("eu-west-1", body);
    }

    public void Dispose() => _app.Dispose();
}
