using System.Text.Json;
using BraketBot.Ports;

namespace BraketBot.Home;

/// <summary>
/// Who looked at the Home tab in the last hour, kept in the store so that whichever instance posts an
/// alert republishes to them. Writes on this instance go one at a time.
/// </summary>
public sealed class HomeViewers(IKeyValueStore store, TimeProvider time) : IDisposable
{
    public const string Key = "home:viewers";

    /// <summary>Someone who looked longer ago than this has likely moved on: their tab is drawn afresh when they come back.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim writing = new(1, 1);

    public async Task SeenAsync(string userId, bool admin, CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            var viewers = (await RecentAsync(cancellationToken))
                .Where(v => v.UserId != userId)
                .Append(new HomeViewer(userId, admin, time.GetUtcNow()));
            await store.SetValueAsync(Key, JsonSerializer.Serialize(viewers, Json), cancellationToken);
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>Those who looked within the last hour.</summary>
    public async Task<IReadOnlyList<HomeViewer>> RecentAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetValueAsync(Key, cancellationToken);
        if (string.IsNullOrEmpty(stored))
            return [];
        var since = time.GetUtcNow() - Window;
        try
        {
            return (JsonSerializer.Deserialize<List<HomeViewer>>(stored, Json) ?? []).Where(v => v.SeenAt >= since).ToList();
        }
        catch (JsonException)
        {
            return []; // written by another version: the next person to open the tab writes it anew
        }
    }

    public void Dispose() => writing.Dispose();
}
