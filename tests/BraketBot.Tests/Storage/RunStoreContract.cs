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
}
