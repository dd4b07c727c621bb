using System.Buffers;
using System.Text.Json;

namespace Telepath.Media.Agents;

/// <summary>Helpers for the hand-written, allocation-free message parsers of the adapters.</summary>
internal static class JsonText
{
    /// <summary>
    /// Returns the current string token as unescaped UTF-8. Raw values are returned in place; escaped ones
    /// (e.g. base64 whose <c>+</c> a .NET bot wrote as <c>\u002B</c>) are unescaped into <paramref name="scratch"/>,
    /// rented on first use with room for the whole message, since unescaping never lengthens text.
    /// </summary>
    public static ReadOnlySpan<byte> GetUtf8(scoped ref Utf8JsonReader reader, int messageLength, scoped ref byte[]? scratch, scoped ref int scratchUsed)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return default;
        }

        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan;
        }

        scratch ??= ArrayPool<byte>.Shared.Rent(Math.Max(messageLength, 16));
        int written = reader.CopyString(scratch.AsSpan(scratchUsed));
        ReadOnlySpan<byte> value = scratch.AsSpan(scratchUsed, written);
        scratchUsed += written;
        return value;
    }

    /// <summary>Reads the current token as an integer, accepting JSON numbers and numeric strings.</summary>
    public static bool TryGetInt64(ref Utf8JsonReader reader, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out value);
        }

        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            return System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out value, out int consumed) && consumed == reader.ValueSpan.Length;
        }

        value = 0;
        return false;
    }

    /// <summary>Moves past the value of the property the reader is on (scalar or whole container).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>
    /// Moves onto the value of the property the reader is on: true when it is an object (the reader stands on its
    /// start, ready for its members); any other value is skipped whole and false returned.
    /// </summary>
    public static bool TryEnterObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    /// <summary>Returns a scratch buffer to the pool.</summary>
    public static void Release(ref byte[]? scratch)
    {
        if (scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(scratch);
            scratch = null;
        }
    }
}
