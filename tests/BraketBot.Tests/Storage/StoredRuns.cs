namespace BraketBot.Tests.Storage;

/// <summary>A run as the planners store it, and its claims, for the tests of the run store.</summary>
public static class StoredRuns
{
    public static EnforcementRun Run(string id, DateTimeOffset now) =>
        new()
        {
            Id = id,
            Kind = RunKind.CapAlert,
            Day = Day.Of(now, TimeZoneInfo.Utc),
            TimeZone = "UTC",
            CreatedAt = now,
            Deadline = now.AddMinutes(15),
            Tasks =
            [
                new RunTask(
                    Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 10, now).QuantumTaskArn,
                    Tasks.AspenArn,
                    "Aspen-M-1",
                    10,
                    0.30m
                ),
            ],
        };

    public static Dictionary<string, DateTimeOffset> ClaimsFor(DateTimeOffset now, params string[] keys) =>
        keys.ToDictionary(k => k, _ => now.AddHours(1));
}
