using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Grains.Accounts;

/// <summary>One live trunk in an account's index: what lists filter, sort and page by.</summary>
[GenerateSerializer, Alias("telepath.AccountTrunkEntry")]
internal sealed class AccountTrunkEntry
{
    [Id(0)] public string TrunkId { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public TrunkStatus Status { get; set; }
    [Id(3)] public TrunkProvider Provider { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The entry as the grain interface shows it.</summary>
    public TrunkSummary ToSummary() => new(TrunkId, Name, Status, Provider, CreatedAt);
}
