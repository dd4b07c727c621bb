namespace Telepath.Api.Auth;

/// <summary>Endpoint metadata: the endpoint's own, stricter per-key budget (spec §3: key creation, password rotation).</summary>
/// <param name="Bucket">Budget name shared by the endpoints that draw from it.</param>
/// <param name="LimitPerMinute">Requests per key per minute.</param>
public sealed record CostlyEndpointMetadata(string Bucket, int LimitPerMinute);
