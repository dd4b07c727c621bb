using Microsoft.Extensions.Options;

namespace Telepath.Api.Trunks;

/// <summary>Checks the SIP domain is a host name or address, since it goes into every trunk's SIP URI and realm.</summary>
internal sealed class TrunkSipOptionsValidator : IValidateOptions<TrunkSipOptions>
{
    public ValidateOptionsResult Validate(string? name, TrunkSipOptions options)
    {
        var domain = options.Domain;
        return string.IsNullOrWhiteSpace(domain) || domain.Length > 253 || Uri.CheckHostName(domain) == UriHostNameType.Unknown
            ? ValidateOptionsResult.Fail("Telepath:Sip:Domain must be a host name or IP address (at most 253 characters).")
            : ValidateOptionsResult.Success;
    }
}
