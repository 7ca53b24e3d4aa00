namespace RunbookOrchestrator.Server.Api;

/// <summary>Why a request body is not acceptable JSON: a stable <paramref name="Code"/>, a sentence, the JSON pointer and the 1-based line and byte where it was found.</summary>
internal sealed record JsonBodyError(string Code, string Message, string Path, long Line, long Byte);
