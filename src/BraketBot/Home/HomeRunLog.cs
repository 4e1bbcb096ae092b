using System.Text.Json;
using BraketBot.Ports;

namespace BraketBot.Home;

/// <summary>
/// The runs the Home tab shows, kept in the store (shared by instances, kept through restarts): an entry per run, its
/// latest word written whole, so that instances recording different runs at once never lose one another's. A run's
/// entry is kept two days past its last word: long enough to show on the day it ends, when that is after midnight.
/// </summary>
public sealed class HomeRunLog(IExpiringEntries entries, TimeProvider time)
{
    public const string Set = "home:runs";

    /// <summary>A day's runs beyond these are of no use to a dashboard; the oldest finished go first.</summary>
    public const int MaxRunsPerDay = 50;

    private static readonly TimeSpan Keep = TimeSpan.FromDays(2);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordAsync(HomeRun run, CancellationToken cancellationToken) =>
        entries.PutAsync(Set, run.Id, JsonSerializer.Serialize(run, Json), time.GetUtcNow() + Keep, cancellationToken);

    /// <summary>The runs the day's tab shows (<see cref="HomeRun.ShowsOn"/>), finished ones first, then by start.</summary>
    public async Task<IReadOnlyList<HomeRun>> ReadAsync(DayWindow day, CancellationToken cancellationToken) =>
        (await entries.ListAsync(Set, cancellationToken))
            .Values.Select(Read)
            .OfType<HomeRun>()
            .Where(r => r.ShowsOn(day))
            .OrderBy(r => r.FinishedAt is null)
            .ThenBy(r => r.CreatedAt)
            .TakeLast(MaxRunsPerDay)
            .ToList();

    private static HomeRun? Read(string stored)
    {
        try
        {
            return JsonSerializer.Deserialize<HomeRun>(stored, Json);
        }
        catch (JsonException)
        {
            return null; // written by another version: the run's next word writes it anew
        }
    }
}
