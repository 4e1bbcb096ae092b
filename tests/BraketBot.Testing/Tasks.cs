using BraketBot.Domain;

namespace BraketBot.Testing;

/// <summary>Test data: devices and tasks as Braket describes them.</summary>
public static class Tasks
{
    public const string Account = "111122223333";
    public const string AspenArn = "arn:aws:braket:us-west-1::device/qpu/rigetti/Aspen-M-1";
    public const string AnkaaArn = "arn:aws:braket:us-west-1::device/qpu/rigetti/Ankaa-3";
    public const string ForteArn = "arn:aws:braket:us-east-1::device/qpu/ionq/Forte-1";
    public const string Sv1Arn = "arn:aws:braket:::device/quantum-simulator/amazon/sv1";

    public static readonly DeviceSummary Aspen = new(AspenArn, "Aspen-M-1", "Rigetti", "QPU", "RETIRED");
    public static readonly DeviceSummary Ankaa = new(AnkaaArn, "Ankaa-3", "Rigetti", "QPU", "ONLINE");
    public static readonly DeviceSummary Forte = new(ForteArn, "Forte-1", "IonQ", "QPU", "ONLINE");
    public static readonly DeviceSummary Sv1 = new(Sv1Arn, "SV1", "Amazon Braket", "SIMULATOR", "ONLINE");

    public static readonly IReadOnlyList<DeviceSummary> AllDevices = [Aspen, Ankaa, Forte, Sv1];

    private static int counter;

    /// <summary>A task of the device, in the device's region (us-west-1 for simulators).</summary>
    public static QuantumTaskSummary Task(string deviceArn, QuantumTaskStatus status, long shots, DateTimeOffset createdAt)
    {
        var region = DeviceArn.TryParse(deviceArn, out var arn) && arn.Region.Length > 0 ? arn.Region : "us-west-1";
        var id = $"{Interlocked.Increment(ref counter):x8}-0000-4000-8000-{Guid.NewGuid().ToString("N")[..12]}";
        return new QuantumTaskSummary($"arn:aws:braket:{region}:{Account}:quantum-task/{id}", status, deviceArn, shots, createdAt);
    }

    /// <summary>
    /// A hybrid job on Forte-1 named after its ARN, started at <paramref name="started"/> (created five minutes before) on one
    /// instance, that has billed <paramref name="minutes"/>: running, or completed when it has <paramref name="ended"/>; tagged
    /// <c>team=</c><paramref name="team"/> (no tags when null).
    /// </summary>
    public static HybridJob Job(
        string arn,
        string instanceType,
        DateTimeOffset started,
        int minutes,
        string? team,
        DateTimeOffset? ended = null
    ) =>
        new(
            arn,
            arn[(arn.LastIndexOf('/') + 1)..],
            ended is null ? "RUNNING" : "COMPLETED",
            ForteArn,
            instanceType,
            1,
            started.AddMinutes(-5),
            started,
            ended,
            TimeSpan.FromMinutes(minutes)
        )
        {
            Tags = team is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["team"] = team },
        };

    /// <summary>
    /// Aspen-M-1's tasks of the day that starts at <paramref name="day"/>, in every status (10 tasks, 7,210
    /// shots, 3 queued with 6,000), with decoys that no report of that day and device may count: the
    /// days before and after (77,777 shots each) and another device (88,888 shots).
    /// </summary>
    public static QuantumTaskSummary[] AspensDay(DateTimeOffset day)
    {
        var at = day.AddHours(9);
        return
        [
            Task(AspenArn, QuantumTaskStatus.Created, 50, at),
            Task(AspenArn, QuantumTaskStatus.Queued, 1000, at),
            Task(AspenArn, QuantumTaskStatus.Queued, 2000, at),
            Task(AspenArn, QuantumTaskStatus.Queued, 3000, at),
            Task(AspenArn, QuantumTaskStatus.Running, 100, at),
            Task(AspenArn, QuantumTaskStatus.Completed, 400, at),
            Task(AspenArn, QuantumTaskStatus.Completed, 600, at),
            Task(AspenArn, QuantumTaskStatus.Failed, 10, at),
            Task(AspenArn, QuantumTaskStatus.Cancelling, 20, at),
            Task(AspenArn, QuantumTaskStatus.Cancelled, 30, at),
            Task(AspenArn, QuantumTaskStatus.Queued, 77_777, day.AddDays(-1)),
            Task(AspenArn, QuantumTaskStatus.Completed, 77_777, day.AddDays(1)),
            Task(AnkaaArn, QuantumTaskStatus.Queued, 88_888, at),
        ];
    }

    /// <summary>A hybrid job on the device, running on one ml.m5.large since <paramref name="startedAt"/>, billed so far
    /// <paramref name="billed"/>.</summary>
    public static HybridJob RunningJob(string jobArn, string deviceArn, DateTimeOffset startedAt, TimeSpan billed) =>
        new(jobArn, jobArn.Split('/')[^1], "RUNNING", deviceArn, "ml.m5.large", 1, startedAt.AddMinutes(-1), startedAt, null, billed);

    public static IEnumerable<QuantumTaskSummary> Many(
        int count,
        string deviceArn,
        QuantumTaskStatus status,
        long shots,
        DateTimeOffset createdAt
    ) => Enumerable.Range(0, count).Select(i => Task(deviceArn, status, shots, createdAt.AddSeconds(i)));
}
