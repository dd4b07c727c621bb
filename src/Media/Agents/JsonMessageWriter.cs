using System.Buffers;
using System.Text.Json;

namespace Telepath.Media.Agents;

/// <summary>
/// Serializes outgoing JSON messages without allocating per message: one reused <see cref="Utf8JsonWriter"/> over a
/// reused <see cref="ArrayBufferWriter{T}"/>; the finished bytes are copied into a pooled buffer for the send queue.
/// Not thread-safe: callers hold <see cref="SyncRoot"/> between <see cref="Begin"/> and <see cref="Complete"/>.
/// </summary>
internal sealed class JsonMessageWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="JsonMessageWriter"/> class.</summary>
    public JsonMessageWriter()
    {
        // Relaxed escaping keeps prompts readable on the wire; the output is never embedded in HTML.
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });
    }

    /// <summary>Gets the lock that serializes writers from the bridge and the receive loop.</summary>
    public Lock SyncRoot { get; } = new();

    /// <summary>Starts a new message and returns the writer to fill.</summary>
    public Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        return _writer;
    }

    /// <summary>Finishes the message and copies it into a pooled buffer owned by the returned message.</summary>
    public OutgoingMessage Complete()
    {
        _writer.Flush();
        ReadOnlySpan<byte> written = _buffer.WrittenSpan;
        byte[] pooled = ArrayPool<byte>.Shared.Rent(written.Length);
        written.CopyTo(pooled);
        return new OutgoingMessage(pooled, written.Length);
    }
}
