namespace BraketBot.Usage;

/// <summary>The device list shared by every <see cref="DeviceCatalog"/> (which is short-lived, like the HttpClient it uses).</summary>
public sealed class DeviceCatalogCache
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public (IReadOnlyList<DeviceSummary> Devices, DateTimeOffset FetchedAt)? Snapshot { get; set; }
}
