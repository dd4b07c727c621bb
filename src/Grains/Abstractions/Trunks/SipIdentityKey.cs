namespace Telepath.Grains.Abstractions.Trunks;

/// <summary>The grain key of a SIP identity: <c>sip:</c> + the user name in lower case, so uniqueness is case-insensitive.</summary>
public static class SipIdentityKey
{
    /// <summary>The <see cref="ISipIdentityGrain"/> key for <paramref name="sipUsername"/>.</summary>
    public static string For(string sipUsername) => "sip:" + sipUsername.ToLowerInvariant();
}
