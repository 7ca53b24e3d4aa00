namespace RunbookOrchestrator.Masking;

/// <summary>One sensitive value found in a text: its type, its span in the original text (UTF-16 units), the detector and the mask written instead.</summary>
public sealed record Detection(string Type, int Start, int Length, string Detector, string Mask);
