namespace RunbookOrchestrator.Bench.Engine;

/// <summary>Nearest-rank percentiles of a set of latencies in milliseconds.</summary>
public sealed record Percentiles(double P50, double P90, double P99, double Max, int Count)
{
    public static Percentiles Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0) return new Percentiles(0, 0, 0, 0, 0);
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(At(0.50), At(0.90), At(0.99), sorted[^1], sorted.Length);
    }
}
