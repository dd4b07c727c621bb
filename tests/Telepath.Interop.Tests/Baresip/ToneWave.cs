using System.Buffers.Binary;

namespace Telepath.Interop.Tests.Baresip;

/// <summary>Writes a mono 8 kHz 16-bit PCM WAV file holding a sine tone: baresip's microphone in these tests.</summary>
internal static class ToneWave
{
    private const int SampleRate = 8000;

    public static byte[] Create(double frequency, TimeSpan length)
    {
        int samples = (int)(SampleRate * length.TotalSeconds);
        byte[] file = new byte[44 + (samples * 2)];
        Span<byte> span = file;
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], file.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples * 2);
        for (int i = 0; i < samples; i++)
        {
            short value = (short)(8000 * Math.Sin(2 * Math.PI * frequency * i / SampleRate));
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], value);
        }

        return file;
    }
}
