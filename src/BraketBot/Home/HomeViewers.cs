using System.Text.Json;
using BraketBot.Ports;

namespace BraketBot.Home;

/// <summary>
/// Who looked at the Home tab in the last hour, kept in the store so that whichever instance posts an alert republishes
/// to them: an entry per person that expires an hour after they last looked, each written alone, so that people
/// opening the tab on two instances at once are both kept.
/// </summary>
public sealed class HomeViewers(IExpiringEntries entries, TimeProvider time)
{
    public const string Set = "home:viewers";

    /// <summary>Someone who looked longer ago than this has likely moved on: their tab is drawn afresh when they come back.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task SeenAsync(string userId, HomeAccess access, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var viewer = JsonSerializer.Serialize(new HomeViewer(userId, access, now), Json);
        return entries.PutAsync(Set, userId, viewer, now + Window, cancellationToken);
    }

    /// <summary>Those who looked within the last hour.</summary>
    public async Task<IReadOnlyList<HomeViewer>> RecentAsync(CancellationToken cancellationToken) =>
        (await entries.ListAsync(Set, cancellationToken)).Values.Select(Read).OfType<HomeViewer>().ToList();

    private static HomeViewer? Read(string stored)
    {
        try
        {
            return JsonSerializer.Deserialize<HomeViewer>(stored, Json);
        }
        catch (JsonException)
        {
            return null; // written by another version: that person's next look writes it anew
        }
    }
}
