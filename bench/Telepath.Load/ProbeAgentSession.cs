using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Telepath.Load;

/// <summary>
/// One call on the probe agent. Echo mode: every <c>media</c> frame goes straight back, a measured probe stamped with
/// the agent's receive and send times. Barge-in mode: after <c>start</c>, turns of a 3 s burst (150 frames, sent at
/// once as a text-to-speech engine would, marked with the burst id), a pause of 0.4–2.4 s while it plays, then
/// <c>clear</c> and one notice frame carrying the burst id and the time the clear was sent.
/// </summary>
internal sealed class ProbeAgentSession
{
    private const int BurstFrames = 150;
    private const int FramesPerMessage = 5;

    private readonly WebSocket _socket;
    private readonly bool _bargeIn;
    private readonly byte[] _receive = new byte[16 * 1024];
    private readonly byte[] _audio = new byte[4096];
    private readonly byte[] _send = new byte[16 * 1024];
    private byte[] _prefix = [];
    private Task _bursts = Task.CompletedTask;

    public ProbeAgentSession(WebSocket socket, bool bargeIn)
    {
        _socket = socket;
        _bargeIn = bargeIn;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            int count = 0;
            while (true)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(_receive.AsMemory(count), stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                count += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }

                long received = Stopwatch.GetTimestamp();
                bool more = await HandleAsync(count, received, stop.Token);
                count = 0;
                if (!more)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The call went away.
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await _bursts;
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Stopped mid-turn.
            }
        }

        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Telepath already closed.
            }
        }
    }

    /// <summary>Handles one message; false after <c>stop</c>.</summary>
    private async ValueTask<bool> HandleAsync(int count, long received, CancellationToken cancellationToken)
    {
        (string kind, int audioLength, string? streamSid) = Parse(_receive.AsSpan(0, count));
        switch (kind)
        {
            case "start":
                _prefix = Encoding.UTF8.GetBytes("{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"payload\":\"");
                if (_bargeIn)
                {
                    _bursts = BurstLoopAsync(cancellationToken);
                }

                return true;
            case "media" when !_bargeIn && audioLength > 0:
                Span<byte> audio = _audio.AsSpan(0, audioLength);
                if (ProbePayload.KindOf(audio) == ProbePayload.Counting)
                {
                    ProbePayload.Write(audio, ProbePayload.SecondOffset, received);
                    audio[ProbePayload.KindOffset] = ProbePayload.Stamped;
                    ProbePayload.Write(audio, ProbePayload.ThirdOffset, Stopwatch.GetTimestamp());
                }

                await SendMediaAsync(audioLength, cancellationToken);
                return true;
            case "stop":
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// Reads <c>event</c> and <c>start.streamSid</c>, and in echo mode decodes <c>media.payload</c> into
    /// <see cref="_audio"/> (in barge-in mode the burst loop owns that buffer and caller audio is not needed).
    /// </summary>
    private (string Kind, int AudioLength, string? StreamSid) Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string kind = string.Empty;
        string? streamSid = null;
        int audioLength = 0;
        Span<byte> unescaped = stackalloc byte[4096];
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("event"u8))
            {
                reader.Read();
                kind = reader.ValueTextEquals("media"u8) ? "media" : reader.GetString() ?? string.Empty;
            }
            else if (reader.CurrentDepth == 2 && reader.ValueTextEquals("streamSid"u8))
            {
                reader.Read();
                streamSid = reader.GetString();
            }
            else if (!_bargeIn && reader.CurrentDepth == 2 && reader.ValueTextEquals("payload"u8))
            {
                reader.Read();
                ReadOnlySpan<byte> base64 = reader.ValueIsEscaped ? unescaped[..reader.CopyString(unescaped)] : reader.ValueSpan;
                if (Base64.DecodeFromUtf8(base64, _audio, out _, out int written) == OperationStatus.Done)
                {
                    audioLength = written;
                }
            }
        }

        return (kind, audioLength, streamSid);
    }

    private async Task BurstLoopAsync(CancellationToken cancellationToken)
    {
        // Calls start together; spread their turns so clears do not all land in the same instant.
        await Task.Delay(RandomNumberGenerator.GetInt32(100, 1000), cancellationToken);
        for (long burst = 1; !cancellationToken.IsCancellationRequested; burst++)
        {
            int frames = FramesPerMessage * ProbePayload.FrameBytes;
            Span<byte> chunk = _audio.AsSpan(0, frames);
            chunk.Fill(ProbePayload.Silence);
            for (int f = 0; f < FramesPerMessage; f++)
            {
                Span<byte> frame = chunk.Slice(f * ProbePayload.FrameBytes, ProbePayload.FrameBytes);
                ProbePayload.Write(frame, ProbePayload.FirstOffset, burst);
                frame[ProbePayload.KindOffset] = ProbePayload.Burst;
            }

            for (int sent = 0; sent < BurstFrames; sent += FramesPerMessage)
            {
                await SendMediaAsync(frames, cancellationToken);
            }

            await Task.Delay(RandomNumberGenerator.GetInt32(400, 2400), cancellationToken);
            long clearSent = Stopwatch.GetTimestamp();
            await SendTextAsync(Encoding.UTF8.GetBytes("{\"event\":\"clear\",\"streamSid\":\"x\"}"), cancellationToken);
            Span<byte> notice = _audio.AsSpan(0, ProbePayload.FrameBytes);
            notice.Fill(ProbePayload.Silence);
            ProbePayload.Write(notice, ProbePayload.FirstOffset, burst);
            notice[ProbePayload.KindOffset] = ProbePayload.ClearNotice;
            ProbePayload.Write(notice, ProbePayload.SecondOffset, clearSent);
            await SendMediaAsync(ProbePayload.FrameBytes, cancellationToken);
            await Task.Delay(RandomNumberGenerator.GetInt32(300, 700), cancellationToken);
        }
    }

    /// <summary>Sends the first <paramref name="audioLength"/> bytes of <see cref="_audio"/> as a <c>media</c> message.</summary>
    private ValueTask SendMediaAsync(int audioLength, CancellationToken cancellationToken)
    {
        Span<byte> message = _send;
        _prefix.CopyTo(message);
        int length = _prefix.Length;
        Base64.EncodeToUtf8(_audio.AsSpan(0, audioLength), message[length..], out _, out int written);
        length += written;
        "\"}}"u8.CopyTo(message[length..]);
        length += 3;
        return _socket.SendAsync(_send.AsMemory(0, length), WebSocketMessageType.Text, true, cancellationToken);
    }

    private ValueTask SendTextAsync(byte[] text, CancellationToken cancellationToken) =>
        _socket.SendAsync(text.AsMemory(), WebSocketMessageType.Text, true, cancellationToken);
}
