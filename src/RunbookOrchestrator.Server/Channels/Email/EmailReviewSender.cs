using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Channels.Links;
using RunbookOrchestrator.Server.Persistence.Channels;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Server.Channels.Email;

/// <summary>Mails one reviewer their review (HTML and text parts) with a link of their own: over SMTP with MailKit when
/// <c>Channels:Email:Host</c> is set, otherwise into <c>outbox/*.eml</c> in the data folder, so a newcomer can open it and click.</summary>
public sealed class EmailReviewSender(
    IOptions<ChannelOptions> options,
    IServiceScopeFactory scopes,
    IApprovalStore store,
    ReviewLinks links,
    ReviewTemplates templates,
    Hosting.OrchestratorPaths paths,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<EmailReviewSender> logger) : IReviewSender
{
    public string Channel => ReviewChannels.Email;

    public async Task<string?> SendAsync(DeliveryEntity delivery, ApprovalGateData gate, CancellationToken cancellationToken)
    {
        HumanUser? user;
        await using (var scope = scopes.CreateAsyncScope())
            user = await scope.ServiceProvider.GetRequiredService<IHumanDirectory>().FindByNameAsync(delivery.Recipient, cancellationToken);
        if (user is null or { Disabled: true } || user.Email is not { Length: > 0 } address)
            throw new InvalidOperationException($"user '{delivery.Recipient}' is unknown, disabled or has no email address");

        var baseUrl = Hosting.PublicUrl.From(configuration);
        var scope2 = ReviewView.Of(gate, await store.DecisionsAsync(gate.Id, cancellationToken), baseUrl, clock.GetUtcNow());
        scope2["event"] = delivery.Kind;
        scope2["reviewer"] = user.DisplayName;
        scope2["link"] = gate.Status == GateStatus.Pending
            ? baseUrl + ReviewLinks.PathPrefix + await links.IssueAsync(gate.Id, user.Name, gate.Deadline, cancellationToken)
            : null;

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.Email.From));
        message.To.Add(new MailboxAddress(user.DisplayName, address));
        message.Subject = templates.Render(ReviewTemplates.EmailSubject, scope2, TemplateTarget.PlainText).Trim().ReplaceLineEndings(" ");
        message.MessageId = $"{delivery.Id}@runbook-orchestrator";
        // Mail clients thread by these: the request, its reminders and escalations stay one conversation per gate.
        message.References.Add($"{gate.Id}@runbook-orchestrator");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder
        {
            TextBody = templates.Render(ReviewTemplates.EmailText, scope2, TemplateTarget.PlainText),
            HtmlBody = templates.Render(ReviewTemplates.EmailHtml, scope2, TemplateTarget.Html),
        }.ToMessageBody();

        var smtp = options.Value.Email;
        if (smtp.Host is not { Length: > 0 } host)
        {
            var folder = Path.Combine(paths.DataDirectory, "outbox");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{delivery.Id}.eml");
            // The mail holds the reviewer's link, which decides: readable by the server's user only.
            await using (var stream = new FileStream(file, new FileStreamOptions
                         {
                             Mode = FileMode.Create, Access = FileAccess.Write,
                             UnixCreateMode = OperatingSystem.IsWindows() ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite,
                         }))
                await message.WriteToAsync(stream, cancellationToken);
            logger.LogInformation("No SMTP server configured (Channels:Email:Host): the review mail to {Recipient} is in {File}", user.Name, file);
            return null;
        }
        using var client = new SmtpClient();
        var tls = smtp.Tls switch
        {
            "SslOnConnect" => SecureSocketOptions.SslOnConnect,
            "StartTlsWhenAvailable" => SecureSocketOptions.StartTlsWhenAvailable,
            "None" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(host, smtp.Port, tls, cancellationToken);
        if (smtp.UserName is { Length: > 0 } name) await client.AuthenticateAsync(name, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return null;
    }
}
