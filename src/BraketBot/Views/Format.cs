using System.Globalization;

namespace BraketBot.Views;

/// <summary>Numbers, money and bars as every report shows them.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Money(decimal value) => value.ToString(value is > 0 and < 0.01m ? "$#,##0.0000" : "$#,##0.00", Invariant);

    public static string Money(decimal? value) => value is { } v ? Money(v) : "n/a";

    /// <summary>A spending limit's period as days in the zone, the last one included: "2022-04-10", or "2022-04-01..2022-04-30".</summary>
    public static string Period(SpendingLimit limit, TimeZoneInfo zone)
    {
        var first = Day.Of(limit.Period.Start, zone);
        var last = Day.Of(limit.Period.End.AddTicks(-1), zone);
        return first == last ? first.ToString() : $"{first}..{last}";
    }

    /// <summary>An instant as people in the zone read it: the time, with the date when it is not that of <paramref name="day"/>.</summary>
    public static string Clock(DateTimeOffset at, TimeZoneInfo zone, Day day)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString(Day.Of(at, zone) == day ? "HH:mm:ss" : "yyyy-MM-dd HH:mm", Invariant);
    }

    /// <summary>A task as people see it: its id and region, without the account number its ARN carries.</summary>
    public static string Task(string arn) =>
        QuantumTaskArn.TryParse(arn, out var parsed) ? $"`{parsed.Id}` ({parsed.Region})" : "`(unknown task)`";

    public static string Amount(CapMetric metric, decimal value) => metric == CapMetric.Cost ? Money(value) : Count((long)value);

    /// <summary>A ten-cell bar and the percentage, e.g. "▓▓▓▓▓▓▓▓░░ 82%".</summary>
    public static string Bar(double fraction)
    {
        var cells = double.IsFinite(fraction) ? (int)Math.Clamp(Math.Round(fraction * 10, MidpointRounding.AwayFromZero), 0, 10) : 10;
        var percent = double.IsFinite(fraction) ? $"{fraction * 100:0}%" : "over";
        return new string('▓', cells) + new string('░', 10 - cells) + " " + percent;
    }

    public static string Standing(CapStanding standing)
    {
        var icon = standing.Level switch
        {
            CapLevel.Breach => ":red_circle:",
            CapLevel.Warning => ":large_orange_circle:",
            _ => ":large_green_circle:",
        };
        var metric =
            (standing.Cap.Metric == CapMetric.Shots ? "Shots" : "Cost") + (standing.Cap.Period == CapPeriod.Month ? " this month" : "");
        return $"{icon} *{metric}, {standing.Cap.Scope.Describe()}*: `{Bar(standing.Fraction)}` "
            + $"{Amount(standing.Cap.Metric, standing.Used)} of {Amount(standing.Cap.Metric, standing.Cap.Limit)}";
    }

    /// <summary>Devices one a row: their tasks and shots (every status) and estimated cost, and a total row when asked.</summary>
    public static string DeviceTable(IReadOnlyList<DeviceUsage> devices, bool total)
    {
        static IReadOnlyList<string> Row(string name, int tasks, long shots, string cost) => [name, Count(tasks), Count(shots), cost];
        // A simulator is billed by the minute, which is not estimated: its cell says so rather than $0.
        var rows = devices
            .Select(d =>
                Row(
                    d.Device.DeviceName,
                    d.TotalTasks,
                    d.Sum(QuantumTaskStatuses.All).Shots,
                    d.Device.IsSimulator ? "per minute" : Money(d.EstimatedCost)
                )
            )
            .ToList();
        if (total)
            rows.Add(
                Row(
                    "Total",
                    devices.Sum(d => d.TotalTasks),
                    devices.Sum(d => d.Sum(QuantumTaskStatuses.All).Shots),
                    Money(devices.Sum(d => d.EstimatedCost))
                )
            );
        return Table(["Device", "Tasks", "Shots", "Est. cost"], rows);
    }

    /// <summary>Fixed-width columns inside a code block: the readable table Slack lacks.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        var lines = all.Select(r =>
            string.Join("  ", r.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd()
        );
        return "```\n" + string.Join('\n', lines) + "\n```";
    }
}
