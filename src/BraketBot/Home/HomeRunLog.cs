using System.Text.Json;
using BraketBot.Ports;

namespace BraketBot.Home;

/// <summary>
/// The runs of each day as the Home tab shows them, kept in the store (shared by instances, kept through
/// restarts) under one key per day, each run replaced by its latest word. Writes on this instance go one
/// at a time; two instances writing in the same instant may lose one word, which the run's next word restores.
/// </summary>
public sealed class HomeRunLog(IKeyValueStore store) : IDisposable
{
    /// <summary>A day's runs beyond these are of no use to a dashboard; the oldest finished go first.</summary>
    private const int MaxRunsPerDay = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim writing = new(1, 1);

    public static string Key(Day day) => $"home:runs:{day}";

    public async Task RecordAsync(Day day, HomeRun run, CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            var runs = (await ReadAsync(day, cancellationToken))
                .Where(r => r.Id != run.Id)
                .Append(run)
                .OrderBy(r => r.FinishedAt is null)
                .ThenBy(r => r.CreatedAt)
                .TakeLast(MaxRunsPerDay)
                .ToList();
            await store.SetValueAsync(Key(day), JsonSerializer.Serialize(runs, Json), cancellationToken);
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>The day's runs, oldest first; none when nothing was recorded (or what was is unreadable).</summary>
    public async Task<IReadOnlyList<HomeRun>> ReadAsync(Day day, CancellationToken cancellationToken)
    {
        var stored = await store.GetValueAsync(Key(day), cancellationToken);
        if (string.IsNullOrEmpty(stored))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<HomeRun>>(stored, Json) ?? [];
        }
        catch (JsonException)
        {
            return []; // written by another version: the day's next run writes it anew
        }
    }

    public void Dispose() => writing.Dispose();
}
