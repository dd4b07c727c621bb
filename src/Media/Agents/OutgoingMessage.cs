namespace Telepath.Media.Agents;

/// <summary>A serialized text message waiting for the socket, in a buffer rented from the shared array pool.</summary>
/// <param name="Buffer">The pooled buffer; the send loop returns it.</param>
/// <param name="Length">The number of UTF-8 bytes to send.</param>
internal readonly record struct OutgoingMessage(byte[] Buffer, int Length);
