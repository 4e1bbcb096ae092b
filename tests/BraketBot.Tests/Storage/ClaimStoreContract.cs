namespace BraketBot.Tests.Storage;

/// <summary>What every claim store promises: one "yes" a key until it expires.</summary>
public abstract class ClaimStoreContract<TKind> : StoreContract<TKind>
    where TKind : IStoreKind
{
    [StoreFact]
    public async Task A_claim_is_granted_once_until_it_expires()
    {
        var until = Stores.Time.GetUtcNow().AddHours(1);

        Assert.True(await Claims.TryClaimAsync("event:1", until, default));
        Assert.False(await Claims.TryClaimAsync("event:1", until, default));
        Assert.True(await Claims.TryClaimAsync("event:2", until, default));
        await Stores.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.True(await Claims.TryClaimAsync("event:1", Stores.Time.GetUtcNow().AddHours(1), default));
    }

    [StoreFact]
    public async Task Twenty_claimants_at_once_get_one_yes()
    {
        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 20)
                .Select(_ =>
                    Task.Run(() =>
                        Claims.TryClaimAsync("alert:2022-04-10:account:Shots:Breach", Stores.Time.GetUtcNow().AddDays(1), default)
                    )
                )
        );

        Assert.Single(answers, a => a);
    }

    [StoreFact]
    public async Task A_claim_given_back_is_free_again_and_only_unexpired_claims_are_listed()
    {
        var until = Stores.Time.GetUtcNow().AddHours(1);
        Assert.True(await Claims.TryClaimAsync("event:1", until, default));
        Assert.True(await Claims.TryClaimAsync("event:2", until, default));
        Assert.True(await Claims.TryClaimAsync("event:3", Stores.Time.GetUtcNow().AddMinutes(1), default));

        await Claims.ReleaseClaimsAsync(["event:1"], "run-1", default); // a plain claim is not a run's to give back
        Assert.Equal(
            ["event:1", "event:2", "event:3"],
            (await Claims.ClaimedAsync(["event:1", "event:2", "event:3", "event:4"], default)).Order()
        );
        await Claims.ReleaseClaimsAsync(["event:1"], null, default);
        await Stores.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(["event:2"], await Claims.ClaimedAsync(["event:1", "event:2", "event:3"], default));
        Assert.Empty(await Claims.ClaimedAsync([], default));
        Assert.True(await Claims.TryClaimAsync("event:1", Stores.Time.GetUtcNow().AddHours(1), default));
    }
}
