using System.Reflection;
using RunbookOrchestrator.Bench;

var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null)
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var selected = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (selected is null)
{
    Console.Error.WriteLine(args.Length > 0 ? $"unknown benchmark '{args[0]}'" : "no benchmark named");
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/RunbookOrchestrator.Bench -- <benchmark>");
    foreach (var b in benchmarks) Console.Error.WriteLine($"  {b.Name,-12} {b.Description}");
    return 2;
}
return selected.Run(args[1..], Console.Out);
