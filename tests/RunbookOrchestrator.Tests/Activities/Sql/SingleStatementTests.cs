using RunbookOrchestrator.Activities.Sql;

namespace RunbookOrchestrator.Tests.Activities.Sql;

public sealed class SingleStatementTests
{
    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("SELECT 1;")]
    [InlineData("SELECT 1; -- done")]
    [InlineData("SELECT 1; /* done */ ;")]
    [InlineData("SELECT 'it''s; fine'")]
    [InlineData("SELECT \"odd;name\" FROM t")]
    [InlineData("SELECT [odd;name] FROM t")]
    [InlineData("SELECT $body$ a; b $body$")]
    [InlineData("SELECT * FROM t WHERE a = $1")]
    [InlineData("SELECT 1 -- ; DROP TABLE t")]
    public void One_statement_holds(string sql) => Assert.True(SingleStatement.Holds(sql));

    [Theory]
    [InlineData("SELECT 1; SELECT 2")]
    [InlineData("SELECT 'a'; DROP TABLE t")]
    [InlineData("SELECT 1 /* x */; DELETE FROM t")]
    [InlineData("SELECT $$;$$; DELETE FROM t")]
    public void Two_statements_do_not_hold(string sql) => Assert.False(SingleStatement.Holds(sql));
}
