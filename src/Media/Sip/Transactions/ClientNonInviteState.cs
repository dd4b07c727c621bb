namespace Telepath.Media.Sip.Transactions;

/// <summary>States of the non-INVITE client transaction (RFC 3261 §17.1.2 figure 6).</summary>
internal enum ClientNonInviteState
{
    /// <summary>Request sent; Timer E retransmits, Timer F times out.</summary>
    Trying,

    /// <summary>A provisional arrived; retransmits continue every T2.</summary>
    Proceeding,

    /// <summary>A final response arrived; absorbing its retransmissions until Timer K.</summary>
    Completed,

    /// <summary>Done.</summary>
    Terminated,
}
