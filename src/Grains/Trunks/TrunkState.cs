using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Grains.Trunks;

/// <summary>The stored part of a trunk: configuration, ciphertexts, password hashes, timestamps and the deleted mark.</summary>
[GenerateSerializer, Alias("telepath.TrunkState")]
internal sealed class TrunkState
{
    [Id(0)] public string AccountId { get; set; } = "";
    [Id(1)] public string SipUsername { get; set; } = "";
    [Id(2)] public TrunkSettings? Settings { get; set; }
    [Id(3)] public Dictionary<string, byte[]> Secrets { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public SipCredentialHashes? Credentials { get; set; }
    [Id(5)] public SipCredentialHashes? PreviousCredentials { get; set; }
    [Id(6)] public DateTimeOffset? PreviousExpiresAt { get; set; }
    [Id(7)] public int Version { get; set; }
    [Id(8)] public DateTimeOffset CreatedAt { get; set; }
    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(10)] public DateTimeOffset? DeletedAt { get; set; }
    [Id(11)] public DateTimeOffset? PasswordRotatedAt { get; set; }
    [Id(12)] public int AgentFailures { get; set; }
    [Id(13)] public DateTimeOffset? LastAgentFailureAt { get; set; }
    [Id(14)] public string? LastAgentFailureReason { get; set; }
    [Id(15)] public DateTimeOffset? ErrorSince { get; set; }

    /// <summary>Never shows secrets or hashes.</summary>
    public override string ToString() => $"TrunkState {{ AccountId = {AccountId}, SipUsername = {SipUsername}, Version = {Version} }}";
}
