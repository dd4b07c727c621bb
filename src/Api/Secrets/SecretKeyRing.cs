using System.Security.Cryptography;

namespace Telepath.Api.Secrets;

/// <summary>
/// The master keys by id: the current one (encrypts) and older ones (decrypt only). A key's id is the first 8 bytes
/// of its SHA-256, so a ciphertext names its key without revealing it.
/// </summary>
public sealed class SecretKeyRing
{
    /// <summary>Length of a key id in bytes.</summary>
    public const int KeyIdLength = 8;

    private readonly List<(byte[] Id, byte[] Key)> _keys;

    /// <summary>A ring whose first key is current; the rest only decrypt.</summary>
    public SecretKeyRing(IReadOnlyList<byte[]> keys)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("A key ring needs at least one key.", nameof(keys));
        }

        _keys = new List<(byte[], byte[])>(keys.Count);
        foreach (var key in keys)
        {
            if (key.Length != SecretsOptions.KeyLength)
            {
                throw new ArgumentException($"Master keys are {SecretsOptions.KeyLength} bytes.", nameof(keys));
            }

            _keys.Add((IdOf(key), key.ToArray()));
        }
    }

    /// <summary>The current key's id in hex (safe to log).</summary>
    public string CurrentKeyId => Convert.ToHexStringLower(_keys[0].Id);

    /// <summary>The current key and its id.</summary>
    internal (byte[] Id, byte[] Key) Current => _keys[0];

    /// <summary>
    /// A key for another purpose derived from the current master key (HKDF-SHA256, <paramref name="purpose"/> as the
    /// info), so every silo that shares the master key shares it too — e.g. the SIP digest nonce secret, which must
    /// validate on any silo — without a second secret to distribute.
    /// </summary>
    public byte[] DeriveKey(string purpose, int length = 32) =>
        HKDF.DeriveKey(
            HashAlgorithmName.SHA256, _keys[0].Key, length, info: System.Text.Encoding.UTF8.GetBytes(purpose));

    /// <summary>The key a ciphertext names, or null when it is not in the ring.</summary>
    internal byte[]? Find(ReadOnlySpan<byte> keyId)
    {
        foreach (var (id, key) in _keys)
        {
            if (keyId.SequenceEqual(id))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>The 32 key bytes in <paramref name="base64"/>, or null when it is not base64 of 32 bytes.</summary>
    public static byte[]? TryDecodeKey(string base64)
    {
        var buffer = new byte[SecretsOptions.KeyLength + 3];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) && written == SecretsOptions.KeyLength
            ? buffer[..SecretsOptions.KeyLength]
            : null;
    }

    /// <summary>First 8 bytes of SHA-256 of the key.</summary>
    public static byte[] IdOf(ReadOnlySpan<byte> key) => SHA256.HashData(key)[..KeyIdLength];

    /// <summary>Never shows keys.</summary>
    public override string ToString() => $"SecretKeyRing {{ CurrentKeyId = {CurrentKeyId}, Keys = {_keys.Count} }}";
}
