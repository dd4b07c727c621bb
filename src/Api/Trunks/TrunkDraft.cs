using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Trunks;

/// <summary>
/// A trunk being created or changed: the stored configuration with a request body applied on top, plus the secrets
/// the body sets (plaintext, encrypted only when the draft becomes a command) and clears.
/// </summary>
internal sealed class TrunkDraft
{
    private readonly HashSet<string> _storedSecrets;

    private TrunkDraft(HashSet<string> storedSecrets)
    {
        _storedSecrets = storedSecrets;
    }

    public string? Name { get; set; }

    public TrunkStatus Status { get; set; } = TrunkStatus.Active;

    public TrunkProvider? Provider { get; set; }

    public string? WebSocketUrl { get; set; }

    public List<string> InboundNumbers { get; set; } = [];

    public List<string> AllowedSourceCidrs { get; set; } = [];

    public string? StatusWebhookUrl { get; set; }

    public string? SystemPrompt { get; set; }

    public string? OpenAiModel { get; set; }

    public string? OpenAiVoice { get; set; }

    public string? ElevenLabsAgentId { get; set; }

    public List<string> CustomHeaderNames { get; set; } = [];

    /// <summary>The SIP user name given on create, or null.</summary>
    public string? SipUsername { get; set; }

    /// <summary>The SIP password given on create, or null.</summary>
    public string? SipPassword { get; set; }

    /// <summary>Plaintext secrets the body sets, by field.</summary>
    public Dictionary<string, string> NewSecrets { get; } = new(StringComparer.Ordinal);

    /// <summary>Secret fields the body clears.</summary>
    public HashSet<string> ClearedSecrets { get; } = new(StringComparer.Ordinal);

    /// <summary>An empty draft for a new trunk.</summary>
    public static TrunkDraft New() => new(new HashSet<string>(StringComparer.Ordinal));

    /// <summary>A draft holding a stored trunk's configuration.</summary>
    public static TrunkDraft From(TrunkView view)
    {
        var settings = view.Settings;
        return new TrunkDraft(new HashSet<string>(view.SecretFields, StringComparer.Ordinal))
        {
            Name = settings.Name,
            Status = settings.Status,
            Provider = settings.Provider,
            WebSocketUrl = settings.WebSocketUrl,
            InboundNumbers = [.. settings.InboundNumbers],
            AllowedSourceCidrs = [.. settings.AllowedSourceCidrs],
            StatusWebhookUrl = settings.StatusWebhookUrl,
            SystemPrompt = settings.SystemPrompt,
            OpenAiModel = settings.OpenAiModel,
            OpenAiVoice = settings.OpenAiVoice,
            ElevenLabsAgentId = settings.ElevenLabsAgentId,
            CustomHeaderNames = [.. settings.CustomHeaderNames],
        };
    }

    /// <summary>Sets a secret field.</summary>
    public void SetSecret(string field, string value)
    {
        NewSecrets[field] = value;
        ClearedSecrets.Remove(field);
    }

    /// <summary>Clears a secret field.</summary>
    public void ClearSecret(string field)
    {
        NewSecrets.Remove(field);
        ClearedSecrets.Add(field);
    }

    /// <summary>True when the field will hold a value once the draft is saved.</summary>
    public bool HasSecret(string field) =>
        NewSecrets.ContainsKey(field) || (_storedSecrets.Contains(field) && !ClearedSecrets.Contains(field));

    /// <summary>True when the field holds a value in storage now.</summary>
    public bool HasStoredSecret(string field) => _storedSecrets.Contains(field);

    /// <summary>The configuration to store; call only after validation (name and provider are set).</summary>
    public TrunkSettings ToSettings() => new(
        Name!,
        Status,
        Provider!.Value,
        WebSocketUrl,
        InboundNumbers.ToArray(),
        AllowedSourceCidrs.ToArray(),
        StatusWebhookUrl,
        SystemPrompt,
        OpenAiModel,
        OpenAiVoice,
        ElevenLabsAgentId,
        CustomHeaderNames.ToArray());

    /// <summary>Never shows secrets.</summary>
    public override string ToString() => $"TrunkDraft {{ Name = {Name}, Provider = {Provider} }}";
}
