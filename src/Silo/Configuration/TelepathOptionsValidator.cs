using Microsoft.Extensions.Options;
using Telepath.Silo.Storage;

namespace Telepath.Silo.Configuration;

/// <summary>Fails start-up with a sentence per problem instead of a late, obscure failure.</summary>
internal sealed class TelepathOptionsValidator : IValidateOptions<TelepathOptions>
{
    public ValidateOptionsResult Validate(string? name, TelepathOptions options)
    {
        var failures = new List<string>();
        if (options.Storage == StorageMode.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Telepath:ConnectionString is required when Telepath:Storage is postgres.");
        }

        if (!Enum.IsDefined(options.Storage))
        {
            failures.Add("Telepath:Storage must be sqlite or postgres.");
        }

        if (options.SiloPort is < 1 or > 65535)
        {
            failures.Add("Telepath:SiloPort must be between 1 and 65535.");
        }

        if (options.GatewayPort is < 0 or > 65535)
        {
            failures.Add("Telepath:GatewayPort must be between 0 and 65535.");
        }

        if (options.MinWorkerThreads is < 1 or > 1024)
        {
            failures.Add("Telepath:MinWorkerThreads must be between 1 and 1024.");
        }

        if (options.ShutdownTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add("Telepath:ShutdownTimeoutSeconds must be between 1 and 3600.");
        }

        if (!System.Net.IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            failures.Add($"Telepath:AdvertisedAddress '{options.AdvertisedAddress}' is not an IP address.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Telepath:DataDirectory must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
