namespace BraketBot.Ports;

public sealed record QuantumTaskPage(IReadOnlyList<QuantumTaskSummary> QuantumTasks, string? NextToken)
{
    /// <summary>The most results Braket gives in one page.</summary>
    public const int MaxSize = 100;
}
