using System.Net;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Charts;

/// <summary>
/// A host whose renderer cannot be made, as when SkiaSharp's native library does not load: the charts
/// go, and nothing else does. The alerts, the cancels and the reports never needed a chart to be made.
/// </summary>
public sealed class RendererFailureTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly BotFactory bot = new();
    private HttpClient? client;

    /// <summary>What the renderer's type throws when SkiaSharp's native library is missing, each time it is asked for.</summary>
    private static IChartRenderer Unloadable(IServiceProvider _) =>
        throw new TypeInitializationException(
            "SkiaSharp.SKTypeface",
            new DllNotFoundException("Unable to load shared library 'libSkiaSharp'")
        );

    public Task InitializeAsync()
    {
        bot.Braket.Devices.AddRange(Tasks.AllDevices);
        bot.Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        bot.Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        bot.TestServices.Add(services => services.AddSingleton<IChartRenderer>(Unloadable));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await bot.SettleAsync();
        Assert.Empty(bot.Slack.Unexpected);
        Assert.Empty(bot.Braket.Unexpected);
    }

    public void Dispose()
    {
        client?.Dispose();
        bot.Dispose();
    }

    private HttpClient Client => client ??= bot.Client();

    [Fact]
    public async Task A_breach_is_still_alerted_and_its_queued_tasks_cancelled()
    {
        var queued = Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Morning).ToArray();
        bot.Braket.Add(queued);
        var trigger = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Morning.AddMinutes(5));
        bot.Braket.Add(trigger);

        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(trigger)));

        Assert.True(response.IsSuccessStatusCode);
        var alert = await bot.Slack.WaitFor(
            () =>
                bot.Slack.TopLevel.FirstOrDefault(m =>
                    MessageText.Of(m.Body, withFallback: true).Contains("Cancelled 4 queued tasks", StringComparison.Ordinal)
                ),
            what: "the alert with its cancels"
        );
        await bot.SettleAsync();
        Assert.Contains("cap breached", MessageText.Of(alert.Body, withFallback: true));
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, bot.Braket.Task(t.QuantumTaskArn).Status));
        Assert.Empty(bot.Slack.Files); // the chart alone is missing
    }

    [Fact]
    public async Task Info_month_still_answers_without_its_chart()
    {
        bot.Braket.Add(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, Morning));

        var ack = await Client.SendAsync(
            SlackRequests.Signed(
                "/slack/commands",
                SlackRequests.CommandBody("info month", bot.Slack.ResponseUrl("month-no-renderer")),
                bot.Clock.GetUtcNow()
            )
        );

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var report = (await bot.Slack.WaitForResponses("month-no-renderer"))[0];
        Assert.Equal("in_channel", report.GetProperty("response_type").GetString());
        Assert.Contains("2022-04", MessageText.Of(report, withFallback: true));
        Assert.DoesNotContain(report.GetProperty("blocks").EnumerateArray(), b => b.GetProperty("type").GetString() == "image");
        Assert.DoesNotContain(bot.Slack.Received, r => r.Kind.StartsWith("files.", StringComparison.Ordinal));
    }
}
