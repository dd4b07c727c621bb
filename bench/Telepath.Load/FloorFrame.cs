using System.Buffers.Binary;

namespace Telepath.Load;

/// <summary>
/// Where the loopback floor keeps its stamps, the same in a datagram and in a TCP message: the phone's send time, the
/// agent's send time (both <see cref="System.Diagnostics.Stopwatch"/> timestamps) and whether the frame is measured.
/// </summary>
internal static class FloorFrame
{
    /// <summary>Bytes that travel unchanged from the phone to the agent and back.</summary>
    public const int StampBytes = 17;

    public static long PhoneSent(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadInt64LittleEndian(frame);

    public static long AgentSent(ReadOnlySpan<byte> frame) => BinaryPrimitives.ReadInt64LittleEndian(frame[8..]);

    public static bool Counting(ReadOnlySpan<byte> frame) => frame[16] != 0;

    public static void WritePhone(Span<byte> frame, long sent, bool counting)
    {
        BinaryPrimitives.WriteInt64LittleEndian(frame, sent);
        frame[16] = counting ? (byte)1 : (byte)0;
    }

    /// <summary>Whole microseconds from <paramref name="start"/> to <paramref name="end"/>, never negative.</summary>
    public static long Microseconds(long start, long end) =>
        Math.Max(0, (end - start) * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);

    public static void WriteAgent(Span<byte> frame, long sent) => BinaryPrimitives.WriteInt64LittleEndian(frame[8..], sent);
}
