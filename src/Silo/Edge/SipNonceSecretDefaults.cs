using Microsoft.Extensions.Options;
using Telepath.Api.Secrets;
using Telepath.Media.Hosting;

namespace Telepath.Silo.Edge;

/// <summary>
/// Gives the SIP digest nonce secret a default derived from the master key when none is configured, so every silo of
/// a cluster (same master key) validates the nonces of every other and nothing extra has to be kept secret.
/// </summary>
internal sealed class SipNonceSecretDefaults : IPostConfigureOptions<SipOptions>
{
    /// <summary>The purpose the nonce key is derived for.</summary>
    public const string Purpose = "telepath/sip-nonce";

    private readonly SecretKeyRing _keys;

    public SipNonceSecretDefaults(SecretKeyRing keys)
    {
        _keys = keys;
    }

    public void PostConfigure(string? name, SipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.NonceSecret))
        {
            // 32 bytes as base64: 44 characters, above the validator's minimum of 32.
            options.NonceSecret = Convert.ToBase64String(_keys.DeriveKey(Purpose));
        }
    }
}
