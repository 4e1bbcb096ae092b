using System.Collections.Concurrent;
using BraketBot.Prices;
using BraketBot.Tests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BraketBot.Tests.Prices;

/// <summary>A list that cannot be read, on a host of its own (its log is read).</summary>
public sealed class UnreadablePriceListTests
{
    [Fact]
    public async Task An_unreadable_list_keeps_the_last_good_prices_with_one_warning()
    {
        var log = new CapturedLog();
        using var bot = new BotFactory();
        bot.Braket.Devices.Add(Tasks.Forte);
        bot.TestServices.Add(services => services.AddSingleton<ILoggerProvider>(log));
        using var client = bot.Client();
        await bot.Service<PriceSync>().FirstRead;
        var task = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 1000, BotFactory.Today);
        bot.Braket.Add(task);
        var reads = bot.Braket.PriceListReads;

        bot.Braket.PriceListStatus = System.Net.HttpStatusCode.ServiceUnavailable;
        await RefreshAsync(bot);
        bot.Braket.PriceListStatus = null;
        bot.Braket.OfferFile = "<html>Service Unavailable</html>";
        await RefreshAsync(bot);

        Assert.True(bot.Braket.PriceListReads > reads + 1, "both refreshes read the list");
        var warning = Assert.Single(log.Entries, e =>
            e.Level == LogLevel.Warning && e.Category.EndsWith(nameof(PriceRefresher), StringComparison.Ordinal)
        );
        Assert.Contains("cannot be read", warning.Message);
        Assert.Contains("AWS price list of 2026-11-20", warning.Message);
        await client.SendAsync(
            SlackRequests.Signed(
                "/slack/commands",
                SlackRequests.CommandBody("info today Forte-1", bot.Slack.ResponseUrl("kept")),
                bot.Clock.GetUtcNow()
            )
        );
        var text = MessageText.Of((await bot.Slack.WaitForResponses("kept"))[0]);
        Assert.Contains("*$80.30* spent or running", text);
        Assert.Contains("prices: AWS price list of 2026-11-20", text);
    }

    private static async Task RefreshAsync(BotFactory bot)
    {
        bot.Service<IBackgroundJobClient>().Enqueue<PriceRefreshJob>(job => job.RunAsync(new PriceRefreshArgs(1), CancellationToken.None));
        await bot.SettleAsync();
    }

    private sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(
                LogLevel logLevel,
                EventId eventId,
                TState state,
                Exception? exception,
                Func<TState, Exception?, string> formatter
            ) => entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
