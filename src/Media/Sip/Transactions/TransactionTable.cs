using System.Net;

namespace Telepath.Media.Sip.Transactions;

/// <summary>
/// The live transactions of one stack with bounded size: a cap overall and per source address, so a flood costs
/// a 503 and never unbounded memory. Used under the gate only.
/// </summary>
internal sealed class TransactionTable
{
    private readonly Dictionary<TransactionKey, ServerTransaction> _server = [];
    private readonly Dictionary<TransactionKey, ClientNonInviteTransaction> _client = [];
    private readonly Dictionary<IPAddress, int> _perSource = [];
    private readonly int _maxTransactions;
    private readonly int _maxPerSource;

    /// <summary>Creates a table with the given caps.</summary>
    public TransactionTable(int maxTransactions, int maxPerSource)
    {
        _maxTransactions = maxTransactions;
        _maxPerSource = maxPerSource;
    }

    /// <summary>Gets the number of server transactions.</summary>
    public int ServerCount => _server.Count;

    /// <summary>Gets the number of client transactions.</summary>
    public int ClientCount => _client.Count;

    /// <summary>Finds a server transaction.</summary>
    public bool TryGetServer(TransactionKey key, out ServerTransaction? transaction) => _server.TryGetValue(key, out transaction);

    /// <summary>Finds a client transaction.</summary>
    public bool TryGetClient(TransactionKey key, out ClientNonInviteTransaction? transaction) => _client.TryGetValue(key, out transaction);

    /// <summary>True when a new server transaction from <paramref name="source"/> would exceed a cap.</summary>
    public bool IsFull(IPAddress source) =>
        _server.Count + _client.Count >= _maxTransactions
        || (_perSource.TryGetValue(source, out int count) && count >= _maxPerSource);

    /// <summary>Adds a server transaction; it removes itself when it terminates.</summary>
    public void Add(ServerTransaction transaction)
    {
        IPAddress source = transaction.Source.Peer.EndPoint.Address;
        _server[transaction.Key] = transaction;
        _perSource[source] = _perSource.GetValueOrDefault(source) + 1;
        Action<ServerTransaction>? previous = transaction.Terminated;
        transaction.Terminated = t =>
        {
            previous?.Invoke(t);
            Remove(t);
        };
    }

    /// <summary>Adds a client transaction; it removes itself when it terminates.</summary>
    public void Add(ClientNonInviteTransaction transaction)
    {
        _client[transaction.Key] = transaction;
        transaction.Terminated = t => _client.Remove(t.Key);
    }

    private void Remove(ServerTransaction transaction)
    {
        if (_server.TryGetValue(transaction.Key, out ServerTransaction? current) && ReferenceEquals(current, transaction))
        {
            _server.Remove(transaction.Key);
        }

        IPAddress source = transaction.Source.Peer.EndPoint.Address;
        if (_perSource.TryGetValue(source, out int count))
        {
            if (count <= 1)
            {
                _perSource.Remove(source);
            }
            else
            {
                _perSource[source] = count - 1;
            }
        }
    }
}
