using Microsoft.Extensions.Options;
using Telepath.Grains.Abstractions.Webhooks;

namespace Telepath.Silo.Webhooks;

/// <summary>Checks <c>Telepath:Webhooks</c> at start.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Telepath:Webhooks:AttemptTimeout must be more than 0 and at most 5 minutes.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("Telepath:Webhooks:RetryBaseDelay must be positive and RetryMaxDelay at least as long.");
        }

        if (options.RetryWindow <= TimeSpan.Zero || options.DisableAfter <= TimeSpan.Zero)
        {
            failures.Add("Telepath:Webhooks:RetryWindow and DisableAfter must be positive.");
        }

        if (options.MaxConcurrentPerEndpoint is < 1 or > 64)
        {
            failures.Add("Telepath:Webhooks:MaxConcurrentPerEndpoint must be between 1 and 64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
