using System.Collections.Concurrent;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Grains.Tests.Support;

/// <summary>An <see cref="IWebhookPublisher"/> that only remembers what it was given.</summary>
public sealed class RecordingWebhookPublisher : IWebhookPublisher
{
    private readonly ConcurrentQueue<(WebhookEvent Event, WebhookTarget? Target)> _published = new();

    /// <summary>Everything published, in order.</summary>
    public IReadOnlyList<(WebhookEvent Event, WebhookTarget? Target)> Published => [.. _published];

    /// <inheritdoc />
    public Task<int> PublishAsync(WebhookEvent webhookEvent, WebhookTarget? extraTarget = null, CancellationToken cancellationToken = default)
    {
        _published.Enqueue((webhookEvent, extraTarget));
        return Task.FromResult(extraTarget is null ? 0 : 1);
    }
}
