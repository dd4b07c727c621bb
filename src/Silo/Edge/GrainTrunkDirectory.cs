using Telepath.Api.Secrets;
using Telepath.Api.Trunks;
using Telepath.Grains.Abstractions.Trunks;
using Telepath.Media.Edge;
using Telepath.Media.Sip.Auth;

namespace Telepath.Silo.Edge;

/// <summary>
/// The media engine's view of trunks, answered from the grains: SIP identities from <see cref="ISipIdentityGrain"/>
/// (the single authority, so a delete or rotation counts on the next INVITE) and agent settings from
/// <see cref="ITrunkGrain"/>, with provider secrets decrypted here, per call, and nowhere else.
/// Public so that tests can drive it with their own clock.
/// </summary>
public sealed partial class GrainTrunkDirectory : ITrunkDirectory
{
    private const int MaxUsernameLength = 64;

    private readonly IGrainFactory _grains;
    private readonly SecretProtector _protector;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<GrainTrunkDirectory> _logger;

    /// <summary>Creates the directory.</summary>
    public GrainTrunkDirectory(IGrainFactory grains, SecretProtector protector, TimeProvider timeProvider, ILogger<GrainTrunkDirectory> logger)
    {
        _grains = grains;
        _protector = protector;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<TrunkIdentity?> FindByUsernameAsync(string sipUsername, CancellationToken cancellationToken)
    {
        // Digest user names come from the network: anything that can never be a trunk's is answered without a grain.
        if (!IsPlausibleUsername(sipUsername))
        {
            return null;
        }

        var identity = await _grains.GetGrain<ISipIdentityGrain>(SipIdentityKey.For(sipUsername)).GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            return null;
        }

        var admission = identity.Admission switch
        {
            SipAdmission.Accept => TrunkAdmission.Accept,
            SipAdmission.Inactive => TrunkAdmission.Inactive,
            _ => TrunkAdmission.Deleted,
        };
        var credentials = new List<DigestHa1>(4);
        if (admission != TrunkAdmission.Deleted)
        {
            Add(credentials, identity.Current);
            // The previous password authenticates only until its grace period ends, by this silo's clock.
            if (identity.Previous is { } previous && identity.PreviousExpiresAt is { } expires && expires > _timeProvider.GetUtcNow())
            {
                Add(credentials, previous);
            }
        }

        return new TrunkIdentity(identity.TrunkId, identity.AccountId, identity.SipUsername, admission, credentials, identity.AllowedSourceCidrs, identity.InboundNumbers);
    }

    /// <inheritdoc />
    public async ValueTask<AgentSettings?> GetAgentSettingsAsync(string trunkId, CancellationToken cancellationToken)
    {
        var agent = await _grains.GetGrain<ITrunkGrain>(trunkId).GetAgentAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return null;
        }

        var settings = agent.Settings;
        var url = TrunkProviders.EffectiveUrl(settings.Provider, settings.WebSocketUrl);
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        try
        {
            var keyField = TrunkProviders.KeyField(settings.Provider);
            var apiKey = keyField is not null && agent.Secrets.TryGetValue(keyField, out var keyCipher)
                ? _protector.Unprotect(trunkId, keyField, keyCipher)
                : null;
            IReadOnlyDictionary<string, string> headers = agent.Secrets.TryGetValue(TrunkSecretFields.CustomHeaders, out var headerCipher)
                ? TrunkCustomHeaders.Parse(_protector.Unprotect(trunkId, TrunkSecretFields.CustomHeaders, headerCipher))
                : new Dictionary<string, string>();
            var provider = settings.Provider switch
            {
                TrunkProvider.OpenAi => AgentProvider.OpenAi,
                TrunkProvider.ElevenLabs => AgentProvider.ElevenLabs,
                _ => AgentProvider.Custom,
            };
            return new AgentSettings(trunkId, provider, uri, apiKey, settings.SystemPrompt, settings.OpenAiModel, settings.OpenAiVoice, settings.ElevenLabsAgentId, headers);
        }
        catch (SecretDecryptionException exception)
        {
            // Tampering or a missing key: never hand the agent garbage, and say which trunk so an operator can look.
            LogSecretUndecryptable(_logger, exception, trunkId);
            throw;
        }
    }

    private static void Add(List<DigestHa1> credentials, SipCredentialHashes hashes)
    {
        if (hashes.Md5.Length > 0)
        {
            credentials.Add(new DigestHa1(DigestAlgorithm.Md5, hashes.Md5));
        }

        if (hashes.Sha256.Length > 0)
        {
            credentials.Add(new DigestHa1(DigestAlgorithm.Sha256, hashes.Sha256));
        }
    }

    private static bool IsPlausibleUsername(string sipUsername)
    {
        if (string.IsNullOrEmpty(sipUsername) || sipUsername.Length > MaxUsernameLength)
        {
            return false;
        }

        foreach (var c in sipUsername)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(EventId = 8200, EventName = "TrunkSecretUndecryptable", Level = LogLevel.Error,
        Message = "A stored secret of trunk {TrunkId} could not be decrypted (altered, or its key is not configured); its calls cannot reach the agent")]
    private static partial void LogSecretUndecryptable(ILogger logger, Exception exception, string trunkId);
}
