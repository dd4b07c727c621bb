namespace Telepath.Media.Sip.UserAgent;

/// <summary>Where an incoming call is in its life.</summary>
internal enum IncomingCallState
{
    /// <summary>INVITE received; authentication, admission and negotiation in progress.</summary>
    Admitting,

    /// <summary>Handed to the handler; no final response yet.</summary>
    Offered,

    /// <summary>200 OK sent; the dialog is up.</summary>
    Answered,

    /// <summary>Over; signals completed.</summary>
    Ended,
}
