namespace Telepath.Grains.Accounts;

/// <summary>One key in an account's index: enough to find its grain from its public id.</summary>
[GenerateSerializer, Alias("telepath.AccountApiKeyEntry")]
internal sealed class AccountApiKeyEntry
{
    [Id(0)] public string KeyId { get; set; } = "";
    [Id(1)] public string GrainKey { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
}
