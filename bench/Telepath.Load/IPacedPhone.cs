namespace Telepath.Load;

/// <summary>A simulated phone that <see cref="RtpPacedSender"/> asks for one 20 ms frame at a time.</summary>
internal interface IPacedPhone
{
    /// <summary>Sends the next frame; <paramref name="counting"/> marks it as inside the measured window.</summary>
    void Send(bool counting);
}
