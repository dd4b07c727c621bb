using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Telepath.Media.Agents;
using Telepath.Media.Edge;
using Telepath.Media.Rtp.Engine;
using Telepath.Media.Sip.UserAgent;

namespace Telepath.Media.Bridge;

/// <summary>The production <see cref="IIncomingCallHandler"/>: one <see cref="CallSession"/> per call.</summary>
internal sealed class BridgeCallHandler : IIncomingCallHandler
{
    private readonly ITrunkDirectory _directory;
    private readonly IAgentConnector _connector;
    private readonly RtpEngine _engine;
    private readonly ICallEvents _events;
    private readonly BridgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    public BridgeCallHandler(
        ITrunkDirectory directory,
        IAgentConnector connector,
        RtpEngine engine,
        ICallEvents events,
        BridgeOptions options,
        TimeProvider time,
        ILogger<BridgeCallHandler>? logger = null)
    {
        _directory = directory;
        _connector = connector;
        _engine = engine;
        _events = events;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public Task<CallSummary> HandleAsync(IncomingCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var session = new CallSession(call, _directory, _connector, _engine, _events, _options, _time, _logger);
        return session.RunAsync(cancellationToken);
    }
}
