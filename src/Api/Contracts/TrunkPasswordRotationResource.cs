namespace Telepath.Api.Contracts;

/// <summary>The answer to a SIP password rotation: the new password, shown this one time only.</summary>
/// <param name="Id">The trunk.</param>
/// <param name="SipUsername">The digest user name (unchanged).</param>
/// <param name="SipPassword">The new password.</param>
/// <param name="RotatedAt">When the new password took effect.</param>
/// <param name="PreviousPasswordExpiresAt">When the old password stops authenticating (equal to <paramref name="RotatedAt"/> without a grace period).</param>
public sealed record TrunkPasswordRotationResource(
    string Id,
    string SipUsername,
    string SipPassword,
    DateTimeOffset RotatedAt,
    DateTimeOffset PreviousPasswordExpiresAt)
{
    /// <summary>Keeps the password out of logs.</summary>
    public override string ToString() => $"TrunkPasswordRotationResource {{ Id = {Id}, SipUsername = {SipUsername} }}";
}
