namespace BraketBot.Braket;

internal sealed record CancelRequest(string ClientToken);
