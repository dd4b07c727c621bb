namespace Telepath.Silo.Cli;

/// <summary>
/// An admin command line split into its parts: the command (first two words, or <c>help</c>), further words
/// (positional arguments), the command's own options (<c>--name admin</c>) and everything else, which is passed on
/// as configuration switches (<c>--Telepath:Storage=postgres</c>).
/// </summary>
internal sealed record CliArguments(string Command, IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string> Options, string[] ConfigurationSwitches)
{
    /// <summary>The options commands understand; any other switch is configuration.</summary>
    public static readonly IReadOnlySet<string> KnownOptions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "name", "account", "account-name", "scopes", "rate-limit",
    };

    public static CliArguments Parse(string[] args)
    {
        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-'))
            {
                words.Add(arg);
                continue;
            }

            var body = arg.TrimStart('-');
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? body[..equals] : body;
            if (!KnownOptions.Contains(name))
            {
                configuration.Add(arg);
                // "--Key value" form: the value travels with its switch.
                if (equals < 0 && i + 1 < args.Length && !args[i + 1].StartsWith('-'))
                {
                    configuration.Add(args[++i]);
                }

                continue;
            }

            if (equals >= 0)
            {
                options[name] = body[(equals + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                options[name] = args[++i];
            }
            else
            {
                options[name] = "";
            }
        }

        var commandWords = words.Count > 0 && words[0] == "help" ? 1 : Math.Min(2, words.Count);
        return new CliArguments(string.Join(' ', words.Take(commandWords)), words.Skip(commandWords).ToArray(), options, [.. configuration]);
    }
}
