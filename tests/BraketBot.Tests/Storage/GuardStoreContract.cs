namespace BraketBot.Tests.Storage;

/// <summary>What every guard store promises: one holder, at most one pending, leases only the owner renews.</summary>
public abstract class GuardStoreContract<TKind> : StoreContract<TKind>
    where TKind : IStoreKind
{
    [StoreFact]
    public async Task Guards_coalesce_to_one_holder_and_one_pending()
    {
        var lease = TimeSpan.FromMinutes(5);

        var starts = await Task.WhenAll(
            Enumerable.Range(0, 20).Select(i => Task.Run(() => Guards.BeginGuardAsync("evaluate:x", $"owner-{i}", lease, default)))
        );

        Assert.Single(starts, s => s == GuardOutcome.Started);
        var holder = $"owner-{Array.IndexOf(starts, GuardOutcome.Started)}";
        Assert.False(await Guards.EndGuardAsync("evaluate:x", "someone-else", lease, default)); // only the holder ends its turn
        Assert.True(await Guards.EndGuardAsync("evaluate:x", holder, lease, default)); // asked again: once more
        Assert.False(await Guards.EndGuardAsync("evaluate:x", holder, lease, default)); // nobody asked since: done
        Assert.Equal(GuardOutcome.Started, await Guards.BeginGuardAsync("evaluate:x", "next", lease, default));
    }

    [StoreFact]
    public async Task A_guard_is_renewed_and_released_only_by_its_owner_and_taken_over_once_expired()
    {
        var lease = TimeSpan.FromMinutes(1);

        Assert.Equal(GuardOutcome.Started, await Guards.BeginGuardAsync("evaluate:y", "a", lease, default));
        Assert.False(await Guards.TryTakeGuardAsync("evaluate:y", "b", lease, default));
        Assert.True(await Guards.TryTakeGuardAsync("evaluate:y", "a", lease, default)); // a retried job of the holder
        Assert.False(await Guards.RenewGuardAsync("evaluate:y", "b", lease, default));
        await Guards.ReleaseGuardAsync("evaluate:y", "b", default); // not b's: nothing happens
        Assert.False(await Guards.TryTakeGuardAsync("evaluate:y", "b", lease, default));
        await Stores.AdvanceAsync(TimeSpan.FromSeconds(50));
        Assert.True(await Guards.RenewGuardAsync("evaluate:y", "a", lease, default));
        await Stores.AdvanceAsync(TimeSpan.FromSeconds(50));
        Assert.False(await Guards.TryTakeGuardAsync("evaluate:y", "b", lease, default)); // renewed: still a's
        await Stores.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.True(await Guards.TryTakeGuardAsync("evaluate:y", "b", lease, default)); // a died
        Assert.False(await Guards.RenewGuardAsync("evaluate:y", "a", lease, default)); // and a knows it lost
    }
}
