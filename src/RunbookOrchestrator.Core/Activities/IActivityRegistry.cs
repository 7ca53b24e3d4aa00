namespace RunbookOrchestrator.Activities;

/// <summary>The activity types the engine knows, by their <c>uses</c> name.</summary>
public interface IActivityRegistry
{
    IActivity? Find(string type);
    IReadOnlyCollection<ActivityDescriptor> Descriptors { get; }
}

/// <summary>Registry built from the activities in the container.</summary>
public sealed class ActivityRegistry(IEnumerable<IActivity> activities) : IActivityRegistry
{
    private readonly Dictionary<string, IActivity> _byType = activities.ToDictionary(a => a.Descriptor.Type, StringComparer.Ordinal);

    public IActivity? Find(string type) => _byType.GetValueOrDefault(type);

    public IReadOnlyCollection<ActivityDescriptor> Descriptors => _byType.Values.Select(a => a.Descriptor).ToList();
}
