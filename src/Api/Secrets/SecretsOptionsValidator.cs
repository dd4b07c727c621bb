using Microsoft.Extensions.Options;

namespace Telepath.Api.Secrets;

/// <summary>Rejects keys that are not base64 of exactly 32 bytes, at start rather than at the first encryption.</summary>
internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        var failures = new List<string>();
        if (options.MasterKey is { } master && SecretKeyRing.TryDecodeKey(master) is null)
        {
            failures.Add("Telepath:Secrets:MasterKey must be base64 of exactly 32 bytes.");
        }

        for (var i = 0; i < options.PreviousKeys.Count; i++)
        {
            if (SecretKeyRing.TryDecodeKey(options.PreviousKeys[i]) is null)
            {
                failures.Add($"Telepath:Secrets:PreviousKeys:{i} must be base64 of exactly 32 bytes.");
            }
        }

        if (options.MasterKey is null && string.IsNullOrWhiteSpace(options.KeyFile))
        {
            failures.Add("Telepath:Secrets:KeyFile must be set when Telepath:Secrets:MasterKey is not.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
