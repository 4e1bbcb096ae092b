namespace BraketBot.Testing;

/// <summary>Polls a probe until it finds something: the fakes' way of waiting for a signal.</summary>
internal static class Wait
{
    public static async Task<T> For<T>(Func<T?> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
                return found;
            await Task.Delay(10);
        }
        throw new TimeoutException($"Never saw {what}.");
    }
}
