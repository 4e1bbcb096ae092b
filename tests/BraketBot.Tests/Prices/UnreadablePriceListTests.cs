using BraketBot.Prices;
using BraketBot.Tests.Support;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace BraketBot.Tests.Prices;

/// <summary>A list that cannot be read, on the faults host (its log is read).</summary>
[Collection(FaultsHost.Name)]
public sealed class UnreadablePriceListTests(FaultsFixture fixture) : FaultTests(fixture)
{
    [Fact]
    public async Task An_unreadable_list_keeps_the_last_good_prices_with_one_warning()
    {
        Braket.Devices.Add(Tasks.Forte);
        await Bot.Service<PriceSync>().FirstRead;
        var task = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 1000, BotFactory.Today);
        Braket.Add(task);
        var reads = Braket.PriceListReads;

        Braket.PriceListStatus = System.Net.HttpStatusCode.ServiceUnavailable;
        await RefreshAsync();
        Braket.PriceListStatus = null;
        Braket.OfferFile = "<html>Service Unavailable</html>";
        await RefreshAsync();

        Assert.True(Braket.PriceListReads > reads + 1, "both refreshes read the list");
        var warning = Assert.Single(Faults.Log.Entries, e =>
            e.Level == LogLevel.Warning && e.Category.EndsWith(nameof(PriceRefresher), StringComparison.Ordinal)
        );
        Assert.Contains("cannot be read", warning.Message);
        Assert.Contains("AWS price list of 2026-11-20", warning.Message);
        await SendCommandAsync("info today Forte-1", "kept");
        var text = MessageText.Of((await Slack.WaitForResponses("kept"))[0]);
        Assert.Contains("*$80.30* spent or running", text);
        Assert.Contains("prices: AWS price list of 2026-11-20", text);
    }

    private async Task RefreshAsync()
    {
        Bot.Service<IBackgroundJobClient>().Enqueue<PriceRefreshJob>(job => job.RunAsync(new PriceRefreshArgs(1), CancellationToken.None));
        await SettleAsync();
    }
}
