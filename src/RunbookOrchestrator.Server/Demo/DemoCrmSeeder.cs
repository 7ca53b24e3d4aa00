using System.Globalization;
using Bogus;
using Microsoft.Data.Sqlite;

namespace RunbookOrchestrator.Server.Demo;

/// <summary>Creates the demo CRM (<c>demo-crm.db</c>): 500 fake customers with PII and their orders, identical on every machine.</summary>
/// <remarks>The data is fake but realistic (emails, phones, IBANs) so masking and export can be shown on it.</remarks>
public static class DemoCrmSeeder
{
    public const string FileName = "demo-crm.db";
    public const int CustomerCount = 500;

    private const int Seed = 20261122;
    private static readonly DateTime ReferenceDate = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Countries = ["DE", "FR", "NL", "AT", "ES", "IT", "PL", "BE", "SE", "GB"];
    private static readonly string[] OrderStatuses = ["paid", "shipped", "delivered", "refunded", "cancelled"];

    /// <summary>Path of the CRM file under <paramref name="dataDir"/>.</summary>
    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    /// <summary>Creates the database if it does not exist yet; returns true when it was created now.</summary>
    public static async Task<bool> EnsureCreatedAsync(string dataDir, CancellationToken cancellationToken = default)
    {
        var target = PathIn(dataDir);
        if (File.Exists(target)) return false;
        Directory.CreateDirectory(dataDir);
        // Build next to the target and move it into place, so a crash never leaves a half-filled CRM behind.
        var building = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = building, Pooling = false }.ToString()))
            {
                await connection.OpenAsync(cancellationToken);
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, Schema, cancellationToken);
                await InsertAsync(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            File.Move(building, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another process created it first; theirs is identical.
            return false;
        }
        finally
        {
            File.Delete(building);
        }
    }

    private const string Schema = """
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            first_name TEXT NOT NULL,
            last_name TEXT NOT NULL,
            email TEXT NOT NULL,
            phone TEXT NOT NULL,
            country TEXT NOT NULL,
            iban TEXT NOT NULL,
            card_last4 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            lifetime_value REAL NOT NULL
        );
        CREATE INDEX ix_customers_country ON customers(country);
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            ordered_at TEXT NOT NULL,
            status TEXT NOT NULL,
            total REAL NOT NULL,
            currency TEXT NOT NULL
        );
        CREATE INDEX ix_orders_customer ON orders(customer_id);
        """;

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var faker = new Faker("en") { Random = new Randomizer(Seed) };
        await using var customer = Command(connection, transaction,
            "INSERT INTO customers VALUES ($id, $first, $last, $email, $phone, $country, $iban, $card, $created, $ltv)",
            "$id", "$first", "$last", "$email", "$phone", "$country", "$iban", "$card", "$created", "$ltv");
        await using var order = Command(connection, transaction,
            "INSERT INTO orders VALUES ($id, $customer, $at, $status, $total, 'EUR')",
            "$id", "$customer", "$at", "$status", "$total");

        var orderId = 0;
        for (var id = 1; id <= CustomerCount; id++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var created = faker.Date.Between(ReferenceDate.AddYears(-5), ReferenceDate);
            var orderCount = faker.Random.Int(0, 6);
            var totals = Enumerable.Range(0, orderCount).Select(_ => Math.Round(faker.Random.Double(9, 900), 2)).ToList();

            await RunAsync(customer, cancellationToken, id, first, last,
                faker.Internet.Email(first, last).ToLowerInvariant(),
                faker.Phone.PhoneNumber("+## ### #######"),
                faker.PickRandom(Countries),
                faker.Finance.Iban(),
                faker.Random.ReplaceNumbers("####"),
                Iso(created),
                Math.Round(totals.Sum(), 2));

            foreach (var total in totals)
                await RunAsync(order, cancellationToken, ++orderId, id,
                    Iso(faker.Date.Between(created, ReferenceDate)),
                    faker.PickRandom(OrderStatuses),
                    total);
        }
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = p });
        return command;
    }

    private static async Task RunAsync(SqliteCommand command, CancellationToken cancellationToken, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
