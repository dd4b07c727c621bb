using System.Net.Sockets;

namespace Telepath.TestKit.Network;

/// <summary>Watches a TCP connection for the other side closing it.</summary>
public static class PeerClose
{
    /// <summary>
    /// Reads (and discards, e.g. an HTTP upgrade request nobody answers) until the peer closes: true on end of stream
    /// or reset, false when the connection is still open after <paramref name="guard"/>.
    /// </summary>
    public static async Task<bool> ClosedByPeerAsync(Socket connection, TimeSpan guard)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(guard);
        try
        {
            while (await connection.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
                // Whatever the peer sent before closing.
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
