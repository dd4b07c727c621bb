using Telepath.Api.Contracts;
using Telepath.Grains.Abstractions.Trunks;

namespace Telepath.Api.Trunks;

/// <summary>Shapes a stored trunk as the API shows it.</summary>
internal static class TrunkResources
{
    /// <summary>The resource for <paramref name="view"/>; <paramref name="statusWebhookSecret"/> only when this answer set the URL.</summary>
    public static TrunkResource From(TrunkView view, string sipDomain, TrunkMetricsResource metrics, string? statusWebhookSecret = null) =>
        new()
        {
            Id = view.TrunkId,
            Name = view.Settings.Name,
            Status = TrunkProviders.ToWire(view.Settings.Status),
            AiProvider = TrunkProviders.ToWire(view.Settings.Provider),
            Provider = TrunkProviders.ToWire(view.Settings.Provider),
            WebsocketUrl = TrunkProviders.EffectiveUrl(view.Settings.Provider, view.Settings.WebSocketUrl),
            SipUsername = view.SipUsername,
            SipEndpoint = sipDomain,
            SipUri = SipUri(view.SipUsername, sipDomain),
            InboundNumbers = view.Settings.InboundNumbers,
            AllowedSourceCidrs = view.Settings.AllowedSourceCidrs,
            StatusWebhookUrl = view.Settings.StatusWebhookUrl,
            StatusWebhookSecret = statusWebhookSecret,
            SystemPrompt = view.Settings.SystemPrompt,
            OpenaiModel = view.Settings.OpenAiModel,
            OpenaiVoice = view.Settings.OpenAiVoice,
            ElevenlabsAgentId = view.Settings.ElevenLabsAgentId,
            HasProviderKey = HasProviderKey(view),
            HasCustomHeaders = view.Settings.CustomHeaderNames.Count > 0,
            CustomHeaderNames = view.Settings.CustomHeaderNames,
            CreatedAt = view.CreatedAt,
            UpdatedAt = view.UpdatedAt,
            Metrics = metrics,
        };

    /// <summary>The creation answer: the resource plus the one-time password.</summary>
    public static CreatedTrunkResource Created(TrunkView view, string sipDomain, TrunkMetricsResource metrics, string sipPassword, string? statusWebhookSecret)
    {
        var resource = From(view, sipDomain, metrics, statusWebhookSecret);
        return new CreatedTrunkResource
        {
            Id = resource.Id,
            Name = resource.Name,
            Status = resource.Status,
            AiProvider = resource.AiProvider,
            Provider = resource.Provider,
            WebsocketUrl = resource.WebsocketUrl,
            SipUsername = resource.SipUsername,
            SipEndpoint = resource.SipEndpoint,
            SipUri = resource.SipUri,
            InboundNumbers = resource.InboundNumbers,
            AllowedSourceCidrs = resource.AllowedSourceCidrs,
            StatusWebhookUrl = resource.StatusWebhookUrl,
            StatusWebhookSecret = resource.StatusWebhookSecret,
            SystemPrompt = resource.SystemPrompt,
            OpenaiModel = resource.OpenaiModel,
            OpenaiVoice = resource.OpenaiVoice,
            ElevenlabsAgentId = resource.ElevenlabsAgentId,
            HasProviderKey = resource.HasProviderKey,
            HasCustomHeaders = resource.HasCustomHeaders,
            CustomHeaderNames = resource.CustomHeaderNames,
            CreatedAt = resource.CreatedAt,
            UpdatedAt = resource.UpdatedAt,
            Metrics = resource.Metrics,
            SipPassword = sipPassword,
        };
    }

    /// <summary><c>sip:{user}@{domain}</c> (RFC 3261 §19.1.1).</summary>
    public static string SipUri(string sipUsername, string sipDomain) =>
        sipDomain.Contains(':', StringComparison.Ordinal) && !sipDomain.StartsWith('[')
            ? $"sip:{sipUsername}@[{sipDomain}]"
            : $"sip:{sipUsername}@{sipDomain}";

    private static bool HasProviderKey(TrunkView view)
    {
        var field = TrunkProviders.KeyField(view.Settings.Provider);
        foreach (var stored in view.SecretFields)
        {
            if (stored == field)
            {
                return true;
            }
        }

        return false;
    }
}
