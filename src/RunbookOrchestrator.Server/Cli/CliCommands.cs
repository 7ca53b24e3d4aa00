using System.Reflection;

namespace RunbookOrchestrator.Server.Cli;

/// <summary>Finds the command named by the first argument, if any.</summary>
public static class CliCommands
{
    public static IReadOnlyList<ICliCommand> All { get; } = typeof(CliCommands).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
        .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    public static ICliCommand? Find(string[] args) =>
        args.Length > 0 ? All.FirstOrDefault(c => c.Name == args[0]) : null;

    public static void PrintUsage(TextWriter output)
    {
        output.WriteLine("usage: RunbookOrchestrator.Server [serve options] | <command> ...");
        foreach (var c in All) output.WriteLine($"  {c.Usage}");
    }
}
