using Microsoft.Extensions.Options;

namespace Telepath.Silo.Configuration;

/// <summary>A half-configured or weak operator credential is a mistake worth stopping for.</summary>
internal sealed class DashboardAccessOptionsValidator : IValidateOptions<DashboardAccessOptions>
{
    private const int MinimumPasswordLength = 12;

    public ValidateOptionsResult Validate(string? name, DashboardAccessOptions options)
    {
        var hasUser = !string.IsNullOrEmpty(options.Username);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasUser != hasPassword)
        {
            return ValidateOptionsResult.Fail("Telepath:Dashboard needs both Username and Password, or neither.");
        }

        if (hasPassword && options.Password!.Length < MinimumPasswordLength)
        {
            return ValidateOptionsResult.Fail($"Telepath:Dashboard:Password must be at least {MinimumPasswordLength} characters.");
        }

        return ValidateOptionsResult.Success;
    }
}
