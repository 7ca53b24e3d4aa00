using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Runtime.State;

namespace RunbookOrchestrator.Runtime;

/// <summary>Content-addressed copies of the definitions runs are pinned to. A run names a hash, so editing a runbook never changes a running instance.</summary>
public sealed class DefinitionSnapshots(IRunStore store, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, RunbookDefinition> _byHash = new();
    private readonly ConditionalWeakTable<RunbookDefinition, string> _hashOf = new();

    /// <summary>Stores the definition if this exact content is new and returns its hash.</summary>
    public async Task<string> PublishAsync(RunbookDefinition definition, CancellationToken cancellationToken)
    {
        if (_hashOf.TryGetValue(definition, out var known)) return known;
        var json = JsonSerializer.Serialize(definition, Json);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        if (!_byHash.ContainsKey(hash))
        {
            await store.SaveDefinitionAsync(new RunbookVersionData
            {
                Hash = hash,
                RunbookId = definition.Id,
                Version = definition.Version,
                DefinitionJson = json,
                CreatedAt = clock.GetUtcNow(),
            }, cancellationToken);
            _byHash[hash] = definition;
        }
        _hashOf.AddOrUpdate(definition, hash);
        return hash;
    }

    public async Task<RunbookDefinition> GetAsync(string hash, CancellationToken cancellationToken)
    {
        if (_byHash.TryGetValue(hash, out var cached)) return cached;
        var row = await store.FindDefinitionAsync(hash, cancellationToken)
                  ?? throw new InvalidOperationException($"definition snapshot {hash} is missing from the database");
        var definition = JsonSerializer.Deserialize<RunbookDefinition>(row.DefinitionJson, Json)
                         ?? throw new InvalidOperationException($"definition snapshot {hash} is empty");
        _byHash[hash] = definition;
        return definition;
    }
}
