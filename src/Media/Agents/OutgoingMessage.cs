namespace Telepath.Media.Agents;

/// <summary>A serialized text message waiting for the socket, in a buffer rented from the shared array pool.</summary>
/// <param name="Buffer">The pooled buffer; the send pump returns it.</param>
/// <param name="Length">The number of UTF-8 bytes to send.</param>
/// <param name="HeldSince">
/// For caller audio, when our code got it (the RTP arrival, stream clock): the send pump records from there to the
/// socket. Zero for every other message.
/// </param>
internal readonly record struct OutgoingMessage(byte[] Buffer, int Length, long HeldSince = 0);
