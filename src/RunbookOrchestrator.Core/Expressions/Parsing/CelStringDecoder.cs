using System.Globalization;
using System.Text;

namespace RunbookOrchestrator.Expressions;

/// <summary>Decodes the body of a CEL string or bytes literal, applying CEL's escape sequences unless the literal is raw.</summary>
/// <remarks>In bytes literals <c>\xHH</c> and octal escapes are single bytes; in strings they are code points, as the CEL spec defines.
/// <c>\u</c> and <c>\U</c> are valid only in strings; a <c>\u</c> high surrogate followed by a <c>\u</c> low surrogate is one code point.</remarks>
internal sealed class CelStringDecoder(string body, int offset, bool raw, bool bytes)
{
    public string DecodeString()
    {
        if (raw) return body;
        var sb = new StringBuilder(body.Length);
        Decode(cp => sb.Append(char.ConvertFromUtf32(cp)), b => sb.Append((char)b));
        return sb.ToString();
    }

    public byte[] DecodeBytes()
    {
        if (raw) return Encoding.UTF8.GetBytes(body);
        var bytes = new List<byte>(body.Length);
        Decode(cp => bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp))), bytes.Add);
        return bytes.ToArray();
    }

    private void Decode(Action<int> codePoint, Action<byte> octet)
    {
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c != '\\')
            {
                if (char.IsHighSurrogate(c) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
                {
                    codePoint(char.ConvertToUtf32(c, body[i + 1]));
                    i += 2;
                }
                else
                {
                    codePoint(c);
                    i++;
                }
                continue;
            }
            if (i + 1 >= body.Length) throw Error("invalid escape sequence", i);
            var e = body[i + 1];
            switch (e)
            {
                case 'a': codePoint(7); i += 2; break;
                case 'b': codePoint(8); i += 2; break;
                case 'f': codePoint(12); i += 2; break;
                case 'n': codePoint(10); i += 2; break;
                case 'r': codePoint(13); i += 2; break;
                case 't': codePoint(9); i += 2; break;
                case 'v': codePoint(11); i += 2; break;
                case '\\' or '?' or '"' or '\'' or '`': codePoint(e); i += 2; break;
                case 'x' or 'X':
                    octet((byte)Hex(i, 2));
                    i += 4;
                    break;
                case 'u' or 'U' when bytes:
                    throw Error($"\\{e} escapes are not allowed in bytes literals", i);
                case 'u':
                    var unit = Hex(i, 4);
                    if (unit is >= 0xD800 and <= 0xDBFF && LowSurrogateEscapeAt(i + 6) is { } low)
                    {
                        codePoint(char.ConvertToUtf32((char)unit, (char)low));
                        i += 12;
                        break;
                    }
                    codePoint(CheckedCodePoint(unit, i));
                    i += 6;
                    break;
                case 'U':
                    codePoint(CheckedCodePoint(Hex(i, 8), i));
                    i += 10;
                    break;
                case >= '0' and <= '3':
                    if (i + 3 >= body.Length || !IsOctal(body[i + 2]) || !IsOctal(body[i + 3])) throw Error("invalid octal escape", i);
                    octet((byte)((e - '0') * 64 + (body[i + 2] - '0') * 8 + (body[i + 3] - '0')));
                    i += 4;
                    break;
                default:
                    throw Error($"invalid escape sequence '\\{e}'", i);
            }
        }
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    /// <summary>The low surrogate of a <c>\uDC00</c>-<c>\uDFFF</c> escape starting at <paramref name="index"/>, if there is one.</summary>
    private int? LowSurrogateEscapeAt(int index)
    {
        if (index + 6 > body.Length || body[index] != '\\' || body[index + 1] != 'u') return null;
        var value = Hex(index, 4);
        return value is >= 0xDC00 and <= 0xDFFF ? value : null;
    }

    private int Hex(int escapeStart, int digits)
    {
        var start = escapeStart + 2;
        if (start + digits > body.Length ||
            !int.TryParse(body.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ||
            value < 0)
            throw Error("invalid hex escape", escapeStart);
        for (var k = start; k < start + digits; k++)
            if (!char.IsAsciiHexDigit(body[k])) throw Error("invalid hex escape", escapeStart);
        return value;
    }

    private int CheckedCodePoint(int value, int escapeStart) =>
        value is > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? throw Error("invalid unicode code point", escapeStart) : value;

    private ExpressionException Error(string message, int index) =>
        new($"Syntax error: {message} at column {offset + index + 1}", offset + index + 1);
}
