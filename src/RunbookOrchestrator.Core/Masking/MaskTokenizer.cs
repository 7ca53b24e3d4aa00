namespace RunbookOrchestrator.Masking;

/// <summary>Turns a raw value and its mask into the token written out (a session adds a tag and remembers the value).</summary>
internal delegate string MaskTokenizer(string raw, string type, string mask);
