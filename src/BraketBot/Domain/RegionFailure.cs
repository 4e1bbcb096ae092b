namespace BraketBot.Domain;

/// <summary>A watched region whose tasks could not be read, why, and since when (the first day its scan missed).</summary>
public sealed record RegionFailure(string Region, RegionFailureReason Reason, Day Since)
{
    public string Describe() => $"{Region} ({ReasonText})";

    private string ReasonText =>
        Reason switch
        {
            RegionFailureReason.Denied => "access denied",
            RegionFailureReason.Throttled => "throttled",
            _ => "unreachable",
        };

    /// <summary>What a figure that leaves these regions out is: a lower bound, said with the regions named.</summary>
    public static string LowerBound(IReadOnlyCollection<RegionFailure> failures) =>
        failures.Count == 0
            ? ""
            : $"Could not check {string.Join(", ", failures.Select(f => f.Describe()))}: "
                + "usage there is not counted, so the figures are lower bounds.";
}
