namespace BraketBot.Charts;

/// <summary>
/// At most two charts drawn or uploaded at once, process-wide: each holds a large bitmap and a worker
/// while it runs, and a burst of chart commands must not starve the command queue or the memory.
/// </summary>
public sealed class ChartSlots : IDisposable
{
    private readonly SemaphoreSlim slots = new(2, 2);

    public Task WaitAsync(CancellationToken cancellationToken) => slots.WaitAsync(cancellationToken);

    public void Release() => slots.Release();

    public void Dispose() => slots.Dispose();
}
