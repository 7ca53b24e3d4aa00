using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RunbookOrchestrator.Server.Persistence;

/// <summary>
/// A compiled EF Core query, compiled once per model. Compiled queries skip the LINQ pipeline (parameter extraction,
/// cache lookup) that cost more than SQLite's own work on the engine's and approvals' hottest reads; but one is bound to
/// the model it first ran with, and one process can hold several models (EF Core builds one per data key and may build a
/// context's model again; the tests run several servers side by side), so each model gets its own.
/// </summary>
internal sealed class ModelBoundQuery<TArgument, TResult>(Func<Func<OrchestratorDbContext, TArgument, CancellationToken, Task<TResult>>> compile)
{
    private readonly ConditionalWeakTable<IModel, Func<OrchestratorDbContext, TArgument, CancellationToken, Task<TResult>>> _byModel = new();

    public Task<TResult> RunAsync(OrchestratorDbContext db, TArgument argument, CancellationToken cancellationToken) =>
        _byModel.GetValue(db.Model, _ => compile())(db, argument, cancellationToken);
}
