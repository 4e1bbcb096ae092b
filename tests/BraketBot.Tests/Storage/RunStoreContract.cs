using BraketBot.Storage;
using static BraketBot.Tests.Storage.StoredRuns;

namespace BraketBot.Tests.Storage;

/// <summary>What every run store promises: a run stored with its claims, all or nothing, held by one host at a time.</summary>
public abstract class RunStoreContract<TKind> : StoreContract<TKind>
    where TKind : IStoreKind
{
    [StoreFact]
    public async Task A_run_is_created_with_its_claims_all_or_nothing()
    {
        var now = Stores.Time.GetUtcNow();
        var lease = TimeSpan.FromSeconds(30);

        Assert.True(await Runs.TryCreateRunAsync(Run("r1", now), ClaimsFor(now, "alert:a", "cancel-task:1"), "host-a", lease, default));
        Assert.False(await Runs.TryCreateRunAsync(Run("r2", now), ClaimsFor(now, "alert:b", "cancel-task:1"), "host-a", lease, default));

        Assert.Null(await Runs.TryTakeRunAsync("r2", "host-b", lease, default));
        Assert.Empty(await Claims.ClaimedAsync(["alert:b"], default)); // nothing of the failed run was kept
        Assert.Equal(["alert:a", "cancel-task:1"], (await Claims.ClaimedAsync(["alert:a", "alert:b", "cancel-task:1"], default)).Order());
        await Claims.ReleaseClaimsAsync(["cancel-task:1"], "r2", default); // not r2's: it stays
        Assert.False(await Runs.TryCreateRunAsync(Run("r2", now), ClaimsFor(now, "alert:b", "cancel-task:1"), "host-a", lease, default));
        await Claims.ReleaseClaimsAsync(["cancel-task:1"], "r1", default);
        Assert.True(await Runs.TryCreateRunAsync(Run("r2", now), ClaimsFor(now, "alert:b", "cancel-task:1"), "host-a", lease, default));
    }

    [StoreFact]
    public async Task Twenty_planners_of_the_same_alert_store_one_run()
    {
        var now = Stores.Time.GetUtcNow();

        var created = await Task.WhenAll(
            Enumerable
                .Range(0, 20)
                .Select(i =>
                    Task.Run(() =>
                        Runs.TryCreateRunAsync(
                            Run($"run-{i}", now),
                            ClaimsFor(now, "alert:2022-04-10:account:Shots:Breach", $"cancel-task:{i % 3}"),
                            $"host-{i}",
                            TimeSpan.FromSeconds(30),
                            default
                        )
                    )
                )
        );

        Assert.Single(created, c => c);
    }

    [StoreFact]
    public async Task A_run_stays_with_its_holder_while_renewed_and_is_resumed_from_where_it_was_saved_after_its_holder_dies()
    {
        var now = Stores.Time.GetUtcNow();
        var lease = TimeSpan.FromSeconds(30);
        var run = Run("r1", now);
        Assert.True(await Runs.TryCreateRunAsync(run, new Dictionary<string, DateTimeOffset>(), "host-a", lease, default));

        Assert.Null(await Runs.TryTakeRunAsync("r1", "host-b", lease, default));
        Assert.Empty(await Runs.StalledRunsAsync(default));
        var progressed = run.With(run.Tasks[0].Arn, CancelResult.Cancelled, "cancelling") with { MessageTs = "1700000000.000001" };
        Assert.True(await Runs.SaveRunAsync(progressed, "host-a", lease, default));
        await Stores.AdvanceAsync(TimeSpan.FromSeconds(31)); // host-a died

        Assert.Equal(["r1"], await Runs.StalledRunsAsync(default));
        var resumed = await Runs.TryTakeRunAsync("r1", "host-b", lease, default);
        Assert.NotNull(resumed);
        Assert.Equal(("1700000000.000001", RunTaskState.Cancelled), (resumed.MessageTs, resumed.Tasks[0].State));
        Assert.False(await Runs.SaveRunAsync(progressed, "host-a", lease, default)); // the old holder cannot write any more
        Assert.True(await Runs.SaveRunAsync(resumed with { Finished = true }, "host-b", lease, default));
        await Stores.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(await Runs.StalledRunsAsync(default));
        Assert.Null(await Runs.TryTakeRunAsync("r1", "host-c", lease, default));
    }

    [StoreFact]
    public async Task A_resumed_run_knows_which_tasks_are_still_unchecked_and_which_it_spared()
    {
        var now = Stores.Time.GetUtcNow();
        var lease = TimeSpan.FromSeconds(30);
        var reservation = new TaskOrigin("arn:aws:braket:us-west-1:111122223333:reservation/r-1", null);
        var task = Run("r1", now).Tasks[0];
        var (cancelled, reserved, left) = (task with { Arn = "t1" }, task with { Arn = "t2" }, task with { Arn = "t3" });
        var run = Run("r1", now) with
        {
            Tasks = [.. new[] { cancelled, reserved, left }.Select(t => t with { State = RunTaskState.Unchecked })],
        };
        Assert.True(await Runs.TryCreateRunAsync(run, new Dictionary<string, DateTimeOffset>(), "host-a", lease, default));
        var progressed = run.OriginChecked("t1").With("t1", CancelResult.Cancelled, "cancelling").Spare("t2", reservation);
        Assert.True(await Runs.SaveRunAsync(progressed, "host-a", lease, default));
        await Stores.AdvanceAsync(TimeSpan.FromSeconds(31)); // host-a died

        var resumed = await Runs.TryTakeRunAsync("r1", "host-b", lease, default);

        Assert.NotNull(resumed);
        Assert.Equal(
            [("t1", RunTaskState.Cancelled, false), ("t3", RunTaskState.Unchecked, true)],
            resumed.Tasks.Select(t => (t.Arn, t.State, t.OriginUnchecked))
        );
        Assert.Equal([new SparedTasks(TaskBilling.Reserved, reservation.ReservationArn!, 1, 10)], resumed.Spared);
    }

    [StoreFact]
    public void An_unchecked_task_is_stored_in_a_state_an_older_release_does_not_cancel()
    {
        var task = Run("r1", Stores.Time.GetUtcNow()).Tasks[0];
        var run = Run("r1", Stores.Time.GetUtcNow()) with { Tasks = [task with { State = RunTaskState.Unchecked }] };

        var stored = System.Text.Json.Nodes.JsonNode.Parse(RunJson.Serialize(run))!["tasks"]![0]!.AsObject();

        // Releases before it cancel the tasks stored as Pending (0) alone; a resumed run's unchecked task is not one.
        Assert.NotEqual((int)RunTaskState.Pending, stored["state"]!.GetValue<int>());
        Assert.False(stored.ContainsKey("originUnchecked"));
        var loaded = RunJson.Deserialize(stored.Root.ToJsonString());
        Assert.True(loaded.Tasks[0].OriginUnchecked);
        Assert.Single(loaded.Pending);
    }
}
