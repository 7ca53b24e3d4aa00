namespace RunbookOrchestrator.Server.Api;

/// <summary>One thing wrong with a request: where (a JSON pointer into the body such as <c>/inputs/count</c>, or <c>?name</c> for a query parameter) and what.</summary>
internal sealed record ProblemError(string Path, string Message);
