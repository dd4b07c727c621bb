using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Telepath.Api.Secrets;

/// <summary>
/// Encrypts secrets at rest with AES-256-GCM. A ciphertext is <c>version(1) | key id(8) | nonce(12) | tag(16) | data</c>;
/// the associated data binds it to one resource and one field, so a value copied to another trunk or field fails
/// authentication instead of decrypting. Tampering is always detected (GCM tag), never returned as garbage.
/// </summary>
public sealed class SecretProtector
{
    private const byte FormatVersion = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + SecretKeyRing.KeyIdLength + NonceLength + TagLength;

    private readonly SecretKeyRing _ring;

    /// <summary>A protector over <paramref name="ring"/>.</summary>
    public SecretProtector(SecretKeyRing ring)
    {
        _ring = ring;
    }

    /// <summary>The key ring in use (its ids are safe to show).</summary>
    public SecretKeyRing Ring => _ring;

    /// <summary>Encrypts <paramref name="plaintext"/> for <paramref name="field"/> of <paramref name="resourceId"/>.</summary>
    public byte[] Protect(string resourceId, string field, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var (keyId, key) = _ring.Current;
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[HeaderLength + data.Length];
        output[0] = FormatVersion;
        keyId.CopyTo(output.AsSpan(1));
        var nonce = output.AsSpan(1 + SecretKeyRing.KeyIdLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        var tag = output.AsSpan(1 + SecretKeyRing.KeyIdLength + NonceLength, TagLength);
        using (var aes = new AesGcm(key, TagLength))
        {
            aes.Encrypt(nonce, data, output.AsSpan(HeaderLength), tag, AssociatedData(resourceId, field));
        }

        CryptographicOperations.ZeroMemory(data);
        return output;
    }

    /// <summary>Decrypts a value made by <see cref="Protect"/> for the same resource and field.</summary>
    /// <exception cref="SecretDecryptionException">The value was altered, belongs elsewhere, or its key is unknown.</exception>
    public string Unprotect(string resourceId, string field, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < HeaderLength || ciphertext[0] != FormatVersion)
        {
            throw new SecretDecryptionException($"The stored value of {field} is not a Telepath ciphertext.");
        }

        var keyId = ciphertext.Slice(1, SecretKeyRing.KeyIdLength);
        var key = _ring.Find(keyId)
            ?? throw new SecretDecryptionException($"The stored value of {field} was encrypted with key {Convert.ToHexStringLower(keyId)}, which is not configured.");
        var nonce = ciphertext.Slice(1 + SecretKeyRing.KeyIdLength, NonceLength);
        var tag = ciphertext.Slice(1 + SecretKeyRing.KeyIdLength + NonceLength, TagLength);
        var data = ciphertext[HeaderLength..];
        var plain = new byte[data.Length];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(nonce, data, tag, plain, AssociatedData(resourceId, field));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new SecretDecryptionException($"The stored value of {field} failed authentication: it was altered or belongs to another resource or field.", exception);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The id of the key <paramref name="ciphertext"/> was made with, in hex, or null when it is malformed.</summary>
    public static string? KeyIdOf(ReadOnlySpan<byte> ciphertext) =>
        ciphertext.Length < HeaderLength ? null : Convert.ToHexStringLower(ciphertext.Slice(1, SecretKeyRing.KeyIdLength));

    private static byte[] AssociatedData(string resourceId, string field)
    {
        // Length-prefixed parts, so ("ab", "c") and ("a", "bc") never share associated data.
        var id = Encoding.UTF8.GetBytes(resourceId);
        var name = Encoding.UTF8.GetBytes(field);
        var prefix = "telepath.secret.v1"u8;
        var buffer = new byte[prefix.Length + 4 + id.Length + 4 + name.Length];
        prefix.CopyTo(buffer);
        var position = prefix.Length;
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), id.Length);
        id.CopyTo(buffer.AsSpan(position + 4));
        position += 4 + id.Length;
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(position), name.Length);
        name.CopyTo(buffer.AsSpan(position + 4));
        return buffer;
    }
}
