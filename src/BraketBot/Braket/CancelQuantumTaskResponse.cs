namespace BraketBot.Braket;

internal sealed record CancelQuantumTaskResponse(string QuantumTaskArn, string CancellationStatus);
