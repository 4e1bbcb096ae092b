namespace BraketBot.Braket;

internal sealed record CancelJobResponse(string JobArn, string CancellationStatus);
