namespace Telepath.Api.Contracts;

/// <summary>A single object answer: <c>{"data": {…}}</c> (spec §1).</summary>
/// <typeparam name="T">The resource type.</typeparam>
/// <param name="Data">The resource.</param>
public sealed record DataEnvelope<T>(T Data);
