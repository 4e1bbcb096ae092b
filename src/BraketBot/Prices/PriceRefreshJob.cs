using Hangfire;

namespace BraketBot.Prices;

/// <summary>The Hangfire job that reads the AWS price list: once at each start, and daily on one instance.</summary>
public sealed class PriceRefreshJob(PriceRefresher refresher)
{
    public const string Id = "refresh-prices";

    /// <summary>A list that cannot be read is not retried here: the last good prices stay, and the next day (or start) reads
    /// again.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunAsync(PriceRefreshArgs args, CancellationToken cancellationToken) => refresher.RefreshAsync(cancellationToken);
}
