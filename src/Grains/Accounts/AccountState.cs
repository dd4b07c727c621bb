namespace Telepath.Grains.Accounts;

/// <summary>The stored part of an account: its name and the indexes of its live API keys and trunks.</summary>
[GenerateSerializer, Alias("telepath.AccountState")]
internal sealed class AccountState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public List<AccountApiKeyEntry> ApiKeys { get; set; } = [];
    [Id(3)] public List<AccountTrunkEntry> Trunks { get; set; } = [];
}
