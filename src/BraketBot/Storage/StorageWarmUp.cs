namespace BraketBot.Storage;

/// <summary>Reads and writes one made-up run at start, so that the first breach does not pay for the serializer's set-up.</summary>
public sealed partial class StorageWarmUp(ILogger<StorageWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => WarmUp(), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The warm-up itself; false when it failed (the first breach is then slower, nothing else).</summary>
    public bool WarmUp()
    {
        try
        {
            RunJson.Deserialize(
                RunJson.Serialize(
                    new EnforcementRun
                    {
                        Id = "warm-up",
                        Kind = RunKind.CapAlert,
                        Day = new Day(new DateOnly(2022, 4, 10)),
                        TimeZone = "UTC",
                        CreatedAt = DateTimeOffset.UnixEpoch,
                        Deadline = DateTimeOffset.UnixEpoch,
                        Tasks = [new RunTask("arn", "device", "name", 1, 0.3m)],
                        // A crossed cap too: its records are read through their constructors, the slowest to set up.
                        Crossed = [new CapStanding(new Cap(CapScope.Account, CapMetric.Shots, 1), 2, CapLevel.Breach)],
                    }
                )
            );
            return true;
        }
        catch (Exception e)
        {
            LogWarmUpFailed(e); // only a slower first breach; never a reason not to start
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage warm-up failed; the first breach may be slower")]
    private partial void LogWarmUpFailed(Exception e);
}
