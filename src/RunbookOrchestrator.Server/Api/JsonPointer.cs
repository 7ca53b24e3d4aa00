namespace RunbookOrchestrator.Server.Api;

/// <summary>RFC 6901 JSON pointers, the way problems say where in a body something is wrong (<c>/inputs/customer_country</c>).</summary>
internal static class JsonPointer
{
    /// <summary>The pointer to <paramref name="segments"/>, each escaped (<c>~</c> as <c>~0</c>, <c>/</c> as <c>~1</c>); the root is the empty string.</summary>
    public static string Of(IEnumerable<string> segments) => string.Concat(segments.Select(s => "/" + Escape(s)));

    public static string Of(params string[] segments) => Of((IEnumerable<string>)segments);

    private static string Escape(string segment)
    {
        // Caller-chosen names are echoed, but never at unbounded length.
        var shortened = segment.Length <= 100 ? segment : segment[..100] + "…";
        return shortened.Replace("~", "~0").Replace("/", "~1");
    }
}
