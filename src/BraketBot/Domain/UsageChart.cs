namespace BraketBot.Domain;

/// <summary>
/// What a usage chart shows, pure data: a title naming the period and the zone, the buckets (hours of
/// a day, days of a month) and a panel per metric. Drawing it is the renderer's business.
/// </summary>
/// <param name="BucketLabels">A label per bucket ("00".."23" for the hours of a day, "1".."31" for the days of a month).</param>
/// <param name="BucketAxis">What the buckets are, with the zone: "hour (Europe/Zurich)".</param>
public sealed record UsageChart(string Title, string BucketAxis, IReadOnlyList<string> BucketLabels, IReadOnlyList<ChartPanel> Panels)
{
    /// <summary>Nothing to draw: no task in the period, or none that counts (see <see cref="UncountedTasks"/>).</summary>
    public bool IsEmpty => Panels.All(p => p.Stacks.Count == 0);

    /// <summary>The period's tasks a chart of every device leaves out as the caps do (cancelled, failed): an empty chart of them is not a
    /// period without tasks.</summary>
    public int UncountedTasks { get; init; }

    /// <summary>The series names of the stacks, the same in every panel, for one legend.</summary>
    public IReadOnlyList<string> SeriesNames => Panels.SelectMany(p => p.Stacks.Select(s => s.Name)).Distinct().ToList();

    /// <summary>A file name for the PNG: the period and, when there is one, the device.</summary>
    public string FileName { get; init; } = "braket-usage.png";

    /// <summary>What a screen reader says instead of the picture: the totals and the caps, in words.</summary>
    public string AltText =>
        $"{Title}. "
        + string.Join(
            ". ",
            Panels.Select(p =>
                $"{p.Title}: {Total(p):#,0.##} {p.Unit}"
                + (p.Caps.Count == 0 ? "" : $" (caps: {string.Join(", ", p.Caps.Select(c => $"{c.Label} {c.Limit:#,0.##}"))})")
            )
        );

    private static double Total(ChartPanel panel) => panel.RunningTotal.DefaultIfEmpty(0).Last();
}
