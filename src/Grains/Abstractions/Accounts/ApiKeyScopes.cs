namespace Telepath.Grains.Abstractions.Accounts;

/// <summary>The scopes of spec §2. A key created without a scope list gets all of them.</summary>
public static class ApiKeyScopes
{
    /// <summary>Read trunks.</summary>
    public const string TrunksRead = "trunks:read";

    /// <summary>Create, change, delete trunks and rotate their passwords.</summary>
    public const string TrunksWrite = "trunks:write";

    /// <summary>Read call records.</summary>
    public const string CallsRead = "calls:read";

    /// <summary>Act on calls.</summary>
    public const string CallsWrite = "calls:write";

    /// <summary>Read analytics.</summary>
    public const string AnalyticsRead = "analytics:read";

    /// <summary>Manage webhook endpoints and deliveries.</summary>
    public const string WebhooksWrite = "webhooks:write";

    /// <summary>Create, list and revoke API keys.</summary>
    public const string KeysAdmin = "keys:admin";

    /// <summary>Every scope, in the order the contract lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [TrunksRead, TrunksWrite, CallsRead, CallsWrite, AnalyticsRead, WebhooksWrite, KeysAdmin];

    /// <summary>True for a scope name this version knows.</summary>
    public static bool IsKnown(string scope)
    {
        foreach (var known in All)
        {
            if (string.Equals(known, scope, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
