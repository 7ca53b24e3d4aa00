using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Channels;

/// <summary>Without an SMTP server (the embedded default) review mails land in the data folder's outbox, so a newcomer can click.</summary>
public sealed class EmailOutboxFolderTests
{
    [Fact]
    public async Task Without_smtp_the_review_mail_is_written_to_the_outbox_folder_readable_by_the_server_only_and_the_log_says_where()
    {
        var logs = new LogRecorder();
        await using var app = new OrchestratorApp(("export.yaml", """
            id: export
            version: 1
            owners: [data-owners]
            steps:
              - id: ask
                uses: approval
                with: { approvers: [group:data-owners], timeout: 1h }
            """)).LogTo(logs);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IHumanUserStore>().AddAsync(new HumanUser("olga", "Olga", "olga@example.com", ["data-owners"], false));
        var agent = await app.AgentClientAsync("outbox-agent");

        var runId = await agent.StartAsync("export");
        await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });
        var folder = Path.Combine(app.DataDirectory, "outbox");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.eml").Any()) && DateTime.UtcNow < deadline) await Task.Delay(50);
        var file = Directory.EnumerateFiles(folder, "*.eml").Single();
        var mail = await MimeMessage.LoadAsync(file);

        Assert.Equal("olga@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Contains("/review/", mail.TextBody);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Contains(logs.Lines, l => l.Contains(file, StringComparison.Ordinal));
    }
}
