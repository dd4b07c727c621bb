namespace Telepath.Api.Auth;

/// <summary>Endpoint metadata: the scope a key needs to call the endpoint.</summary>
/// <param name="Scope">One of <c>ApiKeyScopes</c>.</param>
public sealed record RequiredScopeMetadata(string Scope);
