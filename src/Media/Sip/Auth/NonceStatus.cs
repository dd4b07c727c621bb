namespace Telepath.Media.Sip.Auth;

/// <summary>What <see cref="NonceSource.Validate"/> concluded about a nonce.</summary>
public enum NonceStatus
{
    /// <summary>Issued by a silo with our secret and still fresh.</summary>
    Valid,

    /// <summary>Ours but expired (or forgotten by the replay cache): re-challenge with <c>stale=true</c>.</summary>
    Stale,

    /// <summary>Not ours: wrong length, bad encoding, bad MAC, or issued in the future.</summary>
    Invalid,
}
