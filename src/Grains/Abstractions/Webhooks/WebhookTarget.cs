namespace Telepath.Grains.Abstractions.Webhooks;

/// <summary>
/// An explicit delivery target besides the account's endpoints, such as a trunk's <c>status_webhook_url</c>.
/// It gets its own durable queue, keyed by <see cref="Key"/>.
/// </summary>
/// <param name="Key">A stable key of the target (e.g. the trunk id); it names the delivery grain and the queue.</param>
/// <param name="Url">The https URL to POST to.</param>
/// <param name="Secret">The signing secret.</param>
[GenerateSerializer, Immutable, Alias("telepath.WebhookTarget")]
public sealed record WebhookTarget(
    [property: Id(0)] string Key,
    [property: Id(1)] string Url,
    [property: Id(2)] string Secret);
