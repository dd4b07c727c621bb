using System.Security.Cryptography;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Grains.Webhooks;

/// <summary>
/// Exponential backoff with full jitter: after attempt n the wait is uniform in [0, min(max, base·2^(n−1))]. Full jitter
/// spreads the retries of many endpoints that failed together (a receiver outage) instead of re-synchronising them.
/// </summary>
internal static class WebhookBackoff
{
    /// <summary>The upper bound of the wait after <paramref name="attempt"/> (1-based) failed attempts.</summary>
    public static TimeSpan Ceiling(int attempt, WebhookOptions options)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = options.RetryBaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= options.RetryMaxDelay.Ticks ? options.RetryMaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A random wait in [0, <see cref="Ceiling"/>].</summary>
    public static TimeSpan Next(int attempt, WebhookOptions options)
    {
        var ceiling = Ceiling(attempt, options);
        var fraction = RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
        return TimeSpan.FromTicks((long)(ceiling.Ticks * fraction));
    }
}
