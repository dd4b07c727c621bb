using System.Net;
using Microsoft.Extensions.Options;

namespace Telepath.Silo.Configuration;

/// <summary>Checks the listener settings before Kestrel tries to bind them.</summary>
internal sealed class HttpOptionsValidator : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"Telepath:Http:ListenAddress '{options.ListenAddress}' is not an IP address.");
        }

        if (options.HttpsPort is < 0 or > 65535)
        {
            failures.Add("Telepath:Http:HttpsPort must be between 0 and 65535.");
        }

        if (options.HttpPort is < -1 or > 65535)
        {
            failures.Add("Telepath:Http:HttpPort must be between -1 (off) and 65535.");
        }

        if (options.CertificatePath is { Length: > 0 } path && !File.Exists(path))
        {
            failures.Add($"Telepath:Http:CertificatePath '{path}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
