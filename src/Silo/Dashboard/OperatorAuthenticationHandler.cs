using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Telepath.Silo.Configuration;

namespace Telepath.Silo.Dashboard;

/// <summary>
/// HTTP basic authentication for operators (the dashboard). Only ever reached over HTTPS, because the HTTPS
/// requirement runs before routing. Both parts of the credential are compared in constant time over their hashes,
/// so neither the length nor a prefix of the secret leaks through timing.
/// </summary>
internal sealed class OperatorAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Operator";

    /// <summary>The authorization policy that requires an operator.</summary>
    public const string PolicyName = "operator";

    private readonly IOptionsMonitor<DashboardAccessOptions> _access;

    public OperatorAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        IOptionsMonitor<DashboardAccessOptions> access)
        : base(options, logger, encoder)
    {
        _access = access;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var access = _access.CurrentValue;
        if (!access.Enabled)
        {
            return Task.FromResult(AuthenticateResult.Fail("No operator credential is configured."));
        }

        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed basic credential."));
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed basic credential."));
        }

        var userMatches = SecretEquals(decoded[..colon], access.Username!);
        var passwordMatches = SecretEquals(decoded[(colon + 1)..], access.Password!);
        if (!(userMatches & passwordMatches))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong operator credential."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, access.Username!), new Claim(ClaimTypes.Role, "operator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"Telepath operator\", charset=\"UTF-8\"";
        return base.HandleChallengeAsync(properties);
    }

    private static bool SecretEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
