namespace RunbookOrchestrator.Masking;

/// <summary>Turns a raw value into a mask that keeps only the hint a reviewer needs.</summary>
public delegate string MaskStyle(string raw);
