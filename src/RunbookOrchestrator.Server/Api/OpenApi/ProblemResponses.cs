namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>Documents the problem statuses an endpoint can answer with, each as <c>application/problem+json</c>.</summary>
internal static class ProblemResponses
{
    /// <summary>401 is added to every endpoint that requires a caller; list the others here.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses.Append(StatusCodes.Status401Unauthorized).Distinct())
            builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>The body this endpoint reads, for the document only. Not <c>Accepts</c>: that makes routing answer a wrong
    /// Content-Type with its own 415, before JsonBody can say what it got.</summary>
    public static TBuilder AcceptsJson<TBody, TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder where TBody : notnull =>
        builder.WithMetadata(new DocumentedRequestBody(typeof(TBody)));
}

/// <summary>Marks the JSON body type an endpoint documents; see <see cref="ProblemResponses.AcceptsJson{TBody, TBuilder}"/>.</summary>
internal sealed record DocumentedRequestBody(Type Type);
