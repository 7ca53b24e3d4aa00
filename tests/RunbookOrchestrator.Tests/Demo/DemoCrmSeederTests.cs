using Microsoft.Data.Sqlite;
using RunbookOrchestrator.Server.Demo;

namespace RunbookOrchestrator.Tests.Demo;

public sealed class DemoCrmSeederTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "rbo-demo-crm-" + Guid.NewGuid().ToString("N"));

    private static async Task<List<string>> DumpAsync(string dataDir, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DemoCrmSeeder.PathIn(dataDir)};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    [Fact]
    public async Task Fresh_crm_has_500_customers_with_contact_and_payment_data()
    {
        var dir = Path.Combine(root, "a");

        Assert.True(await DemoCrmSeeder.EnsureCreatedAsync(dir));

        var customers = await DumpAsync(dir, "SELECT id, email, iban, card_last4 FROM customers");
        Assert.Equal(500, customers.Count);
        Assert.All(customers, row =>
        {
            var fields = row.Split('|');
            Assert.Contains("@", fields[1]);
            Assert.Matches("^[A-Z]{2}[0-9]{2}", fields[2]);
            Assert.Matches("^[0-9]{4}$", fields[3]);
        });
    }

    [Fact]
    public async Task Two_seedings_produce_identical_customers_and_orders()
    {
        var first = Path.Combine(root, "a");
        var second = Path.Combine(root, "b");

        await DemoCrmSeeder.EnsureCreatedAsync(first);
        await DemoCrmSeeder.EnsureCreatedAsync(second);

        Assert.Equal(await DumpAsync(first, "SELECT * FROM customers ORDER BY id"), await DumpAsync(second, "SELECT * FROM customers ORDER BY id"));
        Assert.Equal(await DumpAsync(first, "SELECT * FROM orders ORDER BY id"), await DumpAsync(second, "SELECT * FROM orders ORDER BY id"));
    }

    [Fact]
    public async Task Orders_belong_to_existing_customers()
    {
        var dir = Path.Combine(root, "a");
        await DemoCrmSeeder.EnsureCreatedAsync(dir);

        var orphans = await DumpAsync(dir, "SELECT COUNT(*) FROM orders WHERE customer_id NOT IN (SELECT id FROM customers)");
        var orders = await DumpAsync(dir, "SELECT COUNT(*) FROM orders");

        Assert.Equal("0", orphans.Single());
        Assert.True(int.Parse(orders.Single()) > 0);
    }

    [Fact]
    public async Task Demo_default_country_DE_has_customers_to_export()
    {
        var dir = Path.Combine(root, "a");
        await DemoCrmSeeder.EnsureCreatedAsync(dir);

        Assert.True(int.Parse((await DumpAsync(dir, "SELECT COUNT(*) FROM customers WHERE country = 'DE'")).Single()) > 0);
    }

    [Fact]
    public async Task Existing_crm_is_left_untouched()
    {
        var dir = Path.Combine(root, "a");
        await DemoCrmSeeder.EnsureCreatedAsync(dir);
        await using (var connection = new SqliteConnection($"Data Source={DemoCrmSeeder.PathIn(dir)};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM orders; DELETE FROM customers WHERE id > 10";
            await command.ExecuteNonQueryAsync();
        }

        Assert.False(await DemoCrmSeeder.EnsureCreatedAsync(dir));
        Assert.Equal("10", (await DumpAsync(dir, "SELECT COUNT(*) FROM customers")).Single());
    }

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }
}
