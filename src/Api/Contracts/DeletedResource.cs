namespace Telepath.Api.Contracts;

/// <summary>The answer to a delete: <c>{"id": …, "deleted": true}</c>.</summary>
/// <param name="Id">The deleted (revoked) resource's id.</param>
/// <param name="Deleted">Always true.</param>
public sealed record DeletedResource(string Id, bool Deleted);
