namespace RunbookOrchestrator.Masking;

/// <summary>Counts measured once per text for all triggers.</summary>
public readonly record struct TextStats(int Digits, int LongestTokenRun)
{
    /// <summary>Measures <paramref name="text"/> in one pass.</summary>
    public static TextStats Of(string text)
    {
        int digits = 0, run = 0, longest = 0;
        foreach (var c in text)
        {
            var digit = (uint)(c - '0') <= 9;
            if (digit) digits++;
            if (digit || (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c is '_' or '-' or '+' or '/')
            {
                if (++run > longest) longest = run;
            }
            else run = 0;
        }
        return new TextStats(digits, longest);
    }
}
