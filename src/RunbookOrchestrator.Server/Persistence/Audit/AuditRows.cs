using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Server.Persistence.Audit;

/// <summary>Appends to the audit chain with prepared statements on one long-lived connection (the run store's group writer).
/// The protocol is <see cref="AuditAppender"/>'s: the head is read inside the caller's transaction, the records are chained
/// after it, the events are inserted and the head moved, all committing or rolling back with what they describe.</summary>
internal sealed class AuditRows : IDisposable
{
    private readonly MappedTable _events;
    private readonly MappedTable _head;
    private readonly PreparedStatement _insertEvent;
    private readonly PreparedStatement _readHead;
    private readonly DbConnection _connection;
    // Needed once in a database's life (the first event ever); prepared only then.
    private PreparedStatement? _anyEvent;
    private PreparedStatement? _insertHead;
    private readonly PreparedStatement _updateHead;
    private static readonly string[] NothingExcepted = [];

    public AuditRows(DbConnection connection, IModel model)
    {
        _events = MappedTable.Of<AuditEventEntity>(model);
        _head = MappedTable.Of<AuditHeadEntity>(model);
        // On PostgreSQL with several nodes the head row is the lock that orders appends; SQLite's write lock already does.
        var lockRow = connection is Microsoft.Data.Sqlite.SqliteConnection ? "" : " FOR UPDATE";
        _readHead = new PreparedStatement(connection,
            $"SELECT \"{Col(_head, nameof(AuditHeadEntity.Sequence))}\", \"{Col(_head, nameof(AuditHeadEntity.Hash))}\" FROM \"{_head.Name}\" " +
            $"WHERE \"{Col(_head, nameof(AuditHeadEntity.Id))}\" = @id{lockRow}", ["@id"]);
        _connection = connection;
        _insertEvent = _events.PrepareInsert(connection);
        _updateHead = _head.PrepareUpdate(connection, NothingExcepted);
    }

    /// <summary>Chains <paramref name="records"/> after the head, stamped <paramref name="now"/>, inside <paramref name="transaction"/>.</summary>
    public void Append(DbTransaction transaction, IReadOnlyList<AuditRecord> records, DateTimeOffset now)
    {
        if (records.Count == 0) return;
        AuditHeadEntity? head = null;
        using (var reader = _readHead.Query(transaction, [AuditHeadEntity.SingleRowId]))
            if (reader.Read()) head = new AuditHeadEntity { Sequence = reader.GetInt64(0), Hash = reader.GetString(1) };
        var isNew = head is null;
        if (head is null)
        {
            _anyEvent ??= new PreparedStatement(_connection, $"SELECT 1 FROM \"{_events.Name}\" LIMIT 1", []);
            using (var reader = _anyEvent.Query(transaction, []))
                if (reader.Read())
                    throw new InvalidOperationException("The audit_head row is missing while audit events exist; refusing to append. Run 'audit verify'.");
            head = new AuditHeadEntity { Sequence = AuditHead.Genesis.Sequence, Hash = AuditHead.GenesisHash };
        }

        var events = AuditChain.Extend(new AuditHead(head.Sequence, head.Hash), records, now);
        foreach (var e in events) _insertEvent.Execute(transaction, _events.InsertValues(AuditEventEntity.From(e)));
        head.Sequence = events[^1].Sequence;
        head.Hash = events[^1].Hash;
        if (isNew) (_insertHead ??= _head.PrepareInsert(_connection)).Execute(transaction, _head.InsertValues(head));
        else _updateHead.Execute(transaction, _head.UpdateValues(head, NothingExcepted));
    }

    private static string Col(MappedTable table, string property) => table.Column(property).Name;

    public void Dispose()
    {
        _insertEvent.Dispose();
        _readHead.Dispose();
        _anyEvent?.Dispose();
        _insertHead?.Dispose();
        _updateHead.Dispose();
    }
}
