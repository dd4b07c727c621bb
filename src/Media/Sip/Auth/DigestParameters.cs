using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Telepath.Media.Sip.Auth;

/// <summary>Accumulates the parameters of one credentials header for <see cref="DigestCredentialsParser"/>.</summary>
internal sealed class DigestParameters
{
    private string? _username;
    private string? _realm;
    private string? _nonce;
    private string? _uri;
    private string? _response;
    private string? _algorithm;
    private string? _cnonce;
    private string? _opaque;
    private string? _qop;
    private string? _nonceCount;
    private string? _userHash;

    /// <summary>Number of parameters seen, known or not.</summary>
    public int Count { get; set; }

    /// <summary>Stores a known parameter; false when it was already present (RFC 7616 §3.4: at most once each).</summary>
    public bool Set(string name, string value) => name.ToLowerInvariant() switch
    {
        "username" => Assign(ref _username, value),
        "realm" => Assign(ref _realm, value),
        "nonce" => Assign(ref _nonce, value),
        "uri" => Assign(ref _uri, value),
        "response" => Assign(ref _response, value),
        "algorithm" => Assign(ref _algorithm, value),
        "cnonce" => Assign(ref _cnonce, value),
        "opaque" => Assign(ref _opaque, value),
        "qop" => Assign(ref _qop, value),
        "nc" => Assign(ref _nonceCount, value),
        "userhash" => Assign(ref _userHash, value),
        _ => true,
    };

    /// <summary>Checks required parameters (RFC 3261 §25.1 dig-resp, RFC 7616 §3.4) and builds the record.</summary>
    public bool TryBuild([NotNullWhen(true)] out DigestCredentials? credentials, [NotNullWhen(false)] out string? error)
    {
        credentials = null;
        if (_username is null || _realm is null || _nonce is null || _uri is null || _response is null)
        {
            error = "missing username, realm, nonce, uri or response";
            return false;
        }

        if (_qop is not null && (_cnonce is null || _nonceCount is null))
        {
            error = "qop requires cnonce and nc";
            return false;
        }

        if (_nonceCount is not null
            && (_nonceCount.Length != 8
                || !uint.TryParse(_nonceCount, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _)))
        {
            error = "nc must be 8 hex digits";
            return false;
        }

        credentials = new DigestCredentials(_username, _realm, _nonce, _uri, _response)
        {
            Algorithm = _algorithm,
            Cnonce = _cnonce,
            Opaque = _opaque,
            Qop = _qop,
            NonceCount = _nonceCount,
            UserHash = string.Equals(_userHash, "true", StringComparison.OrdinalIgnoreCase),
        };
        error = null;
        return true;
    }

    private static bool Assign(ref string? field, string value)
    {
        if (field is not null)
        {
            return false;
        }

        field = value;
        return true;
    }
}
