namespace BraketBot.Tests.Support;

/// <summary>A test on the <see cref="FaultsHost"/>: the shared default host, with switches for what goes wrong inside it.</summary>
public abstract class FaultTests(FaultsFixture fixture) : IntegrationTests(fixture)
{
    protected HostFaults Faults => fixture.Faults;

    /// <summary>An <see cref="AnkaaBreach"/> here: its cap and the run's settings (Runs:Deadline, Runs:RetryMax) set live.</summary>
    protected AnkaaBreach ArrangeAnkaaBreach(int queued, long shots, params (string Key, string Value)[] runs)
    {
        var settings = runs.ToDictionary(s => s.Key, string? (s) => s.Value);
        settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100";
        Settings.Set(settings);
        var morning = AnkaaBreach.Morning;
        var breach = new AnkaaBreach(
            [.. Tasks.Many(queued, Tasks.AnkaaArn, QuantumTaskStatus.Queued, shots, morning)],
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, shots, morning.AddHours(1))
        );
        Braket.Add([.. breach.All]);
        return breach;
    }
}
