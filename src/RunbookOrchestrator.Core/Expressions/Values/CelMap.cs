namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL map with int, uint, bool or string keys, keeping insertion order for iteration and output.</summary>
public sealed class CelMap : CelValue
{
    public static CelMap Empty { get; } = new([]);

    private readonly List<KeyValuePair<CelValue, CelValue>> _entries;
    private readonly Dictionary<CelMapKey, CelValue> _lookup;

    private CelMap(List<KeyValuePair<CelValue, CelValue>> entries)
    {
        _entries = entries;
        _lookup = new Dictionary<CelMapKey, CelValue>(entries.Count);
        foreach (var (k, v) in entries) _lookup[CelMapKey.ForDefinition(k)!.Value] = v;
    }

    public IReadOnlyList<KeyValuePair<CelValue, CelValue>> Entries => _entries;
    public int Count => _entries.Count;
    public override string TypeName => "map";

    /// <summary>Builds a map with string keys, as JSON objects have.</summary>
    public static CelMap FromStringKeys(IEnumerable<KeyValuePair<string, CelValue>> entries) =>
        new(entries.Select(e => new KeyValuePair<CelValue, CelValue>(new CelString(e.Key), e.Value)).ToList());

    /// <summary>Builds a map, or explains why the keys are not acceptable (unsupported type or repeated key).</summary>
    public static bool TryCreate(IEnumerable<KeyValuePair<CelValue, CelValue>> entries, out CelMap? map, out string? error)
    {
        var list = new List<KeyValuePair<CelValue, CelValue>>();
        var seen = new HashSet<CelMapKey>();
        foreach (var entry in entries)
        {
            if (CelMapKey.ForDefinition(entry.Key) is not { } key)
            {
                (map, error) = (null, $"unsupported key type: {entry.Key.TypeName}");
                return false;
            }
            if (!seen.Add(key))
            {
                (map, error) = (null, $"Failed with repeated key: {CelDisplay.Format(entry.Key)}");
                return false;
            }
            list.Add(entry);
        }
        (map, error) = (new CelMap(list), null);
        return true;
    }

    public bool TryGet(CelValue key, out CelValue? value)
    {
        value = null;
        return CelMapKey.ForLookup(key) is { } k && _lookup.TryGetValue(k, out value);
    }

    public bool ContainsKey(CelValue key) => TryGet(key, out _);
}
