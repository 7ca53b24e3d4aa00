namespace RunbookOrchestrator.Server.Channels;

/// <summary><c>Channels</c>: where reviews go when a gate names no channels, and each channel's settings.</summary>
public sealed class ChannelOptions
{
    /// <summary>Channels of a gate that names none.</summary>
    public List<string> Default { get; set; } = ["email"];

    /// <summary>The address reviewers reach the server at, for links (see <see cref="Hosting.PublicUrl"/>).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Folder of operators' templates overriding the built-in ones (file names as in docs/channels.md).</summary>
    public string? TemplatesDirectory { get; set; }

    public EmailChannelOptions Email { get; set; } = new();

    public SlackChannelOptions Slack { get; set; } = new();

    public TeamsChannelOptions Teams { get; set; } = new();
}

/// <summary><c>Channels:Teams</c>: a Teams Workflows (or incoming webhook) URL that posts the cards it receives to a channel.</summary>
public sealed class TeamsChannelOptions
{
    /// <summary>The webhook URL; it is a secret (whoever has it can post), so it belongs in the environment, not in Git.</summary>
    public string? WebhookUrl { get; set; }
}

/// <summary><c>Channels:Slack</c>: a Slack app's bot token and signing secret, and the channel reviews are posted to.</summary>
public sealed class SlackChannelOptions
{
    public string? BotToken { get; set; }
    public string? SigningSecret { get; set; }

    /// <summary>The channel id (<c>C…</c>) reviews are posted to.</summary>
    public string? Channel { get; set; }
    public string ApiBaseUrl { get; set; } = "https://slack.com/api";

    public bool Configured => BotToken is { Length: > 0 } && SigningSecret is { Length: > 0 } && Channel is { Length: > 0 };
}

/// <summary><c>Channels:Email</c>. Without <see cref="Host"/>, mails are written to <c>outbox/*.eml</c> in the data folder.</summary>
public sealed class EmailChannelOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c> or <c>None</c> (loopback only).</summary>
    public string Tls { get; set; } = "StartTls";
    public string From { get; set; } = "RunbookOrchestrator <runbooks@localhost>";

    /// <summary>SMTP user; the password comes from the environment (<c>Channels__Email__Password</c>), never a file in Git.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
