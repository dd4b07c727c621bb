namespace Telepath.Media.Sip.Auth;

/// <summary>Result of recording a nonce-count in the replay cache.</summary>
internal enum NonceCountOutcome
{
    /// <summary>The count is higher than any seen for this nonce.</summary>
    Accepted,

    /// <summary>The count is not higher than one already seen: a replayed request.</summary>
    Replay,

    /// <summary>The nonce may have been evicted from the cache, so its history is unknown; treat as stale.</summary>
    Forgotten,
}
