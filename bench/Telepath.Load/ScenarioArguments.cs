using System.Globalization;

namespace Telepath.Load;

/// <summary>Bounds of a load run: every run stops by itself.</summary>
/// <param name="Seconds">Measured seconds per phase (after a warm-up of a fifth of that).</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Epoll">rtp-relay and the bridge scenarios: media on the engine's epoll threads (the default, <c>--epoll 1</c>) or on socket async operations (<c>--epoll 0</c>).</param>
internal sealed record ScenarioArguments(int Seconds, int Concurrency, bool Epoll = true)
{
    public static ScenarioArguments Parse(string[] args)
    {
        var seconds = 10;
        var concurrency = 32;
        var epoll = true;
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
                case "--epoll":
                    epoll = value != 0;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return new ScenarioArguments(seconds, concurrency, epoll);
    }
}
