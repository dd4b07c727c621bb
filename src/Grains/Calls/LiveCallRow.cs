namespace Telepath.Grains.Calls;

/// <summary>A call the store still shows live, as the crash sweeper sees it.</summary>
/// <param name="CallId">The call.</param>
/// <param name="OwnerSilo">The silo that owned its media (Orleans <c>SiloAddress</c> in parsable form), or null.</param>
/// <param name="UpdatedAt">Its last write.</param>
public sealed record LiveCallRow(string CallId, string? OwnerSilo, DateTimeOffset UpdatedAt);
