namespace Telepath.Api.Contracts;

/// <summary>The answer to <c>POST /v1/trunks</c>: the trunk plus its SIP password, shown this one time only.</summary>
public sealed class CreatedTrunkResource : TrunkResource
{
    /// <summary>The SIP password (given or generated). Only its digest hashes are stored.</summary>
    public required string SipPassword { get; init; }
}
