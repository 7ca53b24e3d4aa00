namespace RunbookOrchestrator.Templates;

/// <summary>Splits a Handlebars path (<c>steps.fetch-data.output.x</c>, <c>a/b</c>, <c>a.[odd key]</c>, <c>this.x</c>) into segments.</summary>
internal static class TemplatePath
{
    /// <summary>The segments, or null with <paramref name="error"/> set when the path is malformed.</summary>
    public static List<string>? Parse(string path, out string? error)
    {
        error = null;
        var segments = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            string segment;
            if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    error = $"'[' in path '{path}' is never closed";
                    return null;
                }
                segment = path[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '/'], i);
                // `..` (parent) is a whole segment, not a separator followed by an empty name.
                if (path.AsSpan(i).StartsWith("..")) end = i + 2;
                if (end < 0) end = path.Length;
                segment = path[i..end];
                i = end;
            }
            if (segment.Length == 0)
            {
                error = $"empty segment in path '{path}'";
                return null;
            }
            segments.Add(segment);
            if (i < path.Length)
            {
                if (path[i] is not ('.' or '/'))
                {
                    error = $"unexpected '{path[i]}' in path '{path}'";
                    return null;
                }
                if (segment != ".." || path[i] == '/') i++;
                if (i == path.Length)
                {
                    error = $"path '{path}' ends with a separator";
                    return null;
                }
            }
        }
        if (segments.Count > 0 && segments[0] == "this") segments.RemoveAt(0);
        return segments;
    }
}
