namespace BraketBot.Tests.Storage;

/// <summary>
/// The base of a role's contract suite: each test gets a store of each role over a fresh state of
/// <typeparamref name="TKind"/>. A suite's tests are <see cref="StoreFactAttribute"/>s, so that a kind that cannot
/// run here (PostgreSQL without a server) is skipped.
/// </summary>
public abstract class StoreContract<TKind> : IAsyncLifetime
    where TKind : IStoreKind
{
    private TestStores? stores;

    protected TestStores Stores => stores ?? throw new InvalidOperationException("The stores open before each test.");

    protected IClaimStore Claims => Stores.Roles.Claims;

    protected IGuardStore Guards => Stores.Roles.Guards;

    protected IKeyValueStore Values => Stores.Roles.Values;

    protected IRunStore Runs => Stores.Roles.Runs;

    protected ILedgerStore Ledger => Stores.Roles.Ledger;

    public async Task InitializeAsync() => stores = await TKind.OpenAsync();

    public async Task DisposeAsync()
    {
        if (stores is not null)
            await stores.DisposeAsync();
    }
}
