namespace Telepath.Media.Sip.Auth;

/// <summary>Configuration of <see cref="NonceSource"/> (section <c>Telepath:Digest</c>).</summary>
public sealed class NonceSourceOptions
{
    /// <summary>
    /// HMAC key shared by every silo of the cluster, so any silo can validate a nonce another issued. At least 32
    /// characters; keep it in a secret store. No default.
    /// </summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>How long a nonce stays fresh. Default 5 minutes.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future an issue time may lie, for clock skew between silos. Default 30 seconds.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Nonces whose highest nonce-count is remembered for replay detection. Default 65536 (a few MB).</summary>
    public int ReplayCacheCapacity { get; set; } = 65536;

    /// <summary>Returns a string that names the settings without the secret.</summary>
    public override string ToString() =>
        $"NonceSourceOptions {{ Secret = [redacted], Lifetime = {Lifetime}, ReplayCacheCapacity = {ReplayCacheCapacity} }}";
}
