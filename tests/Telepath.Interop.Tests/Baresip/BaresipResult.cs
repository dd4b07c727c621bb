namespace Telepath.Interop.Tests.Baresip;

/// <summary>How a baresip run ended: its exit code and everything it printed (including its SIP trace).</summary>
internal sealed record BaresipResult(int ExitCode, string Output)
{
    /// <summary>Gets a value indicating whether baresip reported the call as established.</summary>
    public bool Established => Output.Contains("Call established", StringComparison.Ordinal);

    /// <summary>Gets a value indicating whether baresip reported the call as terminated.</summary>
    public bool Terminated => Output.Contains("terminated", StringComparison.Ordinal);
}
