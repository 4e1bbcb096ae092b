namespace BraketBot.Tests.Support;

/// <summary>
/// A bot whose Ankaa-3 is capped at 100 shots a day, with queued tasks of the morning and the CREATED
/// task whose event crosses the cap: one breach run over all of them, once the event is sent.
/// </summary>
public sealed record AnkaaBreach(QuantumTaskSummary[] Queued, QuantumTaskSummary Trigger)
{
    public static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Every task the run cancels: the queued ones and the trigger.</summary>
    public IEnumerable<QuantumTaskSummary> All => Queued.Append(Trigger);

    /// <param name="bot">A host started or not: the settings are live, in force from now on (a shared host's reset clears them).</param>
    /// <param name="runs">The run's settings (Runs:Deadline, Runs:RetryMax), so that a test takes seconds.</param>
    public static AnkaaBreach Arrange(BotFactory bot, int queued, long shots, params (string Key, string Value)[] runs)
    {
        var settings = runs.ToDictionary(s => s.Key, string? (s) => s.Value);
        settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "100";
        bot.Live.Set(settings);
        var breach = new AnkaaBreach(
            Tasks.Many(queued, Tasks.AnkaaArn, QuantumTaskStatus.Queued, shots, Morning).ToArray(),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, shots, Morning.AddHours(1))
        );
        bot.Braket.Add([.. breach.All]);
        return breach;
    }

    /// <summary>The trigger's CREATED event, as EventBridge delivers it.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpClient client) => client.SendAsync(Events.Post(Events.TaskStateChange(Trigger)));
}
