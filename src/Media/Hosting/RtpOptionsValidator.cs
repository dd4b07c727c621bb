using Microsoft.Extensions.Options;

namespace Telepath.Media.Hosting;

/// <summary>Validates <see cref="RtpOptions"/> at start-up.</summary>
internal sealed class RtpOptionsValidator : IValidateOptions<RtpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PortRangeStart is >= 1024 and <= 65534 && options.PortRangeEnd <= 65535 && options.PortRangeEnd > options.PortRangeStart
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Telepath:Rtp needs 1024 <= PortRangeStart < PortRangeEnd <= 65535.");
    }
}
