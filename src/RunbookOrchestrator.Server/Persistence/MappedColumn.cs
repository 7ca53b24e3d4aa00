using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>One mapped column: reads its value from an entity and converts it the way EF Core would store it.</summary>
internal sealed record MappedColumn(string Property, string Name, Func<object, object?> Read, ValueConverter? Converter, bool Generated)
{
    public object ValueOf(object entity) => Stored(Read(entity));

    public object Stored(object? value)
    {
        if (value is null) return DBNull.Value;
        return (Converter is null ? value : Converter.ConvertToProvider(value)) ?? DBNull.Value;
    }
}
