using System.Data.Common;

namespace Telepath.Silo.Storage;

/// <summary>
/// A connection opened for writing (<see cref="TelepathDatabase.OpenWriterAsync"/>). Disposing it closes the
/// connection, then lets the next writer in.
/// </summary>
public sealed class DatabaseWriter : IAsyncDisposable
{
    private readonly SemaphoreSlim? _gate;

    internal DatabaseWriter(DbConnection connection, SemaphoreSlim? gate)
    {
        Connection = connection;
        _gate = gate;
    }

    /// <summary>Gets the open connection.</summary>
    public DbConnection Connection { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate?.Release();
        }
    }
}
