namespace Telepath.Media.Codecs;

/// <summary>
/// What μ-law and A-law share: one byte per sample at 8 kHz, table-driven decoding and the <see cref="IAudioCodec"/>
/// span contract. Each law supplies only its own sample encoder and decode table.
/// </summary>
internal abstract class G711Codec : IAudioCodec
{
    /// <inheritdoc />
    public abstract byte PayloadType { get; }

    /// <inheritdoc />
    public int ClockRate => 8000;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public int GetEncodedLength(int sampleCount) => sampleCount;

    /// <inheritdoc />
    public int GetDecodedLength(int payloadLength) => payloadLength;

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        if (payload.Length < pcm.Length)
        {
            return -1;
        }

        EncodeCore(pcm, payload[..pcm.Length]);
        return pcm.Length;
    }

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        if (pcm.Length < payload.Length)
        {
            return -1;
        }

        DecodeCore(payload, pcm[..payload.Length]);
        return payload.Length;
    }

    /// <summary>Decodes every code through a law's 256-entry table; <paramref name="destination"/> is at least as long.</summary>
    protected static void DecodeWithTable(ReadOnlySpan<byte> source, Span<short> destination, short[] table)
    {
        destination = destination[..source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    /// <summary>Encodes a block of equal length (called once per frame, never per sample).</summary>
    protected abstract void EncodeCore(ReadOnlySpan<short> source, Span<byte> destination);

    /// <summary>Decodes a block of equal length.</summary>
    protected abstract void DecodeCore(ReadOnlySpan<byte> source, Span<short> destination);
}
