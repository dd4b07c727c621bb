using Microsoft.Extensions.Options;

namespace Telepath.Media.Hosting;

/// <summary>Validates <see cref="RtpOptions"/> at start-up.</summary>
internal sealed class RtpOptionsValidator : IValidateOptions<RtpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PortRangeStart is < 1024 or > 65534 || options.PortRangeEnd > 65535 || options.PortRangeEnd <= options.PortRangeStart)
        {
            return ValidateOptionsResult.Fail("Telepath:Rtp needs 1024 <= PortRangeStart < PortRangeEnd <= 65535.");
        }

        return options.CoalesceWindow >= TimeSpan.Zero && options.CoalesceWindow <= RtpOptions.MaxCoalesceWindow
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Telepath:Rtp:CoalesceWindow must be between 00:00:00 and 00:00:00.002.");
    }
}
