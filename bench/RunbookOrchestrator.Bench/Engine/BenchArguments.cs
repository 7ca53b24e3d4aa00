namespace RunbookOrchestrator.Bench.Engine;

/// <summary>Reads <c>--name value</c> integer options of a benchmark's command line.</summary>
public static class BenchArguments
{
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, "--" + name);
        if (at < 0 || at + 1 >= args.Length) return fallback;
        return int.TryParse(args[at + 1], out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} must be a positive integer, got '{args[at + 1]}'");
    }
}
