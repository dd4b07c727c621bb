using System.Net;
using Microsoft.Extensions.Options;

namespace Telepath.Api.Hosting;

/// <summary>Rejects API settings that would silently misbehave (an unparsable proxy address is trusted nowhere).</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        foreach (var proxy in options.TrustedProxies)
        {
            if (!IPNetwork.TryParse(proxy, out _) && !IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"Telepath:Api:TrustedProxies contains '{proxy}', which is neither an IP address nor a CIDR network.");
            }
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add("Telepath:Api:MaxRequestBodyBytes must be between 1024 and 67108864.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
