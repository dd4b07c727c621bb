namespace Telepath.Media.Sip.Transactions;

/// <summary>States of the INVITE server transaction (RFC 3261 §17.2.1 figure 7, RFC 6026 §7.1 figure 5).</summary>
internal enum ServerInviteState
{
    /// <summary>INVITE received; provisional responses may be sent.</summary>
    Proceeding,

    /// <summary>A 300-699 was sent; retransmitting it (Timer G) until ACK or Timer H.</summary>
    Completed,

    /// <summary>ACK for the 300-699 arrived; absorbing ACK retransmissions until Timer I.</summary>
    Confirmed,

    /// <summary>RFC 6026: a 2xx was sent; retransmitting it until the ACK or 64·T1 (Timer L).</summary>
    Accepted,

    /// <summary>Done.</summary>
    Terminated,
}
