namespace BraketBot.Tests.Storage;

/// <summary>What every key-value store promises: the last value set.</summary>
public abstract class KeyValueStoreContract<TKind> : StoreContract<TKind>
    where TKind : IStoreKind
{
    [StoreFact]
    public async Task Keeps_values()
    {
        Assert.Null(await Values.GetValueAsync("alert-ts:x", default));
        await Values.SetValueAsync("alert-ts:x", "1700000000.000001", default);
        await Values.SetValueAsync("alert-ts:x", "1700000000.000002", default);

        Assert.Equal("1700000000.000002", await Values.GetValueAsync("alert-ts:x", default));
    }
}
