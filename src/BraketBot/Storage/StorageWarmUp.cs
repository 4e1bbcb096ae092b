using BraketBot.Hosting;

namespace BraketBot.Storage;

/// <summary>Reads and writes one made-up run at start, so that the first breach does not pay for the serializer's set-up.</summary>
public sealed class StorageWarmUp(ILogger<StorageWarmUp> logger) : StartupWarmUp(logger)
{
    protected override Task RunAsync()
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
        return Task.CompletedTask;
    }
}
