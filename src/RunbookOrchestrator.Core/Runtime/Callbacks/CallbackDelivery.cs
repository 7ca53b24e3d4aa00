namespace RunbookOrchestrator.Runtime.Callbacks;

/// <summary>What happened to one callback: delivered or not, after how many attempts, and the last status or error.</summary>
public sealed record CallbackDelivery(bool Delivered, int Attempts, int? LastStatusCode, string? Error);
