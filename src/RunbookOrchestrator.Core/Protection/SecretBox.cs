using System.Security.Cryptography;
using System.Text;

namespace RunbookOrchestrator.Protection;

/// <summary>Seals text with AES-256-GCM under a key kept outside the database, so raw run data at rest is unreadable without that key.</summary>
public sealed class SecretBox
{
    /// <summary>Every sealed value starts with this, so values written before sealing existed are told apart and read as they are.</summary>
    public const string Prefix = "rbo-sealed:v1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <summary>Creates a box over a 32-byte key.</summary>
    public SecretBox(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("the key must be 32 bytes (256 bits)", nameof(key));
        _key = (byte[])key.Clone();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(_key))[..16];
    }

    /// <summary>A public fingerprint of the key (not the key): contexts with different keys must not share a model.</summary>
    public string KeyId { get; }

    /// <summary>A box with a fresh random key that lives as long as the process: for hosts that keep nothing across restarts.</summary>
    public static SecretBox Ephemeral() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>Seals <paramref name="plain"/>; each call uses a fresh nonce, so equal texts give different sealed values.</summary>
    public string Seal(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var output = new byte[NonceSize + TagSize + data.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return Prefix + Convert.ToBase64String(output);
    }

    /// <summary>Opens a sealed value; text without the prefix is returned unchanged. Throws <see cref="CryptographicException"/> for a wrong key or altered value.</summary>
    public string Open(string value)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal)) return value;
        var bytes = Convert.FromBase64String(value[Prefix.Length..]);
        if (bytes.Length < NonceSize + TagSize) throw new CryptographicException("sealed value is too short");
        var plain = new byte[bytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize + TagSize), bytes.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>True when <paramref name="value"/> was written by <see cref="Seal"/>.</summary>
    public static bool IsSealed(string? value) => value?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
