using System.Text;
using Microsoft.EntityFrameworkCore;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>One naming rule for every table: snake_case columns, keys and indexes, so hand-written SQL and both databases read alike.</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName() ?? ToSnake(entity.ClrType.Name);
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ToSnake(property.GetColumnName()));
            foreach (var key in entity.GetKeys())
                key.SetName(key.IsPrimaryKey() ? $"pk_{table}" : $"ak_{table}_{Columns(key.Properties)}");
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName($"fk_{table}_{Columns(fk.Properties)}");
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName($"ix_{table}_{Columns(index.Properties)}");
        }
    }

    private static string Columns(IEnumerable<Microsoft.EntityFrameworkCore.Metadata.IReadOnlyProperty> properties) =>
        string.Join("_", properties.Select(p => ToSnake(p.Name)));

    public static string ToSnake(string name)
    {
        if (name.Contains('_') && name == name.ToLowerInvariant()) return name;
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
