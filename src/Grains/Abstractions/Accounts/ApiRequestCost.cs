namespace Telepath.Grains.Abstractions.Accounts;

/// <summary>
/// What one API request asks of its key: the scope the endpoint needs (null for none) and, for costly endpoints,
/// a second, stricter per-key budget that the request also draws from.
/// </summary>
/// <param name="RequiredScope">Scope the endpoint needs, or null.</param>
/// <param name="CostlyBucket">Name of the endpoint's own budget (for example <c>keys.create</c>), or null.</param>
/// <param name="CostlyLimitPerMinute">That budget's size per minute; ignored without a bucket.</param>
[GenerateSerializer, Immutable, Alias("telepath.ApiRequestCost")]
public sealed record ApiRequestCost(string? RequiredScope, string? CostlyBucket, int CostlyLimitPerMinute);
