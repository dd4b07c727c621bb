namespace Telepath.Api.Secrets;

/// <summary>Keys that encrypt secrets at rest (provider API keys, custom header values), bound from <c>Telepath:Secrets</c>.</summary>
public sealed class SecretsOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Telepath:Secrets";

    /// <summary>Key length in bytes (AES-256).</summary>
    public const int KeyLength = 32;

    /// <summary>
    /// The current master key: base64 of 32 random bytes. New secrets are encrypted with it. Default: none, in which
    /// case the key in <see cref="KeyFile"/> is used (and created on first start).
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>
    /// Older master keys (base64, 32 bytes each) that still decrypt what they encrypted, for key rotation: put the new
    /// key in <see cref="MasterKey"/> and the old one here. Default: none.
    /// </summary>
    public IList<string> PreviousKeys { get; } = [];

    /// <summary>
    /// The key file used when <see cref="MasterKey"/> is not set: base64 of 32 bytes, created with mode 0600 on first
    /// start. Default <c>&lt;Telepath:DataDirectory&gt;/keys/master.key</c>.
    /// </summary>
    public string? KeyFile { get; set; }
}
