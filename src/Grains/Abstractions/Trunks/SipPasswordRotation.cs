namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>A new SIP password's hashes and how long the old one stays valid.</summary>
/// <param name="Credentials">HA1s of the new password.</param>
/// <param name="RotatedAt">Time of the rotation.</param>
/// <param name="PreviousExpiresAt">When the old password stops authenticating; null (or not after <paramref name="RotatedAt"/>) means at once.</param>
[GenerateSerializer, Immutable, Alias("telepath.SipPasswordRotation")]
public sealed record SipPasswordRotation(SipCredentialHashes Credentials, DateTimeOffset RotatedAt, DateTimeOffset? PreviousExpiresAt);
