using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using Telepath.Media.Hosting;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Load;

/// <summary>
/// What both bridge scenarios share: the probe agent in its own process, the real silo (SQLite, one silo) with a
/// custom-protocol trunk made over the API, N digest-authenticated SIP calls coming up a few at a time while earlier
/// ones already stream, one pacing thread sending every phone's 20 ms PCMU frames, a measured window, and hang-up.
/// </summary>
internal sealed class BridgeLoad : IAsyncDisposable
{
    private const int SetupParallelism = 8;

    private readonly ProbeAgentProcess _agent;
    private readonly LoadSilo _silo;
    private readonly LoadSipCaller _caller;
    private readonly LoadCall?[] _calls;
    private readonly ManualResetEventSlim _stop = new(false, 1);
    private readonly StrongBox<bool> _measuring = new();
    private readonly Thread _sender;

    private BridgeLoad(ProbeAgentProcess agent, LoadSilo silo, LoadSipCaller caller, int calls)
    {
        _agent = agent;
        _silo = silo;
        _caller = caller;
        _calls = new LoadCall?[calls];
        Peers = new RtpPeer[calls];
        for (int i = 0; i < calls; i++)
        {
            Peers[i] = new RtpPeer(RoundTrip, 0x7E1E0000u + (uint)i, Probe);
        }

        _sender = new Thread(() => RtpPacedSender.Run(Peers, _stop, _measuring)) { IsBackground = true, Name = "phones-pacer" };
        _sender.Start();
    }

    public RtpPeer[] Peers { get; }

    public ProbeRecorder Probe { get; } = new();

    /// <summary>Gets phone send → echo arrival, microseconds.</summary>
    public LongConcurrentHistogram RoundTrip { get; } = new(1, 10_000_000, 3);

    /// <summary>Gets INVITE → 200 OK including the 401 round trip and the agent connect, microseconds.</summary>
    public LongConcurrentHistogram Setup { get; } = new(1, 60_000_000, 3);

    public int Established { get; private set; }

    public LoadSilo Silo => _silo;

    private RtpEngine Engine => _silo.Services.GetRequiredService<RtpEngine>();

    public static async Task<BridgeLoad> StartAsync(int calls, string agentMode, bool epoll)
    {
        ProbeAgentProcess agent = await ProbeAgentProcess.StartAsync(agentMode);
        LoadSilo silo = await LoadSilo.StartAsync(
            "--Telepath:Sip:Domain=127.0.0.1",
            "--Telepath:Sip:Tcp=false",
            "--Telepath:Rtp:PortRangeStart=30000",
            "--Telepath:Rtp:KernelArrivalTimestamps=true",
            "--Telepath:Rtp:EpollReceive=" + (epoll ? "true" : "false"),
            "--Telepath:Rtp:PortRangeEnd=" + (30000 + (calls * 2) + 400).ToString(CultureInfo.InvariantCulture));
        (string username, string password) = await CallRecordFigures.CreateTrunkAsync(silo, agent.WebSocketUrl);
        IPEndPoint sip = silo.Services.GetRequiredService<MediaEngine>().SipEndPoints[0];
        var caller = new LoadSipCaller(sip, username, password, "127.0.0.1");
        var load = new BridgeLoad(agent, silo, caller, calls);
        await load.PlaceCallsAsync();
        return load;
    }

    /// <summary>Lets set-up backlogs drain, then measures <paramref name="seconds"/> and returns the CPU figures.</summary>
    public async Task<BridgeWindow> MeasureAsync(int seconds)
    {
        // Set-up stalls leave standing playout backlogs that the pacer sheds at up to 100 ms/s; measure after that.
        await Task.Delay(TimeSpan.FromSeconds(6));
        (TimeSpan warmUp, bool quiet) = await JitWarmUp.WaitAsync();
        long compiledStart = System.Runtime.JitInfo.GetCompiledMethodCount();

        // On stderr, so a profiler started by a script can wait for the measured window.
        Console.Error.WriteLine(FormattableString.Invariant($"window: measuring {seconds} s"));
        long coalescedStart = Engine.MediaThreads?.CoalescedSleeps ?? 0;
        long yieldsStart = Engine.MediaThreads?.Yields ?? 0;
        RoundTrip.Reset();
        Probe.Reset();
        EngineLatencyFigures.Reset(Engine);
        foreach (RtpPeer peer in Peers)
        {
            peer.ResetCounts();
        }

        var process = Process.GetCurrentProcess();
        using var allocations = new AllocationSampler();
        allocations.Start();
        int gen0Start = GC.CollectionCount(0);
        int gen2Start = GC.CollectionCount(2);
        long allocatedStart = GC.GetTotalAllocatedBytes();
        TimeSpan pausedStart = GC.GetTotalPauseDuration();
        TimeSpan loadStart = process.TotalProcessorTime;
        TimeSpan agentStart = _agent.ProcessorTime;
        ProbeAgentGc agentGcStart = await _agent.GcAsync();
        long workItemsStart = ThreadPool.CompletedWorkItemCount;
        MachineCpu machineStart = MachineCpu.Sample();
        var wall = Stopwatch.StartNew();
        _measuring.Value = true;
        var queued = new LongHistogram(1_000_000, 3);
        var busyPercent = new LongHistogram(100, 3);
        long end = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            // A standing pacer queue is delay the agent -> caller direction carries: 20 ms a frame.
            await Task.Delay(100);
            EngineLatencyFigures.SampleQueuedFrames(Engine, queued);
            foreach (double fraction in Engine.MediaThreads?.BusyFractions() ?? [])
            {
                busyPercent.RecordValue((long)(fraction * 100));
            }
        }

        _measuring.Value = false;
        var gc = new GcFigures(
            GC.CollectionCount(0) - gen0Start,
            GC.CollectionCount(2) - gen2Start,
            (GC.GetTotalAllocatedBytes() - allocatedStart) / (double)seconds,
            GC.GetTotalPauseDuration() - pausedStart,
            allocations.Stop(6));
        string agentGc = (await _agent.GcAsync()).DescribeSince(agentGcStart, seconds);
        string threadPool = FormattableString.Invariant(
            $"{ThreadPool.ThreadCount} threads, {(ThreadPool.CompletedWorkItemCount - workItemsStart) / (double)seconds:0} work items/s");
        string coalescing = FormattableString.Invariant(
            $"{((Engine.MediaThreads?.CoalescedSleeps ?? 0) - coalescedStart) / (double)seconds:0} coalesced waits/s, {((Engine.MediaThreads?.Yields ?? 0) - yieldsStart) / (double)seconds:0} slice yields/s; busy share per thread, sampled every 100 ms: p50 {busyPercent.GetValueAtPercentile(50)} %, p99 {busyPercent.GetValueAtPercentile(99)} %");
        string jit = FormattableString.Invariant(
            $"measured after {warmUp.TotalSeconds:0} s more for tier-up ({(quiet ? "compilation quiet" : "limit reached, still compiling")}), {System.Runtime.JitInfo.GetCompiledMethodCount() - compiledStart} methods compiled in the window");
        (LatencyHistogram receive, LatencyHistogram send) = EngineLatencyFigures.Collect(Engine);
        await Task.Delay(1000);
        wall.Stop();
        process.Refresh();
        double elapsed = wall.Elapsed.TotalSeconds;
        return new BridgeWindow(
            (process.TotalProcessorTime - loadStart).TotalSeconds / elapsed * 100,
            (_agent.ProcessorTime - agentStart).TotalSeconds / elapsed * 100,
            MachineCpu.Sample().PercentSince(machineStart),
            receive,
            send,
            queued,
            gc,
            agentGc,
            threadPool,
            jit,
            coalescing);
    }

    /// <summary>Stops the phones, hangs every call up and waits for the records to be written.</summary>
    public async Task HangUpAsync()
    {
        _stop.Set();
        _sender.Join();
        foreach (LoadCall? call in _calls)
        {
            if (call is not null)
            {
                _caller.HangUp(call);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Set();
        _sender.Join();
        foreach (RtpPeer peer in Peers)
        {
            peer.Dispose();
        }

        await _caller.DisposeAsync();
        await _silo.DisposeAsync();
        await _agent.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>One line per figure common to both scenarios: set-up time and the engine's own histograms.</summary>
    public void PrintCommon(string scenario, int seconds, BridgeWindow window)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"{scenario} calls={Peers.Length} established={Established} {seconds} s measured, {Environment.ProcessorCount} cores shared by silo, probe agent process and generator, media on {(Engine.MediaThreads is { } loops ? $"{loops.Count} epoll threads" : "socket async operations")}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  call setup (INVITE -> 401 -> INVITE -> 200, agent connect included): p50 {Setup.GetValueAtPercentile(50) / 1000.0:0.0} ms, p99 {Setup.GetValueAtPercentile(99) / 1000.0:0.0} ms"));
        Console.WriteLine("  JIT, load process: " + window.Jit);
        Console.WriteLine("  media threads: " + window.Coalescing);
        Console.WriteLine("  engine's own figures (in process, every stream):");
        Console.WriteLine("    receive, kernel arrival -> frame written to the agent socket: " + EngineLatencyFigures.Describe(window.EngineReceive));
        Console.WriteLine("    send, pacing slot due -> RTP sent (pacer lateness):          " + EngineLatencyFigures.Describe(window.EngineSend));
        Console.WriteLine(FormattableString.Invariant(
            $"    pacer queue sampled every 100 ms (frames of 20 ms waiting): mean {window.QueuedFrames.GetMean():0.00}, p50 {window.QueuedFrames.GetValueAtPercentile(50)}, p99 {window.QueuedFrames.GetValueAtPercentile(99)}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  CPU: load process (silo + generator) {window.LoadProcessPercent:0} % of one core, probe agent {window.AgentProcessPercent:0} % of one core, whole machine {window.MachinePercent:0} % (other work on the machine included)"));
        Console.WriteLine("  GC, load process (silo + generator): " + window.Gc.Describe());
        Console.WriteLine("  GC, probe agent: " + window.AgentGc);
        Console.WriteLine("  thread pool, load process: " + window.ThreadPool);
    }

    private async Task PlaceCallsAsync()
    {
        int next = -1;
        var setups = new Task[SetupParallelism];
        for (int w = 0; w < setups.Length; w++)
        {
            setups[w] = Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Peers.Length)
                {
                    long started = Stopwatch.GetTimestamp();
                    LoadCall? call = await _caller.CallAsync("+15550100", Peers[i].LocalPort);
                    if (call is not null)
                    {
                        Setup.RecordValue(Math.Max(1, Stopwatch.GetElapsedTime(started).Ticks / 10));
                        _calls[i] = call;
                        Peers[i].Connect(call.RemoteRtpPort);
                    }
                }
            });
        }

        await Task.WhenAll(setups);
        Established = _calls.Count(static c => c is not null);
    }
}
