using System.Text.Json;
using BraketBot.Hosting;
using BraketBot.Ports;
using BraketBot.Telemetry;

namespace BraketBot.Usage;

/// <summary>
/// The watched regions whose last scan failed, each with why and the first day it owes: kept in the
/// store, so that every instance's decisions, the reconcile's retry and /braket caps see the same.
/// A region leaves the list once a scan of every device there, from that day on, answered.
/// </summary>
[HotPath]
public sealed partial class RegionFailureLog(IKeyValueStore store, BraketBotMetrics metrics, ILogger<RegionFailureLog> logger)
{
    public const string Key = "ledger:unchecked-regions";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<RegionFailure>> CurrentAsync(CancellationToken cancellationToken) =>
        await store.GetValueAsync(Key, cancellationToken) is { } json
            ? JsonSerializer.Deserialize<List<RegionFailure>>(json, Json) ?? []
            : [];

    /// <summary>
    /// Notes what a scan from <paramref name="from"/> found: its failed regions owe that day (or an earlier
    /// one they owed already); regions that answered a scan of every device from their owed day on owe nothing.
    /// </summary>
    public async Task NoteAsync(RegionalTasks scan, Day from, bool everyDevice, CancellationToken cancellationToken)
    {
        foreach (var (region, error) in scan.Failed)
        {
            metrics.RegionScanFailed(region, RegionalTasks.ReasonOf(error).ToString().ToLowerInvariant());
            LogRegionFailed(region, error.Kind, error.Message);
        }
        var current = await CurrentAsync(cancellationToken);
        if (scan.Failed.Count == 0 && current.Count == 0)
            return;
        var failed = scan.Failed.Select(f => new RegionFailure(
            f.Key,
            RegionalTasks.ReasonOf(f.Value),
            current.FirstOrDefault(c => c.Region == f.Key) is { } owed && owed.Since < from ? owed.Since : from
        ));
        var kept = current.Where(c =>
            !scan.Failed.ContainsKey(c.Region) && !(everyDevice && c.Since >= from && scan.Answered.Contains(c.Region))
        );
        var next = failed.Concat(kept).OrderBy(f => f.Region, StringComparer.Ordinal).ToList();
        if (next.SequenceEqual(current))
            return;
        await store.SetValueAsync(Key, JsonSerializer.Serialize(next, Json), cancellationToken);
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Braket's {Region} could not be scanned ({Kind}: {Message}); "
            + "enforcement goes on in the other regions, and the reconcile tries it again"
    )]
    private partial void LogRegionFailed(string region, BraketErrorKind kind, string message);
}
