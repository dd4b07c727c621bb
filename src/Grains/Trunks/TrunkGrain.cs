using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telepath.Grains.Abstractions.Trunks;
using Telepath.Grains.Abstractions.Webhooks;
using Telepath.Grains.Hosting;

namespace Telepath.Grains.Trunks;

/// <summary>
/// One trunk. Holds configuration, encrypted secrets (it never sees plaintext) and the SIP password's HA1 hashes,
/// and pushes everything admission depends on to the trunk's <see cref="ISipIdentityGrain"/>.
/// </summary>
internal sealed partial class TrunkGrain : Grain, ITrunkGrain, IRemindable
{
    private readonly IPersistentState<TrunkState> _state;
    private readonly TimeProvider _time;
    private readonly TrunkHealthOptions _health;
    private readonly IWebhookPublisher _publisher;
    private readonly ITrunkWebhookTargets _targets;
    private readonly ILogger<TrunkGrain> _logger;

    public TrunkGrain(
        [PersistentState("trunk", StorageNames.Default)] IPersistentState<TrunkState> state,
        TimeProvider time,
        IOptions<TrunkHealthOptions> health,
        IWebhookPublisher publisher,
        ITrunkWebhookTargets targets,
        ILogger<TrunkGrain> logger)
    {
        _state = state;
        _time = time;
        _health = health.Value;
        _publisher = publisher;
        _targets = targets;
        _logger = logger;
    }

    private bool IsLive => _state.RecordExists && _state.State.DeletedAt is null && _state.State.Settings is not null;

    public async Task<TrunkWriteOutcome> CreateAsync(TrunkCreateCommand command)
    {
        if (_state.RecordExists)
        {
            return TrunkWriteOutcome.AlreadyExists;
        }

        var identity = new SipIdentityView(
            command.SipUsername,
            command.TrunkId,
            command.AccountId,
            AdmissionOf(command.Settings.Status),
            command.Credentials,
            null,
            null,
            command.Settings.AllowedSourceCidrs,
            command.Settings.InboundNumbers);
        // Claim first: the identity grain is the one place that decides who owns a user name.
        if (!await IdentityGrain(command.SipUsername).ClaimAsync(identity))
        {
            DeactivateOnIdle();
            return TrunkWriteOutcome.SipUsernameTaken;
        }

        _state.State = new TrunkState
        {
            AccountId = command.AccountId,
            SipUsername = command.SipUsername,
            Settings = command.Settings,
            Secrets = new Dictionary<string, byte[]>(command.Secrets, StringComparer.Ordinal),
            Credentials = command.Credentials,
            Version = 1,
            CreatedAt = command.CreatedAt,
            UpdatedAt = command.CreatedAt,
        };
        await _state.WriteStateAsync();
        LogCreated(_logger, command.TrunkId, command.AccountId);
        return TrunkWriteOutcome.Done;
    }

    public Task<TrunkView?> GetAsync() => Task.FromResult(IsLive ? ToView() : null);

    public Task<TrunkAgentView?> GetAgentAsync() => Task.FromResult(
        IsLive ? new TrunkAgentView(this.GetPrimaryKeyString(), _state.State.Settings!, new Dictionary<string, byte[]>(_state.State.Secrets, StringComparer.Ordinal)) : null);

    public async Task<TrunkWriteOutcome> UpdateAsync(TrunkUpdateCommand command)
    {
        if (!IsLive)
        {
            return TrunkWriteOutcome.NotFound;
        }

        var state = _state.State;
        if (state.Version != command.ExpectedVersion)
        {
            return TrunkWriteOutcome.VersionMismatch;
        }

        // "error" is the system's view of the agent, not a setting: a PATCH that read it back stores it as active.
        state.Settings = command.Settings.Status == TrunkStatus.Error ? command.Settings with { Status = TrunkStatus.Active } : command.Settings;
        foreach (var field in command.SecretsToRemove)
        {
            state.Secrets.Remove(field);
        }

        foreach (var (field, ciphertext) in command.SecretsToSet)
        {
            state.Secrets[field] = ciphertext;
        }

        state.Version++;
        state.UpdatedAt = command.UpdatedAt;
        await _state.WriteStateAsync();
        await PushIdentityAsync();
        LogUpdated(_logger, command.TrunkId, state.Version);
        return TrunkWriteOutcome.Done;
    }

    public async Task<bool> RotatePasswordAsync(SipPasswordRotation rotation)
    {
        if (!IsLive)
        {
            return false;
        }

        var state = _state.State;
        var graceful = rotation.PreviousExpiresAt is { } expires && expires > rotation.RotatedAt;
        state.PreviousCredentials = graceful ? state.Credentials : null;
        state.PreviousExpiresAt = graceful ? rotation.PreviousExpiresAt : null;
        state.Credentials = rotation.Credentials;
        state.PasswordRotatedAt = rotation.RotatedAt;
        state.UpdatedAt = rotation.RotatedAt;
        await _state.WriteStateAsync();
        await PushIdentityAsync();
        LogPasswordRotated(_logger, this.GetPrimaryKeyString(), graceful);
        return true;
    }

    public async Task<bool> DeleteAsync(DateTimeOffset deletedAt)
    {
        if (!IsLive)
        {
            return false;
        }

        var state = _state.State;
        state.DeletedAt = deletedAt;
        state.UpdatedAt = deletedAt;
        // The record stays for call history; the password hashes go, they are of no use to anyone now.
        state.Credentials = null;
        state.PreviousCredentials = null;
        state.PreviousExpiresAt = null;
        await _state.WriteStateAsync();
        await IdentityGrain(state.SipUsername).ReleaseAsync(this.GetPrimaryKeyString());
        LogDeleted(_logger, this.GetPrimaryKeyString());
        return true;
    }

    private static SipAdmission AdmissionOf(TrunkStatus status) =>
        status == TrunkStatus.Inactive ? SipAdmission.Inactive : SipAdmission.Accept;

    private ISipIdentityGrain IdentityGrain(string sipUsername) => GrainFactory.GetGrain<ISipIdentityGrain>(SipIdentityKey.For(sipUsername));

    private Task<bool> PushIdentityAsync()
    {
        var state = _state.State;
        var settings = state.Settings!;
        var identity = new SipIdentityView(
            state.SipUsername,
            this.GetPrimaryKeyString(),
            state.AccountId,
            AdmissionOf(settings.Status),
            state.Credentials!,
            state.PreviousCredentials,
            state.PreviousExpiresAt,
            settings.AllowedSourceCidrs,
            settings.InboundNumbers);
        return IdentityGrain(state.SipUsername).UpdateAsync(identity);
    }

    private TrunkView ToView()
    {
        var state = _state.State;
        var fields = new List<string>(state.Secrets.Count);
        foreach (var field in state.Secrets.Keys)
        {
            fields.Add(field);
        }

        fields.Sort(StringComparer.Ordinal);
        var settings = IsInError ? state.Settings! with { Status = TrunkStatus.Error } : state.Settings!;
        return new TrunkView(this.GetPrimaryKeyString(), state.AccountId, state.SipUsername, settings, fields, state.Version, state.CreatedAt, state.UpdatedAt);
    }

    [LoggerMessage(EventId = 6100, EventName = "TrunkCreated", Level = LogLevel.Information, Message = "Trunk {TrunkId} created in account {AccountId}")]
    private static partial void LogCreated(ILogger logger, string trunkId, string accountId);

    [LoggerMessage(EventId = 6101, EventName = "TrunkUpdated", Level = LogLevel.Information, Message = "Trunk {TrunkId} updated to version {Version}")]
    private static partial void LogUpdated(ILogger logger, string trunkId, int version);

    [LoggerMessage(EventId = 6102, EventName = "TrunkPasswordRotated", Level = LogLevel.Information, Message = "Trunk {TrunkId} SIP password rotated (grace period: {Graceful})")]
    private static partial void LogPasswordRotated(ILogger logger, string trunkId, bool graceful);

    [LoggerMessage(EventId = 6103, EventName = "TrunkDeleted", Level = LogLevel.Information, Message = "Trunk {TrunkId} deleted; its SIP identity was released")]
    private static partial void LogDeleted(ILogger logger, string trunkId);
}
