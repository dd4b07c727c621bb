using Telepath.Media.Rtp.Engine;

namespace Telepath.Load;

/// <summary>What a measured window of a bridge scenario yields besides the phones' own histograms.</summary>
/// <param name="LoadProcessPercent">CPU of the load process (silo + phones + SIP caller), percent of one core.</param>
/// <param name="AgentProcessPercent">CPU of the probe agent process, percent of one core.</param>
/// <param name="MachinePercent">Busy share of the whole machine, percent (other work on it included).</param>
/// <param name="EngineReceive">The engine's receive latency over every stream in the window.</param>
/// <param name="EngineSend">The engine's send (pacer lateness) latency over every stream in the window.</param>
/// <param name="QueuedFrames">Pacer queue depth of every stream, sampled every 100 ms, in frames.</param>
/// <param name="Gc">The load process's collections over the window.</param>
/// <param name="AgentGc">The probe agent's collections over the window, described.</param>
/// <param name="ThreadPool">The load process's thread-pool threads and work items per second, described.</param>
/// <param name="Jit">How long the window waited for the JIT's tier-up and what it compiled during the window, described.</param>
/// <param name="Coalescing">How often the engine's media threads slept out a coalescing window, described.</param>
internal sealed record BridgeWindow(
    double LoadProcessPercent,
    double AgentProcessPercent,
    double MachinePercent,
    LatencyHistogram EngineReceive,
    LatencyHistogram EngineSend,
    HdrHistogram.LongHistogram QueuedFrames,
    GcFigures Gc,
    string AgentGc,
    string ThreadPool,
    string Jit,
    string Coalescing);
