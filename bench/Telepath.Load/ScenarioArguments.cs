using System.Globalization;

namespace Telepath.Load;

/// <summary>Bounds of a load run: every run stops by itself.</summary>
/// <param name="Seconds">Measured seconds per phase (after a warm-up of a fifth of that).</param>
/// <param name="Concurrency">Requests in flight at once.</param>
internal sealed record ScenarioArguments(int Seconds, int Concurrency)
{
    public static ScenarioArguments Parse(string[] args)
    {
        var seconds = 10;
        var concurrency = 32;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--seconds":
                    seconds = Math.Clamp(value, 1, 300);
                    break;
                case "--concurrency":
                    concurrency = Math.Clamp(value, 1, 1024);
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new ScenarioArguments(seconds, concurrency);
    }
}
