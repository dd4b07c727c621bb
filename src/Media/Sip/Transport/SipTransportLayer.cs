using System.Net;
using Telepath.Media.Sip.Message;
using Telepath.Media.Sip.Parsing;

namespace Telepath.Media.Sip.Transport;

/// <summary>
/// Turns bytes from any <see cref="ISipTransport"/> into parsed, stamped, validated messages for the layer above,
/// and routes what it sends back (RFC 3261 §18). Garbage is dropped and counted, never answered; a request that
/// parses but is malformed gets the validator's 400 statelessly.
/// </summary>
internal sealed class SipTransportLayer : ISipTransportReceiver
{
    /// <summary>The default SIP port for UDP and TCP (RFC 3261 §19.1.2).</summary>
    public const int DefaultPort = 5060;

    private readonly SipParserLimits _limits;
    private readonly List<ISipTransport> _transports = [];
    private ISipMessageSink? _sink;

    /// <summary>Creates the layer.</summary>
    public SipTransportLayer(SipParserLimits limits, SipTransportMetrics metrics)
    {
        _limits = limits;
        Metrics = metrics;
    }

    /// <summary>Gets the counters.</summary>
    public SipTransportMetrics Metrics { get; }

    /// <summary>Gets the transports in the order they were added.</summary>
    public IReadOnlyList<ISipTransport> Transports => _transports;

    /// <summary>Adds a transport (before <see cref="Start"/>).</summary>
    public void Add(ISipTransport transport) => _transports.Add(transport);

    /// <summary>Starts every transport's receive loop, delivering to <paramref name="sink"/>.</summary>
    public void Start(ISipMessageSink sink)
    {
        _sink = sink;
        foreach (ISipTransport transport in _transports)
        {
            transport.Start(this);
        }
    }

    /// <summary>Finds the transport for a protocol, or null.</summary>
    public ISipTransport? Find(SipTransportProtocol protocol)
    {
        foreach (ISipTransport transport in _transports)
        {
            if (transport.Protocol == protocol)
            {
                return transport;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void OnReceived(ISipTransport transport, SipPeer peer, ReadOnlySpan<byte> message)
    {
        if (transport.Protocol == SipTransportProtocol.Udp && SipStreamFramer.IsKeepAliveDatagram(message))
        {
            return;
        }

        SipFraming framing = transport.Protocol == SipTransportProtocol.Udp ? SipFraming.Datagram : SipFraming.Stream;
        SipParseResult result = SipParser.Parse(message, framing, _limits);
        if (result.Status != SipParseStatus.Complete)
        {
            Metrics.CountDropped("unparseable");
            return;
        }

        var source = new SipSource(transport, peer);
        if (result.Message is SipResponse response)
        {
            _sink?.OnResponse(response, source);
            return;
        }

        var request = (SipRequest)result.Message!;
        if (request.TopVia is ViaHeader via)
        {
            request.SetTopVia(Stamp(via, peer));
        }

        if (SipRequestValidator.Validate(request) is SipRequestError error)
        {
            Metrics.CountRejected();

            // RFC 3261 §17.1.1.3: an ACK is never answered; a response needs the headers §8.2.6 copies (copied raw,
            // so a malformed CSeq still goes back as received).
            if (request.Method != SipMethod.Ack && request.TopVia is not null && request.CallId is not null && request.Headers.Contains(SipHeaderNames.CSeq))
            {
                Send(ResponseDestination(request, source), SipWriter.ToBytes(
                    SipResponseBuilder.Create(request, error.StatusCode, error.ReasonPhrase, SipIdentifiers.NewTag())));
            }

            return;
        }

        _sink?.OnRequest(request, source);
    }

    /// <summary>Sends serialized bytes; false when the transport refused them.</summary>
    public bool Send(SipSource destination, ReadOnlyMemory<byte> bytes) => destination.Transport.Send(destination.Peer, bytes);

    /// <summary>
    /// Where the responses to <paramref name="request"/> go (RFC 3261 §18.2.2, RFC 3581 §4): on a stream, the
    /// connection it arrived on (else the received address at the sent-by port); on UDP, the received address
    /// and the rport, else the sent-by port.
    /// </summary>
    public static SipSource ResponseDestination(SipRequest request, SipSource origin)
    {
        ViaHeader? via = request.TopVia;
        if (via is null)
        {
            return origin;
        }

        IPAddress address = IPAddress.TryParse(via.Received, out IPAddress? received) ? received : origin.Peer.EndPoint.Address;
        int port = origin.Peer.Protocol == SipTransportProtocol.Udp ? via.Rport ?? via.Port ?? DefaultPort : via.Port ?? DefaultPort;

        return origin with { Peer = origin.Peer with { EndPoint = new IPEndPoint(address, port) } };
    }

    private static ViaHeader Stamp(ViaHeader via, SipPeer peer)
    {
        string sourceAddress = peer.EndPoint.Address.IsIPv4MappedToIPv6
            ? peer.EndPoint.Address.MapToIPv4().ToString()
            : peer.EndPoint.Address.ToString();

        // RFC 3581 §4: with an empty rport the server fills in the source port and always adds received.
        if (via.HasRport && via.Rport is null)
        {
            return via.WithReceived(sourceAddress).WithRport(peer.EndPoint.Port);
        }

        // RFC 3261 §18.2.1: received is added when sent-by differs from the packet's source address.
        return string.Equals(via.Host.Trim('[', ']'), sourceAddress, StringComparison.OrdinalIgnoreCase)
            ? via
            : via.WithReceived(sourceAddress);
    }
}
