using System.Text.RegularExpressions;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Audit;

/// <summary>docs/audit.md documents exactly the kinds the code writes: none missing, none invented.</summary>
public sealed partial class AuditEventKindsDocumentationTests
{
    private static readonly string Root = ServerProcess.RepositoryRoot();

    private static IReadOnlySet<string> Documented() =>
        TableKind().Matches(File.ReadAllText(Path.Combine(Root, "docs", "audit.md"))).Select(m => m.Groups[1].Value).ToHashSet();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.EndsWith("AuditEventKinds.cs"));

    [Fact]
    public void Every_kind_the_code_writes_is_documented()
    {
        Assert.Empty(AuditEventKinds.All.Except(Documented()));
    }

    [Fact]
    public void Every_documented_kind_is_one_the_code_writes()
    {
        Assert.Empty(Documented().Except(AuditEventKinds.All));
    }

    [Fact]
    public void Every_kind_is_used_by_the_code_and_no_record_names_its_kind_as_a_literal()
    {
        var text = string.Join("\n", SourceFiles().Select(File.ReadAllText));
        var unused = typeof(AuditEventKinds).GetFields().Where(f => f.IsLiteral).Select(f => f.Name)
            .Where(name => !text.Contains($"AuditEventKinds.{name}")).ToList();
        var literals = LiteralKind().Matches(text).Select(m => m.Value).ToList();

        Assert.Empty(unused);
        Assert.Empty(literals);
    }

    [GeneratedRegex(@"^\| `([a-z_]+\.[a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableKind();

    [GeneratedRegex(@"AuditRecord\(\s*""[a-z_]+\.[a-z_]+""")]
    private static partial Regex LiteralKind();
}
