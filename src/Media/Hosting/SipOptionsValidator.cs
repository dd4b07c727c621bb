using System.Net;
using Microsoft.Extensions.Options;

namespace Telepath.Media.Hosting;

/// <summary>
/// Validates <see cref="SipOptions"/> at start-up. Hand-written because most rules compare fields or parse
/// addresses, which the data-annotation generator cannot express.
/// </summary>
internal sealed class SipOptionsValidator : IValidateOptions<SipOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Domain))
        {
            failures.Add("Telepath:Sip:Domain is required.");
        }

        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add("Telepath:Sip:ListenAddress must be an IP address.");
        }

        if (options.MediaAddress is not null && !IPAddress.TryParse(options.MediaAddress, out _))
        {
            failures.Add("Telepath:Sip:MediaAddress must be an IP address.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add("Telepath:Sip:Port must be 0-65535.");
        }

        if (!options.Udp && !options.Tcp)
        {
            failures.Add("Telepath:Sip needs Udp or Tcp enabled.");
        }

        if (string.IsNullOrEmpty(options.NonceSecret) || options.NonceSecret.Length < 32)
        {
            failures.Add("Telepath:Sip:NonceSecret is required (at least 32 characters).");
        }

        if (!Sip.UserAgent.SipUserAgentServer.TryParseAlgorithms(options.DigestAlgorithms, out _))
        {
            failures.Add("Telepath:Sip:DigestAlgorithms must list MD5 and/or SHA-256 (comma-separated).");
        }

        if (options.T1 <= TimeSpan.Zero || options.T2 < options.T1 || options.T4 <= TimeSpan.Zero)
        {
            failures.Add("Telepath:Sip timers need T1 > 0, T2 >= T1 and T4 > 0.");
        }

        if (options.TimerTick <= TimeSpan.Zero || options.TimerTick > options.T1)
        {
            failures.Add("Telepath:Sip:TimerTick must be positive and not above T1.");
        }

        // RFC 4028 §4-§5: intervals are whole seconds and Min-SE is never below 90 s.
        if (options.MinSessionExpires < TimeSpan.FromSeconds(90) || options.SessionExpires < options.MinSessionExpires
            || options.SessionExpires > TimeSpan.FromSeconds(uint.MaxValue))
        {
            failures.Add("Telepath:Sip session timers need MinSessionExpires >= 90 s and SessionExpires >= MinSessionExpires.");
        }

        if (options.MaxTransactions < 1 || options.MaxTransactionsPerSource < 1 || options.MaxTcpConnections < 1
            || options.MaxAuthAttempts < 1 || options.RetryAfterSeconds < 0 || options.MaxMessageBytes < 1024)
        {
            failures.Add("Telepath:Sip limits must be positive (MaxMessageBytes at least 1024).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
