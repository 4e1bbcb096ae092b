using BraketBot.Usage;

namespace BraketBot.Prices;

/// <summary>
/// Reads the AWS price list and puts it in force here and in the store, for every instance. A list
/// that cannot be read or parsed leaves the last good one in force (the stored one after a restart,
/// else the built-in table), with one warning until the list reads again.
/// </summary>
public sealed partial class PriceRefresher(
    PriceListClient client,
    PriceListStore store,
    CurrentPrices current,
    TimeProvider time,
    ILogger<PriceRefresher> logger
)
{
    /// <summary>True when the list was read and is in force.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        PriceList list;
        try
        {
            list = await client.ReadAsync(cancellationToken);
        }
        catch (PriceListException e)
        {
            await KeepLastGoodAsync(e.Message, cancellationToken);
            return false;
        }
        current.Use(list);
        if (current.Failure is not null)
            LogReadable(list.Published);
        current.Failure = null;
        await store.SaveAsync(list, cancellationToken);
        LogRead(list.Published, list.PricedQpus);
        return true;
    }

    /// <summary>Puts the stored list in force when it is newer than this instance's (another instance read it).</summary>
    public async Task SyncFromStoreAsync(CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(cancellationToken) is { } stored && (current.List is null || stored.ReadAt > current.List.ReadAt))
            current.Use(stored);
    }

    private async Task KeepLastGoodAsync(string problem, CancellationToken cancellationToken)
    {
        var warned = current.Failure is not null;
        current.Failure = new PriceListFailure(current.Failure?.Since ?? time.GetUtcNow(), problem);
        try
        {
            // After a restart, the list an earlier start (or another instance) stored is the last good one.
            if (current.List is null)
                await SyncFromStoreAsync(cancellationToken);
        }
        finally
        {
            if (!warned)
                LogUnreadable(problem, current.Book.PricesUsed, PriceAge.Of(current.Book, time.GetUtcNow()));
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The AWS price list cannot be read ({Problem}); estimates use the {Prices} ({Age}) until it can"
    )]
    private partial void LogUnreadable(string problem, string prices, string age);

    [LoggerMessage(Level = LogLevel.Information, Message = "The AWS price list reads again: prices of {Published}")]
    private partial void LogReadable(DateOnly published);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS price list of {Published} read: {Qpus} QPU prices")]
    private partial void LogRead(DateOnly published, int qpus);
}
