using System.Text;

namespace RunbookOrchestrator.Definitions.Source;

/// <summary>Decodes a runbook file as strict UTF-8 (a leading BOM allowed). Invalid bytes and NUL characters are refused with
/// the line and column where they occur, instead of being replaced by U+FFFD and loading something nobody wrote.</summary>
public static class StrictText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The decoded text, or the problem with its location.</summary>
    public static (string? Text, SourceParseException? Problem) Decode(byte[] bytes, string file)
    {
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        string text;
        try
        {
            text = Strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = start + Math.Max(0, ex.Index);
            // The valid prefix locates the bad byte in lines and characters.
            var prefix = Encoding.UTF8.GetString(bytes, start, Math.Max(0, offset - start));
            var (line, column) = Position(prefix, prefix.Length);
            return (null, new SourceParseException($"the file is not valid UTF-8 (byte 0x{bytes[offset]:X2} at offset {offset}); save it as UTF-8", new SourceLocation(file, line, column)));
        }
        var nul = text.IndexOf('\0');
        if (nul >= 0)
        {
            var (line, column) = Position(text, nul);
            return (null, new SourceParseException("the file contains a NUL character; a runbook is text", new SourceLocation(file, line, column)));
        }
        return (text, null);
    }

    private static (int Line, int Column) Position(string text, int index)
    {
        int line = 1, column = 1;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return (line, column);
    }
}
