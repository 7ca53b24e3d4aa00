using System.Text;

namespace RunbookOrchestrator.Templates;

/// <summary>A string writer that refuses to grow past a character limit, so a runaway loop cannot exhaust memory.</summary>
internal sealed class BoundedWriter(int maxChars) : StringWriter
{
    public override void Write(char value)
    {
        Reserve(1);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Reserve(count);
        base.Write(buffer, index, count);
    }

    public override void Write(string? value)
    {
        Reserve(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        base.Write(buffer);
    }

    public override void Write(StringBuilder? value)
    {
        Reserve(value?.Length ?? 0);
        base.Write(value);
    }

    private void Reserve(int count)
    {
        if (GetStringBuilder().Length + count > maxChars)
            throw new TemplateRenderException($"template output exceeds the limit of {maxChars / 1024} KiB");
    }
}
