namespace Telepath.Grains.Abstractions.Identifiers;

/// <summary>The id prefixes of spec §1.</summary>
public static class ResourcePrefixes
{
    /// <summary>Accounts.</summary>
    public const string Account = "acct";

    /// <summary>API keys.</summary>
    public const string ApiKey = "key";

    /// <summary>Trunks.</summary>
    public const string Trunk = "trunk";

    /// <summary>Calls.</summary>
    public const string Call = "call";

    /// <summary>Webhook endpoints.</summary>
    public const string Webhook = "whk";
}
