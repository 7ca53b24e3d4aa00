using Bogus;
using Microsoft.Data.Sqlite;

namespace RunbookOrchestrator.Tests.Activities.Sql;

/// <summary>A real SQLite file in a temp directory holding fake customers, plus three rows with awkward text for export checks.</summary>
public sealed class CustomerDatabase : IDisposable
{
    public const int FakeCustomers = 40;

    public CustomerDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "rbo-sql-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "crm.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString();

        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, balance REAL NOT NULL, note TEXT)");

        var faker = new Faker("en") { Random = new Randomizer(20261122) };
        using var transaction = connection.BeginTransaction();
        for (var id = 1; id <= FakeCustomers; id++)
            Insert(connection, id, faker.Name.FullName(), faker.Internet.Email(), (double)faker.Finance.Amount(-500, 5000), faker.Lorem.Sentence());
        Insert(connection, 101, "Formula, Inc.", "formula@example.org", -12.5, "=HYPERLINK(\"http://evil.example\")");
        Insert(connection, 102, "Quote \"Q\" Ltd", "quote@example.org", 0, "+1 line one\nline two");
        Insert(connection, 103, "At Sign", "at@example.org", 1, "@SUM(A1:A2)");
        transaction.Commit();
    }

    public string Directory { get; }
    public string FilePath { get; }
    public string ConnectionString { get; }

    public long Count(string where = "1=1")
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM customers WHERE {where}";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Insert(SqliteConnection connection, long id, string name, string email, double balance, string note)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO customers (id, name, email, balance, note) VALUES (@id, @name, @email, @balance, @note)";
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@name", name);
        command.Parameters.AddWithValue("@email", email);
        command.Parameters.AddWithValue("@balance", balance);
        command.Parameters.AddWithValue("@note", note);
        command.ExecuteNonQuery();
    }
}
