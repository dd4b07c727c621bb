using System.Net;
using System.Text;
using Telepath.Media.Sip.Transport;

namespace Telepath.TestKit.Sip;

/// <summary>
/// An in-memory <see cref="ISipTransport"/> in the spirit of pjsip's loop transport: tests inject inbound
/// messages synchronously and read what the stack sent. Outbound traffic can be lost, duplicated or held
/// (delayed) on demand, so retransmission timers can be driven deterministically under a fake clock.
/// </summary>
public sealed class LoopSipTransport : ISipTransport
{
    private readonly Lock _gate = new();
    private readonly List<LoopSipMessage> _sent = [];
    private readonly List<LoopSipMessage> _held = [];
    private ISipTransportReceiver? _receiver;

    /// <summary>Creates a loop transport with a made-up local address.</summary>
    public LoopSipTransport(SipTransportProtocol protocol = SipTransportProtocol.Udp, IPEndPoint? local = null)
    {
        Protocol = protocol;
        LocalEndPoint = local ?? new IPEndPoint(IPAddress.Loopback, 5060);
    }

    /// <inheritdoc />
    public SipTransportProtocol Protocol { get; }

    /// <inheritdoc />
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Gets or sets how many upcoming outbound messages to drop (loss).</summary>
    public int DropNext { get; set; }

    /// <summary>Gets or sets a value indicating whether each outbound message is recorded twice (duplication).</summary>
    public bool Duplicate { get; set; }

    /// <summary>Gets or sets a value indicating whether outbound messages are held until <see cref="ReleaseHeld"/> (delay).</summary>
    public bool Hold { get; set; }

    /// <summary>Gets the number of messages the stack handed to the transport, including dropped ones.</summary>
    public int SendAttempts { get; private set; }

    /// <summary>Gets a snapshot of what was delivered to the wire, in order.</summary>
    public IReadOnlyList<LoopSipMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <inheritdoc />
    public void Start(ISipTransportReceiver receiver) => _receiver = receiver;

    /// <summary>Delivers <paramref name="text"/> to the stack as if it came from <paramref name="from"/>.</summary>
    public void Inject(string text, IPEndPoint from, long connectionId = 0) =>
        Inject(Encoding.UTF8.GetBytes(text), from, connectionId);

    /// <summary>Delivers raw bytes to the stack as if they came from <paramref name="from"/>.</summary>
    public void Inject(byte[] bytes, IPEndPoint from, long connectionId = 0)
    {
        ISipTransportReceiver receiver = _receiver ?? throw new InvalidOperationException("The transport was not started.");
        receiver.OnReceived(this, new SipPeer(Protocol, from, connectionId), bytes);
    }

    /// <inheritdoc />
    public bool Send(SipPeer peer, ReadOnlyMemory<byte> message)
    {
        lock (_gate)
        {
            SendAttempts++;
            if (DropNext > 0)
            {
                DropNext--;
                return true;
            }

            var sent = new LoopSipMessage(peer, message.ToArray());
            List<LoopSipMessage> target = Hold ? _held : _sent;
            target.Add(sent);
            if (Duplicate)
            {
                target.Add(sent);
            }

            return true;
        }
    }

    /// <summary>Moves held messages to <see cref="Sent"/> (in reverse order when <paramref name="reorder"/>).</summary>
    public void ReleaseHeld(bool reorder = false)
    {
        lock (_gate)
        {
            if (reorder)
            {
                _held.Reverse();
            }

            _sent.AddRange(_held);
            _held.Clear();
            Hold = false;
        }
    }

    /// <summary>Forgets what was sent so far.</summary>
    public void ClearSent()
    {
        lock (_gate)
        {
            _sent.Clear();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
