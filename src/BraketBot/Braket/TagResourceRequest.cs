namespace BraketBot.Braket;

internal sealed record TagResourceRequest(IReadOnlyDictionary<string, string> Tags);
