using Telepath.Api.Secrets;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Trunks;

/// <summary>Turns a validated <see cref="TrunkDraft"/> into grain commands, encrypting its secrets for the trunk.</summary>
internal static class TrunkCommands
{
    /// <summary>The create command for a new trunk.</summary>
    public static TrunkCreateCommand Create(
        TrunkDraft draft, string trunkId, string accountId, string sipUsername, SipCredentialHashes credentials, SecretProtector protector, DateTimeOffset now)
    {
        var secrets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (field, plaintext) in draft.NewSecrets)
        {
            secrets[field] = protector.Protect(trunkId, field, plaintext);
        }

        return new TrunkCreateCommand(trunkId, accountId, sipUsername, draft.ToSettings(), secrets, credentials, now);
    }

    /// <summary>The update command for a stored trunk read at <paramref name="view"/>.</summary>
    public static TrunkUpdateCommand Update(TrunkDraft draft, TrunkView view, SecretProtector protector, DateTimeOffset now)
    {
        var settings = draft.ToSettings();
        var toSet = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (field, plaintext) in draft.NewSecrets)
        {
            toSet[field] = protector.Protect(view.TrunkId, field, plaintext);
        }

        var toRemove = new List<string>(draft.ClearedSecrets);
        // A provider change drops the old provider's key: it must not outlive the configuration it belonged to.
        var keyField = TrunkProviders.KeyField(settings.Provider);
        foreach (var field in (string[])[TrunkSecretFields.OpenAiApiKey, TrunkSecretFields.ElevenLabsApiKey])
        {
            if (field != keyField && draft.HasStoredSecret(field) && !toRemove.Contains(field))
            {
                toRemove.Add(field);
            }
        }

        return new TrunkUpdateCommand(view.TrunkId, view.Version, settings, toSet, toRemove, now);
    }
}
