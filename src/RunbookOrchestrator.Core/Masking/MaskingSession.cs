using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Masking;

/// <summary>
/// Masking for one request: the same raw value always gets the same token (mask plus a short keyed tag such as
/// <c>#a1</c>), different values with the same mask get different tags, and a token can be revealed on demand.
/// Revealed values must never be logged.
/// </summary>
public sealed class MaskingSession : IMasker
{
    private readonly Masker _masker;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<(string Type, string Raw), string> _tokens = new();
    private readonly Dictionary<string, string> _raw = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly MaskTokenizer _tokenizer;

    internal MaskingSession(Masker masker)
    {
        _masker = masker;
        _tokenizer = Tokenize;
    }

    /// <inheritdoc />
    public MaskResult MaskText(string text) => _masker.MaskText(text, _tokenizer);

    /// <inheritdoc />
    public JsonNode? MaskJson(JsonNode? node, MaskingPolicy? policy = null) =>
        new JsonMasking(_masker).Mask(node, policy ?? MaskingPolicy.Empty, _tokenizer);

    /// <inheritdoc />
    public string Mask(string value, string kind) => _masker.Mask(value, kind, _tokenizer);

    /// <inheritdoc />
    public MaskingSession BeginSession() => _masker.BeginSession();

    /// <summary>The raw value behind a token this session wrote, or null for an unknown token.</summary>
    public string? Reveal(string token)
    {
        lock (_gate) return _raw.GetValueOrDefault(token);
    }

    private string Tokenize(string raw, string type, string mask)
    {
        lock (_gate)
        {
            if (_tokens.TryGetValue((type, raw), out var known)) return known;
            var tag = Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(type + "\0" + raw)));
            // Two hex digits usually suffice; lengthen only when two values would share a token.
            var length = 2;
            string token;
            while (_raw.TryGetValue(token = $"{mask}#{tag[..length]}", out var other) && other != raw) length++;
            _tokens[(type, raw)] = token;
            _raw[token] = raw;
            return token;
        }
    }
}
