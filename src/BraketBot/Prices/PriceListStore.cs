using System.Text.Json;
using BraketBot.Ports;

namespace BraketBot.Prices;

/// <summary>The last good price list in the store, so that every instance prices alike and a restart keeps it.</summary>
public sealed class PriceListStore(IKeyValueStore store)
{
    private const string Key = "prices:list";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task SaveAsync(PriceList list, CancellationToken cancellationToken) =>
        store.SetValueAsync(Key, JsonSerializer.Serialize(list, Json), cancellationToken);

    /// <summary>The stored list; null when none is stored (or it cannot be read back, as after a change of its shape).</summary>
    public async Task<PriceList?> LoadAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetValueAsync(Key, cancellationToken);
        if (stored is null)
            return null;
        try
        {
            return JsonSerializer.Deserialize<PriceList>(stored, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
