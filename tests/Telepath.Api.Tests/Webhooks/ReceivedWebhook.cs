namespace Telepath.Api.Tests.Webhooks;

/// <summary>One POST a <see cref="WebhookReceiver"/> got, and the status it answered.</summary>
/// <param name="Path">Request path.</param>
/// <param name="Body">Raw body, exactly as sent (signatures are over these bytes).</param>
/// <param name="Headers">Request headers, first value each.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="ReceivedAt">Arrival time.</param>
/// <param name="Status">The status the receiver answered.</param>
public sealed record ReceivedWebhook(string Path, string Body, IReadOnlyDictionary<string, string> Headers, string? ContentType, DateTimeOffset ReceivedAt, int Status)
{
    /// <summary>True when the receiver answered 2xx.</summary>
    public bool Accepted => Status is >= 200 and <= 299;
}
