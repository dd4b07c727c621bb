using System.Diagnostics;
using System.Net.Sockets;
using HdrHistogram;
using Telepath.Media.Rtp.Engine;

namespace Telepath.Load;

/// <summary>
/// The phones of the loopback floor. Sending is paced by <see cref="RtpPacedSender"/> (one <see cref="Sender"/> per
/// stream); receiving is this handler on its own epoll thread, timed from the kernel's receipt of each datagram
/// (<c>SIOCGSTAMP</c>) as the bridge scenarios' phones are.
/// </summary>
internal sealed class FloorPhone(FloorStream[] streams, LongHistogram agentToCaller, LongHistogram roundTrip)
{
    private readonly byte[] _datagram = new byte[FloorStream.DatagramBytes];
    private readonly KernelArrivalClock? _clock = KernelArrivalClock.IsSupported ? new KernelArrivalClock(TimeProvider.System) : null;
    private long _received;

    /// <summary>Gets the measured frames that came back.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Primes kernel receive stamps on every phone socket before the first datagram.</summary>
    public void EnableArrivalStamps()
    {
        foreach (FloorStream stream in streams)
        {
            _clock?.Enable(stream.Phone);
        }
    }

    /// <summary>An echo is waiting on the call's phone socket.</summary>
    public void OnReadable(FloorStream stream)
    {
        Socket phone = stream.Phone;
        int read = phone.Receive(_datagram, 0, _datagram.Length, SocketFlags.None, out SocketError error);
        if (error != SocketError.Success || read < FloorFrame.StampBytes || !FloorFrame.Counting(_datagram))
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        long arrival = _clock?.ArrivalOf(phone, now) ?? now;
        agentToCaller.RecordValue(FloorFrame.Microseconds(FloorFrame.AgentSent(_datagram), arrival));
        roundTrip.RecordValue(FloorFrame.Microseconds(FloorFrame.PhoneSent(_datagram), arrival));
        _received++;
    }

    /// <summary>One stream's phone as the pacer sees it.</summary>
    public sealed class Sender(Socket phone) : IPacedPhone
    {
        private readonly byte[] _datagram = new byte[FloorStream.DatagramBytes];

        /// <summary>Gets the measured frames sent.</summary>
        public long Sent { get; private set; }

        public void Send(bool counting)
        {
            FloorFrame.WritePhone(_datagram, Stopwatch.GetTimestamp(), counting);
            phone.Send(_datagram, SocketFlags.None, out _);
            if (counting)
            {
                Sent++;
            }
        }
    }
}
