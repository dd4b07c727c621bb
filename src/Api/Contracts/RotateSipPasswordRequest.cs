namespace Telepath.Api.Contracts;

/// <summary>Optional body of <c>POST /v1/trunks/{id}/rotate-sip-password</c>.</summary>
public sealed class RotateSipPasswordRequest
{
    /// <summary>Seconds the old password keeps working, 0–604800 (7 days). Default 0: it stops at once.</summary>
    public int? GracePeriodSeconds { get; init; }
}
