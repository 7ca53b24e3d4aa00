using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bogus;
using Microsoft.Data.Sqlite;
using RunbookOrchestrator.Server.Demo;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Masking.Integration;

/// <summary>The demo export, end to end through an approval, with real fake customers and secret-looking inputs: no raw sensitive value
/// is anywhere but in the exported file (and in the one answer that reveals a value on purpose).</summary>
public sealed class ExportDataLossTests : IDisposable
{
    private readonly ResponseRecorder _responses = new();
    private readonly LogRecorder _logs = new();
    private readonly OrchestratorApp _app;

    public ExportDataLossTests()
    {
        _app = new OrchestratorApp(
                ("export-customer-data.yaml", File.ReadAllText(Path.Combine(RepositoryRunbooks(), "export-customer-data.yaml"))),
                ("policies.yaml", File.ReadAllText(Path.Combine(RepositoryRunbooks(), "policies.yaml"))))
            .With("Orchestrator:Demo", "true")
            .LogTo(_logs)
            .HandleClientsWith(_responses.Handler);
    }

    [Fact]
    public async Task An_approved_export_leaves_no_raw_sensitive_value_in_the_database_the_logs_or_any_api_response()
    {
        var faker = new Faker();
        var requesterEmail = faker.Internet.Email();
        var awsKey = "AKIA" + faker.Random.String2(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        var dbPassword = faker.Internet.Password(18, prefix: "Pw7!");
        var reasonEmail = faker.Internet.Email();
        var ticket = $"GDPR-{faker.Random.Int(1000, 9999)} raised by {requesterEmail}";
        var purpose = $"reconcile with key {awsKey} and Server=crm.internal;Database=crm;User Id=export;Password={dbPassword};";
        var agent = await _app.AgentClientAsync("report-bot");
        var reviewer = await _app.HumanClientAsync(faker.Internet.UserName().ToLowerInvariant(), "data-owners");
        var auditor = await _app.HumanClientAsync(faker.Internet.UserName().ToLowerInvariant(), "auditors");
        var customers = await CustomersAsync("FR");
        var secrets = new SensitiveValues();
        secrets.Add("input email", requesterEmail);
        secrets.Add("input aws key", awsKey);
        secrets.Add("input password", dbPassword);
        secrets.Add("reason email", reasonEmail);
        foreach (var c in customers)
        {
            secrets.Add("customer email", c.Email);
            secrets.Add("customer phone", c.Phone);
            secrets.Add("customer iban", c.Iban);
        }

        var runId = await agent.StartAsync("export-customer-data", new { customer_country = "FR", ticket, purpose }, $"customer {reasonEmail} asked for their data");
        await agent.WaitForAsync(runId, r => r.Status() == "waiting");
        await agent.GetStringAsync("/api/runs?limit=10");
        await agent.GetStringAsync("/api/approvals");
        await agent.GetStringAsync("/api/policy/explain?runbook=export-customer-data");
        var pending = JsonNode.Parse(await reviewer.GetStringAsync("/api/approvals?status=pending"))!["items"]!.AsArray();
        var gateId = pending.Single(g => g!["run_id"]!.GetValue<string>() == runId)!["id"]!.GetValue<string>();
        var gate = JsonNode.Parse(await reviewer.GetStringAsync($"/api/approvals/{gateId}"))!;
        using var reveal = await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/reveals", new { field = "inputs.ticket", justification = "check the ticket is the subject's" });
        var revealed = await reveal.Content.ReadAsStringAsync();
        using var decision = await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve", reason = "ticket checked" });
        Assert.Equal(200, (int)decision.StatusCode);
        var run = await agent.WaitForEndAsync(runId);
        await agent.GetStringAsync("/api/runs?limit=10");
        await reviewer.GetStringAsync("/api/approvals?status=all");
        await reviewer.GetStringAsync($"/api/approvals/{gateId}");
        await auditor.GetStringAsync("/api/audit/events?format=jsonl");
        await auditor.GetStringAsync("/api/audit/events?format=csv");
        await auditor.GetStringAsync("/api/audit/verify");

        Assert.True(run.Status() == "succeeded", run.ToJsonString());
        Assert.Equal(customers.Count, gate["export_summary"]!["row_count"]!.GetValue<int>());
        Assert.Contains(ticket, revealed);
        var export = await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(_app.DataDirectory, "exports"), $"customers-FR-{runId}.csv").Single());
        Assert.Contains(customers[0].Email, export);

        var leaks = new List<string>();
        foreach (var file in Directory.GetFiles(_app.DataDirectory, "orchestrator.db*"))
            leaks.AddRange(secrets.FoundIn(ReadShared(file)).Select(s => $"{Path.GetFileName(file)}: {s}"));
        leaks.AddRange(_logs.Lines.SelectMany(line => secrets.FoundIn(line).Select(s => $"log '{line}': {s}")));
        foreach (var response in _responses.Responses.Where(r => !r.Call.EndsWith("/reveals", StringComparison.Ordinal)))
            leaks.AddRange(secrets.FoundIn(response.Body).Select(s => $"{response.Call} ({response.Status}): {s}"));
        // The reveal answer carries the one value asked for, and nothing else.
        leaks.AddRange(secrets.FoundIn(revealed.Replace(JsonValue.Create(ticket)!.ToJsonString().Trim('"'), "").Replace(ticket, ""))
            .Select(s => $"reveal answer: {s}"));
        Assert.True(leaks.Count == 0, "raw sensitive values found:\n" + string.Join("\n", leaks.Distinct().Take(40)));
    }

    private async Task<List<Customer>> CustomersAsync(string country)
    {
        _ = _app.Services; // starts the server, which creates the demo CRM
        await using var crm = new SqliteConnection($"Data Source={DemoCrmSeeder.PathIn(_app.DataDirectory)};Mode=ReadOnly;Pooling=False");
        await crm.OpenAsync();
        await using var query = crm.CreateCommand();
        query.CommandText = "SELECT email, phone, iban FROM customers WHERE country = $country ORDER BY id";
        query.Parameters.AddWithValue("$country", country);
        await using var rows = await query.ExecuteReaderAsync();
        var customers = new List<Customer>();
        while (await rows.ReadAsync()) customers.Add(new Customer(rows.GetString(0), rows.GetString(1), rows.GetString(2)));
        return customers;
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    private static string RepositoryRunbooks()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RunbookOrchestrator.sln"))) return Path.Combine(dir.FullName, "runbooks");
        throw new DirectoryNotFoundException("repository root (RunbookOrchestrator.sln) not found above " + AppContext.BaseDirectory);
    }

    private sealed record Customer(string Email, string Phone, string Iban);

    public void Dispose() => _app.Dispose();
}
