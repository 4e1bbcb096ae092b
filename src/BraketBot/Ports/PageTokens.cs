namespace BraketBot.Ports;

/// <summary>Ends paging that would never end: a page token Braket hands out a second time.</summary>
public sealed class PageTokens(string operation)
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);

    /// <summary>The error to stop with when <paramref name="next"/> was seen before; null to go on.</summary>
    public BraketError? Repeated(string? next) =>
        next is null || seen.Add(next)
            ? null
            : new BraketError(BraketErrorKind.Unexpected, operation, "Braket returned the same page token twice; the listing was stopped.");
}
