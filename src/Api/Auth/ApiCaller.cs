using Microsoft.AspNetCore.Http;

namespace Telepath.Api.Auth;

/// <summary>Who made an authenticated request: the key's account and the key itself.</summary>
/// <param name="AccountId">Every resource the request touches must belong to this account.</param>
/// <param name="KeyId">The key used.</param>
public sealed record ApiCaller(string AccountId, string KeyId)
{
    private static readonly object s_itemKey = new();

    /// <summary>The caller of an authenticated request; throws when the endpoint was reached without one (a bug).</summary>
    public static ApiCaller From(HttpContext context) =>
        context.Items.TryGetValue(s_itemKey, out var value) && value is ApiCaller caller
            ? caller
            : throw new InvalidOperationException("The endpoint was reached without an authenticated caller.");

    /// <summary>Records the caller for the endpoint.</summary>
    internal void AttachTo(HttpContext context) => context.Items[s_itemKey] = this;
}
