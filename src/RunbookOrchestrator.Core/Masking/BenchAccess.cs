using System.Runtime.CompilerServices;

// The bench measures the internal streaming JSON path (Masker.MaskJsonText) beside the public ones.
[assembly: InternalsVisibleTo("RunbookOrchestrator.Bench")]
