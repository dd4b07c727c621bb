using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telepath.Grains.Abstractions.Identifiers;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Grains.Webhooks;

/// <summary>
/// The delivery queue of one endpoint (or explicit target). Its state lives in the outbox tables, not in grain
/// storage: rows are written by the publisher first and only this grain moves them on. A grain timer drives
/// sub-minute retries; a one-minute reminder is the durable heartbeat that brings the queue back after a crash or
/// deactivation, and is removed once nothing is pending.
/// </summary>
internal sealed partial class WebhookEndpointGrain : Grain, IWebhookEndpointGrain, IRemindable
{
    private const string ReminderName = "webhook-heartbeat";
    private const int MaxRoundsPerDrain = 16;
    private static readonly TimeSpan s_maxDrainTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_reminderPeriod = TimeSpan.FromMinutes(1);

    private readonly IWebhookStore _store;
    private readonly IWebhookSender _sender;
    private readonly TimeProvider _timeProvider;
    private readonly WebhookOptions _options;
    private readonly ILogger _logger;
    private IGrainTimer? _timer;
    private IGrainReminder? _reminder;
    // Until this activation has looked, a reminder from an earlier activation may exist; afterwards it knows.
    private bool _reminderMayExist = true;
    // Bumped by calls that may interleave with a drain (retry), so a drain that saw an empty queue does not stop the
    // heartbeat under a row made pending meanwhile.
    private int _wakeups;

    public WebhookEndpointGrain(IWebhookStore store, IWebhookSender sender, TimeProvider timeProvider, IOptions<WebhookOptions> options, ILogger<WebhookEndpointGrain> logger)
    {
        _store = store;
        _sender = sender;
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;
    }

    private string Key => this.GetPrimaryKeyString();

    private bool IsEndpoint => ResourceIdGenerator.IsWellFormed(Key, ResourcePrefixes.Webhook);

    public async Task<WebhookEndpointRecord> CreateAsync(WebhookEndpointRecord endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Id != Key)
        {
            throw new ArgumentException($"Endpoint id {endpoint.Id} does not match grain key {Key}.", nameof(endpoint));
        }

        await _store.InsertEndpointAsync(endpoint, CancellationToken.None);
        return endpoint;
    }

    public async Task<bool> DeleteAsync(string accountId)
    {
        var endpoint = await _store.GetEndpointAsync(Key, CancellationToken.None);
        if (endpoint is null || endpoint.AccountId != accountId || endpoint.Status == WebhookEndpointStatus.Deleted)
        {
            return false;
        }

        await _store.UpdateEndpointStatusAsync(Key, WebhookEndpointStatus.Deleted, null, null, _timeProvider.GetUtcNow(), CancellationToken.None);
        await AbandonPendingAsync("endpoint deleted");
        return true;
    }

    public async Task<WebhookDeliveryView?> RetryDeliveryAsync(string deliveryId)
    {
        var delivery = await _store.GetDeliveryAsync(deliveryId, CancellationToken.None);
        if (delivery is null || delivery.TargetId != Key)
        {
            return null;
        }

        await _store.ResetForRetryAsync(deliveryId, _timeProvider.GetUtcNow(), CancellationToken.None);
        _wakeups++;
        await EnsureHeartbeatAsync();
        ScheduleDrain(TimeSpan.Zero);
        return await _store.GetDeliveryAsync(deliveryId, CancellationToken.None);
    }

    public async Task PokeAsync()
    {
        await EnsureHeartbeatAsync();
        ScheduleDrain(TimeSpan.Zero);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => DrainAsync(CancellationToken.None);

    /// <summary>Sends every due head of every ordering key, repeatedly, then arms the timer for the next one.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        WebhookEndpointRecord? endpoint = null;
        if (IsEndpoint)
        {
            endpoint = await _store.GetEndpointAsync(Key, cancellationToken);
            if (endpoint is null || endpoint.Status != WebhookEndpointStatus.Enabled)
            {
                await AbandonPendingAsync(endpoint is null ? "endpoint not found" : $"endpoint {endpoint.Status}");
                return;
            }
        }

        var succeeded = false;
        string? lastError = null;
        DateTimeOffset? failingFrom = null;
        var started = _timeProvider.GetTimestamp();
        // Bounded so a long backlog yields the grain between turns; the timer picks up where this left off.
        for (var round = 0; round < MaxRoundsPerDrain && _timeProvider.GetElapsedTime(started) < s_maxDrainTime; round++)
        {
            var heads = await _store.GetDueHeadsAsync(Key, _timeProvider.GetUtcNow(), _options.MaxConcurrentPerEndpoint, cancellationToken);
            if (heads.Count == 0)
            {
                break;
            }

            // Heads belong to different ordering keys, so they may go out together; a key's next event is only read
            // once its head settled, which is what keeps per-call order.
            var attempts = new Task<WebhookSendResult>[heads.Count];
            for (var i = 0; i < heads.Count; i++)
            {
                attempts[i] = AttemptAsync(endpoint, heads[i], cancellationToken);
            }

            var results = await Task.WhenAll(attempts);
            for (var i = 0; i < results.Length; i++)
            {
                var result = results[i];
                succeeded |= result.Succeeded;
                if (!result.Succeeded)
                {
                    lastError = result.Error ?? $"HTTP {result.StatusCode}";
                    // A fresh delivery's failure dates from its queueing: the endpoint could not take the event since
                    // then. This makes "failing for DisableAfter" line up with a delivery exhausting its RetryWindow.
                    var from = heads[i].Attempts == 0 ? heads[i].CreatedAt : result.AttemptedAt;
                    failingFrom = failingFrom is null || from < failingFrom ? from : failingFrom;
                }
            }
        }

        if (endpoint is not null && !await UpdateHealthAsync(endpoint, succeeded, lastError, failingFrom))
        {
            return;
        }

        var wakeups = _wakeups;
        var next = await _store.GetNextAttemptAsync(Key, cancellationToken);
        if (next is null && wakeups == _wakeups)
        {
            await StopHeartbeatAsync();
            return;
        }

        await EnsureHeartbeatAsync();
        next ??= _timeProvider.GetUtcNow();
        var wait = next.Value - _timeProvider.GetUtcNow();
        ScheduleDrain(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
    }

    private async Task<WebhookSendResult> AttemptAsync(WebhookEndpointRecord? endpoint, WebhookDeliveryWork work, CancellationToken cancellationToken)
    {
        var url = work.TargetUrl ?? endpoint?.Url;
        var secret = work.TargetSecret ?? endpoint?.Secret;
        WebhookSendResult result = url is null || secret is null
            ? new WebhookSendResult(false, null, 0, "no target URL", _timeProvider.GetUtcNow())
            : await _sender.SendAsync(new WebhookSendRequest(url, secret, work.Id, work.EventId, work.Payload), cancellationToken);
        var attempt = work.Attempts + 1;
        string status;
        DateTimeOffset? next = null;
        if (result.Succeeded)
        {
            status = WebhookDeliveryStatus.Succeeded;
        }
        else if (result.AttemptedAt >= work.DeadlineAt)
        {
            status = WebhookDeliveryStatus.Failed;
            Log.DeliveryFailed(_logger, work.Id, Key, attempt, result.Error);
        }
        else
        {
            status = WebhookDeliveryStatus.Pending;
            next = _timeProvider.GetUtcNow() + WebhookBackoff.Next(attempt, _options);
        }

        // Marked in the table the queue is read from; a crash between the 2xx and this write re-sends the delivery
        // once (at-least-once), and the receiver recognises it by its Idempotency-Key.
        await _store.RecordAttemptAsync(new WebhookAttemptOutcome(work.Id, attempt, result, status, next), cancellationToken);
        return result;
    }

    /// <summary>Tracks the run of failures; disables the endpoint after <see cref="WebhookOptions.DisableAfter"/>. False when disabled.</summary>
    private async Task<bool> UpdateHealthAsync(WebhookEndpointRecord endpoint, bool succeeded, string? lastError, DateTimeOffset? failingFrom)
    {
        var now = _timeProvider.GetUtcNow();
        if (succeeded)
        {
            if (endpoint.FailingSince is not null)
            {
                await _store.UpdateEndpointStatusAsync(Key, WebhookEndpointStatus.Enabled, null, null, null, CancellationToken.None);
            }

            return true;
        }

        if (lastError is null)
        {
            return true;
        }

        var failingSince = endpoint.FailingSince ?? failingFrom ?? now;
        if (now - failingSince < _options.DisableAfter)
        {
            if (endpoint.FailingSince is null)
            {
                await _store.UpdateEndpointStatusAsync(Key, WebhookEndpointStatus.Enabled, failingSince, null, null, CancellationToken.None);
            }

            return true;
        }

        var reason = $"every delivery attempt failed since {failingSince:u}; last error: {Trim(lastError)}";
        await _store.UpdateEndpointStatusAsync(Key, WebhookEndpointStatus.Disabled, failingSince, reason, now, CancellationToken.None);
        Log.EndpointDisabled(_logger, Key, reason);
        await AbandonPendingAsync("endpoint disabled");
        return false;
    }

    private async Task AbandonPendingAsync(string reason)
    {
        var count = await _store.FailPendingAsync(Key, reason, _timeProvider.GetUtcNow(), CancellationToken.None);
        if (count > 0)
        {
            Log.PendingAbandoned(_logger, count, Key, reason);
        }

        await StopHeartbeatAsync();
    }

    private void ScheduleDrain(TimeSpan dueTime)
    {
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(static (grain, cancellationToken) => grain.DrainAsync(cancellationToken), this,
                new GrainTimerCreationOptions { DueTime = dueTime, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
        }
        else
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task EnsureHeartbeatAsync()
    {
        _reminder ??= await this.RegisterOrUpdateReminder(ReminderName, s_reminderPeriod, s_reminderPeriod);
        _reminderMayExist = true;
    }

    private async Task StopHeartbeatAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (!_reminderMayExist)
        {
            return;
        }

        _reminder ??= await this.GetReminder(ReminderName);
        if (_reminder is not null)
        {
            await this.UnregisterReminder(_reminder);
            _reminder = null;
        }

        _reminderMayExist = false;
    }

    private static string Trim(string text) => text.Length <= 200 ? text : text[..200];
}
