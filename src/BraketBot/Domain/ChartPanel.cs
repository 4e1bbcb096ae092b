namespace BraketBot.Domain;

/// <summary>
/// One metric of a chart: the amount per bucket stacked by series, the running total through the
/// period (one point per bucket boundary reached so far), where that total is heading, and the caps.
/// </summary>
/// <param name="Unit">What the axis counts: "shots" or "USD".</param>
/// <param name="Projection">The running total from the last point reached to the period's end at the pace so far; empty when the period is
/// over.</param>
public sealed record ChartPanel(
    string Title,
    string Unit,
    IReadOnlyList<ChartSeries> Stacks,
    IReadOnlyList<double> RunningTotal,
    IReadOnlyList<double> Projection,
    IReadOnlyList<ChartCap> Caps
)
{
    /// <summary>The highest value the panel shows: the axis must reach it.</summary>
    public double Peak =>
        new[]
        {
            RunningTotal.DefaultIfEmpty(0).Max(),
            Projection.DefaultIfEmpty(0).Max(),
            Caps.Select(c => c.Limit).DefaultIfEmpty(0).Max(),
        }.Max();
}
