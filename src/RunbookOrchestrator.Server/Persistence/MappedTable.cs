using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>One entity type's table as the EF Core model maps it (table and column names, value converters, generated keys),
/// read once, so hot rows can be written with plain prepared commands that still agree with the model and the migrations.</summary>
internal sealed class MappedTable
{
    private MappedTable(string name, IReadOnlyList<MappedColumn> columns, IReadOnlyList<MappedColumn> key)
    {
        Name = name;
        Columns = columns;
        Key = key;
    }

    public string Name { get; }
    public IReadOnlyList<MappedColumn> Columns { get; }
    public IReadOnlyList<MappedColumn> Key { get; }

    // Building a table compiles a getter per column: seconds of CPU if done per statement, so each model keeps its tables.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, System.Collections.Concurrent.ConcurrentDictionary<Type, MappedTable>> Built = new();

    /// <summary>The table of entity <typeparamref name="T"/> in <paramref name="model"/>, built once per model.</summary>
    public static MappedTable Of<T>(IModel model) =>
        Built.GetValue(model, _ => new()).GetOrAdd(typeof(T), static (_, m) => Build<T>(m), model);

    private static MappedTable Build<T>(IModel model)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var key = entity.FindPrimaryKey()!.Properties;
        var columns = entity.GetProperties()
            .Select(p => new MappedColumn(p.Name, p.GetColumnName(), Getter(p), p.GetTypeMapping().Converter,
                key.Contains(p) && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToList();
        return new MappedTable(entity.GetTableName()!, columns, columns.Where(c => key.Any(k => k.Name == c.Property)).ToList());
    }

    public MappedColumn Column(string property) => Columns.Single(c => c.Property == property);

    /// <summary>A prepared <c>INSERT</c> of every column the database does not generate; values from <see cref="InsertValues"/>.</summary>
    public PreparedStatement PrepareInsert(DbConnection connection)
    {
        var columns = InsertColumns();
        var sql = $"INSERT INTO \"{Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        return new PreparedStatement(connection, sql, columns.Select((_, i) => $"@p{i}").ToList());
    }

    public object[] InsertValues(object entity)
    {
        var columns = InsertColumns();
        var values = new object[columns.Count];
        for (var i = 0; i < values.Length; i++) values[i] = columns[i].ValueOf(entity);
        return values;
    }

    /// <summary>A prepared <c>UPDATE</c> of every non-key column but <paramref name="except"/>, by key, and, with a
    /// <paramref name="guard"/>, only while that column still holds the value given to <see cref="UpdateValues"/>.</summary>
    public PreparedStatement PrepareUpdate(DbConnection connection, IReadOnlyCollection<string> except, string? guard = null)
    {
        var set = UpdateColumns(except);
        var where = Key.Select((c, i) => $"\"{c.Name}\" = @k{i}").ToList();
        var names = set.Select((_, i) => $"@p{i}").Concat(Key.Select((_, i) => $"@k{i}")).ToList();
        if (guard is not null)
        {
            where.Add($"\"{Column(guard).Name}\" = @guard");
            names.Add("@guard");
        }
        var sql = $"UPDATE \"{Name}\" SET {string.Join(", ", set.Select((c, i) => $"\"{c.Name}\" = @p{i}"))} WHERE {string.Join(" AND ", where)}";
        return new PreparedStatement(connection, sql, names);
    }

    public object[] UpdateValues(object entity, IReadOnlyCollection<string> except, object? guardValue = null, bool guarded = false)
    {
        var set = UpdateColumns(except);
        var values = new object[set.Count + Key.Count + (guarded ? 1 : 0)];
        var at = 0;
        foreach (var c in set) values[at++] = c.ValueOf(entity);
        foreach (var c in Key) values[at++] = c.ValueOf(entity);
        if (guarded) values[at] = guardValue ?? DBNull.Value;
        return values;
    }

    private List<MappedColumn>? _insertColumns;
    private readonly Dictionary<string, List<MappedColumn>> _updateColumns = new();

    private List<MappedColumn> InsertColumns() => _insertColumns ??= Columns.Where(c => !c.Generated).ToList();

    private List<MappedColumn> UpdateColumns(IReadOnlyCollection<string> except)
    {
        var cacheKey = string.Join(",", except.Order());
        lock (_updateColumns)
        {
            if (!_updateColumns.TryGetValue(cacheKey, out var columns))
                _updateColumns[cacheKey] = columns = Columns.Where(c => !Key.Contains(c) && !except.Contains(c.Property)).ToList();
            return columns;
        }
    }

    private static Func<object, object?> Getter(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{property.Name} has no CLR property");
        var entity = Expression.Parameter(typeof(object));
        var read = Expression.Property(Expression.Convert(entity, info.DeclaringType!), info);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), entity).Compile();
    }
}
