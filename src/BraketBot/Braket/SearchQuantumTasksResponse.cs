namespace BraketBot.Braket;

internal sealed record SearchQuantumTasksResponse(IReadOnlyList<QuantumTaskWire> QuantumTasks, string? NextToken);
