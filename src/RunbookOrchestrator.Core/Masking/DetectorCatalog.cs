using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using RunbookOrchestrator.Masking.Validation;

namespace RunbookOrchestrator.Masking;

/// <summary>
/// The detectors as data. Adding one is one entry: a regex, an accept rule, a mask style, a priority
/// (higher wins when two detections overlap) and a cheap trigger.
/// </summary>
/// <remarks>
/// Trigger lengths, digit counts and runs are those of the shortest value the regex and accept rule let through
/// (e.g. <c>ghp_</c> and 20 characters is 24); windows are sized from the characters a regex can read around a digit
/// group or run. <c>TriggerEquivalenceTests</c> checks that none of it changes what is found.
/// </remarks>
public sealed partial class DetectorCatalog
{
    /// <summary>How long one regex scan may take before the text is treated as unscannable and masked whole.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Minimum Shannon entropy (bits/char) of a generic API key found without a key name next to it.</summary>
    public const double GenericKeyEntropy = 4.0;

    /// <summary>Minimum length of a generic API key found by entropy alone.</summary>
    public const int GenericKeyMinLength = 20;

    /// <summary>The built-in detectors.</summary>
    public static DetectorCatalog Default => BuiltInCatalog.Value;

    // Lazy so the character sets below are initialised before the detectors that use them.
    private static readonly Lazy<DetectorCatalog> BuiltInCatalog = new(() => new DetectorCatalog(BuiltIn()));

    /// <summary>Creates a catalog from detectors.</summary>
    public DetectorCatalog(IEnumerable<Detector> detectors) => Detectors = detectors.ToList();

    /// <summary>All detectors, in declaration order.</summary>
    public IReadOnlyList<Detector> Detectors { get; }

    /// <summary>A new catalog with <paramref name="detector"/> added.</summary>
    public DetectorCatalog With(Detector detector) => new(Detectors.Append(detector));

    /// <summary>The mask style of the first detector of <paramref name="type"/>, or null.</summary>
    public MaskStyle? StyleFor(string type) => Detectors.FirstOrDefault(d => d.Type == type)?.Style;

    /// <summary>Compiles a detector regex the same way everywhere: compiled, culture-invariant, with a timeout.</summary>
    public static Regex Pattern([StringSyntax(StringSyntaxAttribute.Regex)] string pattern, RegexOptions extra = RegexOptions.None) =>
        new(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | extra, RegexTimeout);

    private static readonly SearchValues<char> Alnum = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> TokenChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");
    private static readonly SearchValues<char> NumberChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");
    private static readonly SearchValues<char> Base64Chars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+");
    private static readonly SearchValues<char> KeyGlue = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/.");
    private static readonly SearchValues<char> PhoneGlue = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-.,/:");
    private const string WordEnd = @"(?![A-Za-z0-9_])";

    private static IEnumerable<Detector> BuiltIn()
    {
        yield return new Detector("private_key", "private_key",
            Pattern(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s\\:,]*)"),
            Detector.Always, MaskStyles.PrivateKey, 100, new(MinLength: 27, AnyOf: ["PRIVATE KEY"]));

        yield return new Detector("jwt", "jwt",
            Pattern(@"eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]*(?![A-Za-z0-9_\-])"),
            Detector.After(TokenChars, Detector.When(v => JwtHeader.Algorithm(v) is not null)), MaskStyles.Jwt, 90, new(MinLength: 15, MinTokenRun: 11, AnyOf: ["eyJ"]));

        yield return new Detector("slack_webhook", "slack_webhook",
            Pattern(@"https?://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/\-]+", RegexOptions.IgnoreCase),
            Detector.Always, MaskStyles.SlackWebhook, 90, new(MinLength: 33, AnyOf: ["hooks.slack.com"], IgnoreCase: true));

        yield return new Detector("url_password", "password",
            Pattern(@"://[^\s:/@""'<>]{1,100}:(?<value>[^\s@/""'<>]{1,200})@[A-Za-z0-9.\-\[\]\u00C0-\uFFEF]+"),
            Detector.When(v => !IsPlaceholder(v)), MaskStyles.Fixed("[secret: url password]"), 85, new(MinLength: 8, AnyOf: ["://"]));

        yield return new Detector("github_token", "github_token",
            Pattern(@"(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})" + WordEnd),
            Detector.After(TokenChars, Detector.Always), MaskStyles.PrefixedToken("github-token"), 80, new(MinLength: 24, MinTokenRun: 24, AnyOf: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]));

        yield return new Detector("gitlab_token", "gitlab_token",
            Pattern(@"gl(?:pat|ptt|dt|rt|soat|ft|imt|oas|cbt|agent|wt)-[A-Za-z0-9_\-]{20,}(?![A-Za-z0-9_\-])"),
            Detector.After(TokenChars, Detector.Always), MaskStyles.PrefixedToken("gitlab-token"), 80, new(MinLength: 25, MinTokenRun: 25, AnyOf: ["glpat-", "glptt-", "gldt-", "glrt-"]));

        yield return new Detector("slack_token", "slack_token",
            Pattern(@"(?:xoxe\.xox[bp]|xox[bpearsc]|xapp)-[A-Za-z0-9\-]{10,}(?![A-Za-z0-9_\-])"),
            Detector.After(TokenChars, Detector.When(v => v.Count(char.IsAsciiDigit) >= 4)), MaskStyles.PrefixedToken("slack-token"), 80, new(MinLength: 15, MinDigits: 4, MinTokenRun: 15, AnyOf: ["xox", "xapp-"]));

        yield return new Detector("aws_access_key", "aws_access_key",
            Pattern(@"(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
            Detector.After(Alnum, Detector.When(v => !v.EndsWith("EXAMPLE", StringComparison.Ordinal))), MaskStyles.AwsAccessKey, 80, new(MinLength: 20, MinTokenRun: 20, AnyOf: ["AKIA", "ASIA"]));

        yield return new Detector("known_api_key", "api_key",
            Pattern(@"(?:(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_\-]{35}|sk-(?:proj-|ant-|svcacct-)?[A-Za-z0-9_\-]{20,}|SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}|npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_\-]{50,}|dop_v1_[a-f0-9]{64}|dapi[a-f0-9]{32})(?![A-Za-z0-9_\-])"),
            Detector.After(TokenChars, Detector.When(v => v.Any(char.IsAsciiDigit) && !IsPlaceholder(v))), MaskStyles.PrefixedToken("api-key"), 75, new(MinLength: 23, MinDigits: 1, MinTokenRun: 16,
                // Only prefixes whose tokens the entropy detector cannot see (hex bodies): every literal here costs every text a
                // little, and random-looking tokens (hf_, ya29., ATATT, whsec_, xai-, gsk_...) are masked by entropy anyway.
                AnyOf: ["sk_", "pk_", "rk_", "AIza", "sk-", "SG.", "npm_", "pypi-", "dop_v1_", "dapi"]));

        yield return new Detector("connection_password", "password",
            Pattern(@"(?:passw(?:or)?d|pwd|passphrase|(?<![A-Za-z0-9])pass(?![A-Za-z]))[""']?\s*(?:=|:)\s*(?:""(?<value>[^""\r\n]{1,200})""|'(?<value>[^'\r\n]{1,200})'|\{(?<value>[^}\r\n]{1,200})\}|(?<value>[^\s;,""'}<>]{1,200}))", RegexOptions.IgnoreCase),
            Detector.When(v => !IsPlaceholder(v) && !LooksLikePath(v)), MaskStyles.Fixed("[secret: connection password]"), 70, new(MinLength: 5, AnyOf: PasswordWords, IgnoreCase: true));

        // Where people keep passwords without a `=` or `:`, in one regex so a text is searched once: .netrc
        // (`login u password p`), XML elements, command lines (`--password p`, `mysql -pP`, `sshpass -p p`), code that
        // passes one to a constructor or call (`NetworkCredential("u", "p")`, `auth=("u", "p")`) and sentences ("the
        // password is p", where the word must look like a password).
        yield return new Detector("password_in_context", "password",
            Pattern(@"(?:\b(?:login|user(?:name)?)\s+\S+\s+password\s+(?<value>[^\s]{1,200})"
                    + @"|<(?<tag>[A-Za-z0-9_:.\-]*(?:passw(?:or)?d|pwd|passphrase)[A-Za-z0-9_:.\-]*)(?:\s[^>]*)?>(?<value>[^<\r\n]{1,200})</\k<tag>>"
                    + @"|(?<![\w\-])--pass(?:word|wd)?\s+[""']?(?<value>[^\s""'\-][^\s""']{0,199})"
                    + @"|\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\r\n]{0,200}?\s-p(?<value>[^\s'""]{3,100})"
                    + @"|\bsshpass\s+-p\s*[""']?(?<value>[^\s""']{1,100})"
                    + @"|\bcurl\b[^\r\n]{0,200}?\s(?:-u|--user)\s+[""']?[^\s:""']{1,100}:(?<value>[^\s""']{1,200})"
                    + @"|(?:(?:Credentials?|BasicAuth|Authentication|login)\(|\bauth ?= ?\(|\bauth: ?\[)\s*[""'][^""'\r\n]{1,100}[""']\s*,\s*[""'](?<value>[^""'\r\n]{1,200})[""']"
                    + @"|\b(?:password|passphrase|passcode|pass word|pwd) (?:is|was|will be|set to)\s*:?\s*[""'\u201C\u2018]?(?<value>[^\s""'\u201D\u2019,;]{4,100}))",
                RegexOptions.IgnoreCase),
            AcceptPasswordInContext, MaskStyles.Fixed("[secret: password]"), 69,
            new(MinLength: 10, AnyOf: [.. PasswordWords, "mysql", "credential", "auth", "login", "curl"], IgnoreCase: true));

        yield return new Detector("aws_secret_key", "aws_secret_key",
            Pattern(@"(?:^|[^A-Za-z0-9/+])(?<value>[A-Za-z0-9/+]{40,})"),
            Detector.After(Base64Chars, LooksLikeAwsSecret), MaskStyles.Fixed("[aws-secret-key]"), 68, new(MinTokenRun: 40, Scope: ScanScope.TokenRuns, Before: 1, After: 1,
                Window: TokenShape.MixesCaseAndDigits));

        yield return new Detector("named_api_key", "api_key",
            Pattern(@"(?:(?:api[_\-]?key|apikey|access[_\-]?token|auth[_\-]?token|secret[_\-]?key|client[_\-]?secret|api[_\-]?token|private[_\-]?token|private[_\-]?key[_\-]?id|bearer|token|secret))[""']?\s*(?:[:= ]|>)\s*[""']?(?<value>[A-Za-z0-9_\-+/=.~]{12,200})", RegexOptions.IgnoreCase),
            Detector.When(IsNamedKeyValue), MaskStyles.Fixed("[api-key]"), 65, new(MinLength: 18, AnyOf: ["key", "token", "secret", "bearer"], IgnoreCase: true));

        yield return new Detector("email", "email",
            Pattern(@"(?<=(?<![A-Za-z0-9\u00C0-\uFFEF._%+\-])(?<lead>[A-Za-z0-9_\u00C0-\uFFEF](?:[A-Za-z0-9\u00C0-\uFFEF._%+\-]{0,62}[A-Za-z0-9\u00C0-\uFFEF_%+\-])?))@(?:[A-Za-z0-9\u00C0-\uFFEF](?:[A-Za-z0-9\u00C0-\uFFEF\-]{0,61}[A-Za-z0-9\u00C0-\uFFEF])?\.)+(?:[A-Za-z\u00C0-\uFFEF]{2,24}|xn--[a-z0-9\-]{2,59})(?![A-Za-z0-9\u00C0-\uFFEF\-]|\.[A-Za-z0-9\u00C0-\uFFEF])"),
            Detector.When(v => !v.Contains("..", StringComparison.Ordinal)), MaskStyles.Email, 60, new(AnyOf: ["@"]));

        yield return new Detector("iban", "iban",
            Pattern(@"(?:[A-Z]{2}[0-9]{2}(?:[ \-]?[A-Z0-9]){11,34}|[a-z]{2}[0-9]{2}(?:[ \-]?[a-z0-9]){11,34})"),
            Detector.After(Alnum, input => Iban.ValidPrefixLength(input.Value)), MaskStyles.Iban, 55, new(MinLength: 15, MinDigits: 2, MinDigitGroup: 2, Scope: ScanScope.DigitGroups, Before: 2, After: 72,
                Window: (text, start, _) => Iban.CouldStartBefore(text, start)));

        yield return new Detector("credit_card", "credit_card",
            Pattern(@"(?:\d{4}(?<s>[ \-])\d{4}\k<s>\d{4}\k<s>\d{1,4}(?:\k<s>\d{1,3})?|\d{4}(?<t>[ \-])\d{6}\k<t>\d{4,5}|\d{13,19})(?![\w]|[\-.,]\d)"),
            Detector.After(TokenChars, Detector.When(PaymentCard.IsValid)), MaskStyles.Card, 50, new(MinDigits: 13, MinTokenRun: 4, MinDigitGroup: 13, Scope: ScanScope.DigitGroups, After: 2));

        yield return new Detector("us_ssn", "us_ssn",
            Pattern(@"\d{3}(?<sep>[\- ])\d{2}\k<sep>\d{4}(?![\w]|[\-.]\d)"),
            Detector.After(NumberChars, Detector.When(UsSsn.IsValid)), MaskStyles.UsSsn, 50, new(MinDigits: 9, MinDigitGroup: 9, Scope: ScanScope.DigitGroups, After: 2,
                Window: UsSsn.CouldBeIn));

        yield return new Detector("us_ssn_labelled", "us_ssn",
            Pattern(@"(?i:\bssn|social security(?: number)?)(?:\s*(?:no\.?|number|#))?\s*[:=#]?\s*(?<value>\d{3}[.\- ]?\d{2}[.\- ]?\d{4})(?![\d\-.]\d|\d)"),
            Detector.When(UsSsn.IsValid), MaskStyles.UsSsn, 50, new(MinLength: 12, MinDigits: 9, AnyOf: ["ssn", "social security"], IgnoreCase: true, MinDigitGroup: 9));

        yield return new Detector("uk_nino", "uk_nino",
            Pattern(@"[A-Za-z]{2}[ \-]?\d{2}[ \-]?\d{2}[ \-]?\d{2}[ \-]?[A-Da-d](?![A-Za-z0-9])"),
            Detector.After(Alnum, Detector.When(UkNino.IsValid)), MaskStyles.UkNino, 50, new(MinLength: 9, MinDigits: 6, MinDigitGroup: 6, Scope: ScanScope.DigitGroups, Before: 3, After: 3,
                Window: (text, start, _) => UkNino.CouldStartBefore(text, start)));

        yield return new Detector("phone", "phone",
            Pattern(@"(?:\+1[ .\-]?\(?\d{3}\)?[ .\-]?\d{3}[ .\-]?\d{4}|\+\d{1,3}(?:[ .\-]?\(?\d{1,5}\)?){1,5}|(?:1[ .\-])?(?:\(\d{3}\)[ .\-]?|\d{3}[ .\-])\d{3}[ .\-]\d{4}|\(?0\d{1,4}\)?[ \-]\d{3,4}[ \-]?\d{3,4}|0\d(?:[ .\-]\d{2}){4})(?![\w\-]|[.,:/]\d)"),
            Detector.After(PhoneGlue, Detector.When(PhoneNumber.IsPlausible)), MaskStyles.Phone, 40, new(MinDigits: 8, MinDigitGroup: 8, Scope: ScanScope.DigitGroups, Before: 2, After: 3,
                Window: PhoneNumber.CouldBeIn));

        yield return new Detector("entropy_api_key", "api_key",
            Pattern(@"(?:^|[^A-Za-z0-9_\-+/.])(?<value>[A-Za-z0-9_\-+/]{20,}={0,2})(?![A-Za-z0-9_\-+/=]|\.[A-Za-z0-9])"),
            Detector.After(KeyGlue, input => LooksLikeRandomKey(input.Value) && !IsResourceId(input.Value) && !InsideArn(input) && !FollowsPublicMaterial(input) ? input.Value.Length : 0), MaskStyles.Fixed("[api-key]"), 10, new(MinTokenRun: GenericKeyMinLength, Scope: ScanScope.TokenRuns, Before: 1, After: 4,
                Window: TokenShape.MixesCaseAndDigits));
    }

    // The trigger words of every password detector: one shared set, so the literal search looks for them once.
    // Not "pass" alone: it is in every "passport", "passenger" and "passed" of ordinary text.
    private static readonly string[] PasswordWords = ["passw", "pwd", "passphrase", "_pass", "pass=", "pass =", "pass:", "pass\"", "-pass", "sshpass"];

    private static readonly string[] PlaceholderWords =
    [
        "null", "none", "nil", "redacted", "reset", "required", "changed", "expired", "forgotten", "incorrect", "invalid", "hidden", "masked",
        "changeme", "change_me", "change-me", "changeit", "example", "sample", "dummy", "placeholder", "todo", "tbd", "secret", "password",
        "your_password", "yourpassword", "your-password", "mypassword", "my_password", "notset", "not_set", "empty", "undefined", "omitted",
    ];

    // Placeholders, masks and references to a secret held elsewhere: what follows "password:" in templates and docs.
    private static readonly string[] PlaceholderPrefixes = ["${", "$(", "$$", "{", "%(", "<", "&lt;", "&#", "[secret", "#{", "&lt", "@Microsoft.KeyVault(", "!Ref", "!Sub", "((", "[["];

    private static readonly string[] ReferencePrefixes =
    [
        "env.", "process.env", "os.environ", "os.getenv", "getenv(", "System.getenv", "Environment.GetEnvironmentVariable", "ENV[", "ENV.fetch",
        "secrets.", "vars.", "vault:", "vault://", "secret://", "ref+", "arn:aws:secretsmanager:", "arn:aws:ssm:", "projects/", "sm://", "op://", "keyvault:",
        "config.", "settings.", "self.", "this.", "params.", "args.", "options.", "opts.", "cfg.", "conf.",
    ];

    // Words that commonly follow "password:" in prose, masks, examples and references to secrets kept elsewhere are not passwords.
    private static bool IsPlaceholder(string value)
    {
        var v = value.Trim();
        if (v.Length == 0 || v.All(c => c is '*' or 'x' or 'X' or '•' or '.' or '#' or '-' or '_' or '?')) return true;
        if (VariableReference().IsMatch(v)) return true;
        var bare = v.Trim('(', ')', '[', ']', '<', '>', '"', '\'');
        if (PlaceholderWords.Any(w => bare.Equals(w, StringComparison.OrdinalIgnoreCase))) return true;
        if (v.Contains("EXAMPLE", StringComparison.OrdinalIgnoreCase) || v.Contains("xxxx", StringComparison.OrdinalIgnoreCase)
            || v.Contains("<your", StringComparison.OrdinalIgnoreCase) || v.Contains("your_", StringComparison.OrdinalIgnoreCase)
            || v.Contains("****", StringComparison.Ordinal))
            return true;
        if (PlaceholderPrefixes.Any(p => v.StartsWith(p, StringComparison.Ordinal))) return true;
        if (ReferencePrefixes.Any(p => v.StartsWith(p, StringComparison.OrdinalIgnoreCase))) return true;
        // A call or an index cut off by the value's end (`getSecret(`, `os.environ[`): code that fetches the secret.
        return v[^1] is '(' or '[' || (v.Contains('(') && v.EndsWith(')') && char.IsAsciiLetter(v[0]) && v.IndexOf('(') > 1 && v[..v.IndexOf('(')].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'));
    }

    // $DB_PASS, $env:DB_PASS, %DB_PASS% (shell, PowerShell, cmd): upper-case names, as such variables are written.
    [GeneratedRegex(@"^(?:\$(?:env:)?[A-Z_][A-Z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%)$")]
    private static partial Regex VariableReference();

    // `pwd: /home/app` is a working directory; a password is not an absolute path.
    private static bool LooksLikePath(string value) =>
        value.Length > 1 && (value[0] is '/' or '~' || (value.Length > 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' && value[2] is '\\' or '/'))
        && value.IndexOfAny(['/', '\\'], 1) > 0;

    private static int AcceptPasswordInContext(DetectorInput input)
    {
        if (IsPlaceholder(input.Value) || LooksLikePath(input.Value)) return 0;
        // In a sentence the word after "is" must look like a password; everywhere else the context says it is one.
        var before = input.Text.AsSpan(0, input.Start).TrimEnd(" \t:\"'\u201C\u2018");
        return before.EndsWith(" is", StringComparison.OrdinalIgnoreCase) || before.EndsWith(" was", StringComparison.OrdinalIgnoreCase)
               || before.EndsWith(" be", StringComparison.OrdinalIgnoreCase) || before.EndsWith(" to", StringComparison.OrdinalIgnoreCase)
            ? LooksLikeProsePassword(input)
            : input.Value.Length;
    }

    // "the password is Kangaroo-42": a sentence names a password only when the word after it looks like one (digits,
    // symbols or mixed case), not "the password is required" or "too short". Closing punctuation is not part of it.
    private static int LooksLikeProsePassword(DetectorInput input)
    {
        var v = input.Value.TrimEnd('.', ')', ':');
        if (v.Length < 6 || IsPlaceholder(v) || LooksLikePath(v)) return 0;
        var digits = v.Any(char.IsAsciiDigit);
        var symbols = v.Any(c => !char.IsLetterOrDigit(c));
        var mixed = v.Any(char.IsUpper) && v.Any(char.IsLower);
        return digits || symbols || mixed ? v.Length : 0;
    }

    // Public material and resource identifiers look random but are not secrets: what precedes the value says so.
    private static readonly string[] PublicMaterialMarks =
        ["PUBLIC KEY", "BEGIN CERTIFICATE", "ssh-rsa ", "ssh-ed25519 ", "ssh-dss ", "ecdsa-sha2-", "sk-ssh-", "PGP PUBLIC", "PGP SIGNATURE", "BEGIN X509"];

    private static bool FollowsPublicMaterial(DetectorInput input)
    {
        var from = Math.Max(0, input.Start - 400);
        // A few characters of the value too: a key glued to its header (`PUBLIC KEY-----MIIB...`) starts inside the mark.
        var before = input.Text.AsSpan(from, input.Start + Math.Min(12, input.Value.Length) - from);
        foreach (var mark in PublicMaterialMarks)
        {
            var at = before.LastIndexOf(mark, StringComparison.Ordinal);
            if (at < 0) continue;
            // Unless a private block starts after it.
            if (before[at..].IndexOf("PRIVATE", StringComparison.Ordinal) < 0) return true;
        }
        return false;
    }

    private static readonly string[] ResourcePrefixes =
        ["ami-", "subnet-", "vpc-", "sg-", "i-", "vol-", "snap-", "eni-", "igw-", "rtb-", "acl-", "nat-", "eipalloc-", "lt-", "tgw-", "pcx-", "vpce-", "fs-", "db-", "cluster-", "arn:", "sha256:", "sha512:", "sha1:", "md5:"];

    // The resource part of an ARN (`arn:aws:s3:::bucket-2024/logs/x`) names a resource, however random it looks.
    private static bool InsideArn(DetectorInput input)
    {
        var from = input.Start;
        while (from > 0 && !char.IsWhiteSpace(input.Text[from - 1]) && input.Text[from - 1] is not ('"' or '\'' or '=' or ',')) from--;
        return input.Text.AsSpan(from, input.Start - from).StartsWith("arn:", StringComparison.Ordinal);
    }

    private static bool IsResourceId(string value) =>
        ResourcePrefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal)) || value.Contains("EXAMPLE", StringComparison.Ordinal);

    // Next to a key's name a value is a key when it looks random: with digits, or (one in thirty random keys has none)
    // long, mixed case and without a word-long run of small letters, which rules out names such as DatabaseCredentials.
    private static bool IsNamedKeyValue(string value) =>
        TokenShape.CharacterClasses(value) >= 2 && TokenShape.Entropy(value) >= 3.0 && !IsPlaceholder(value) && !IsResourceId(value)
        && (value.Any(char.IsAsciiDigit)
            || (value.Length >= 16 && value.Any(char.IsAsciiLetterUpper) && value.Any(char.IsAsciiLetterLower) && TokenShape.Entropy(value) >= 3.5
                && TokenShape.LongestRun(value, char.IsAsciiLetterLower) < 6));

    private static int LooksLikeAwsSecret(DetectorInput input)
    {
        var v = input.Value;
        var end = input.Start + v.Length;
        if (v.Length != 40 || (end < input.Text.Length && input.Text[end] == '=')) return 0;
        if (TokenShape.IsHexLike(v) || TokenShape.Entropy(v) < 4.0) return 0;
        if (!v.Any(char.IsAsciiLetterUpper) || !v.Any(char.IsAsciiLetterLower) || !v.Any(char.IsAsciiDigit)) return 0;
        var from = Math.Max(0, input.Start - 160);
        var before = input.Text.AsSpan(from, input.Start - from);
        var hasContext = before.Contains("aws", StringComparison.OrdinalIgnoreCase)
                         || input.Text.Contains("AKIA", StringComparison.Ordinal)
                         || input.Text.Contains("ASIA", StringComparison.Ordinal);
        if (!hasContext && v.AsSpan().IndexOfAny('/', '+') < 0) return 0;
        return FollowsPublicMaterial(input) || IsPlaceholder(v) ? 0 : v.Length;
    }

    // A generic key must look random: long, high entropy, upper and lower case and digits, not a hash, path or identifier.
    private static bool LooksLikeRandomKey(string v)
    {
        if (v.Length > 202) return false;
        if (TokenShape.IsHexLike(v) || v[0] == '/' || v.Contains("//", StringComparison.Ordinal)) return false;
        if (!v.Any(char.IsAsciiLetterUpper) || !v.Any(char.IsAsciiLetterLower) || !v.Any(char.IsAsciiDigit)) return false;
        if (TokenShape.CharacterClasses(v) < 3 || TokenShape.Entropy(v) < GenericKeyEntropy) return false;
        return TokenShape.LongestRun(v, char.IsAsciiLetterLower) < 10;
    }
}
