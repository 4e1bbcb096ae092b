using System.Globalization;
using BraketBot.Prices;
using BraketBot.Tests.Support;
using Hangfire;

namespace BraketBot.Tests.Prices;

/// <summary>
/// Prices from the AWS price list through the real host: the fake serves the offer file, and every figure
/// is checked to the cent against the Braket SDK's cost tracker's rule on the same rows.
/// </summary>
[Collection(ReportsHost.Name)]
public sealed class PriceListFlowTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private static readonly DateTimeOffset Morning = new(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);

    private const string IbexArn = "arn:aws:braket:eu-north-1::device/qpu/aqt/Ibex-Q1";
    private const string UnknownArn = "arn:aws:braket:us-east-1::device/qpu/acme/Q";

    /// <summary>IonQ's and AQT's devices as SearchDevices names them: display names with spaces.</summary>
    private static readonly DeviceSummary ListedForte = new(Tasks.ForteArn, "Forte 1", "IonQ", "QPU", "ONLINE");
    private static readonly DeviceSummary ListedIbex = new(IbexArn, "IBEX Q1", "AQT", "QPU", "ONLINE");

    protected override void Arrange() => Braket.Devices.AddRange([Tasks.Aspen, Tasks.Ankaa, ListedForte, Tasks.Sv1, ListedIbex]);

    private async Task<string> InfoAsync(string text, string responseId)
    {
        await SendCommandAsync(text, responseId);
        return MessageText.Of((await Slack.WaitForResponses(responseId))[0]);
    }

    private static string Money(decimal usd) => usd.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    private static decimal Tracker(IReadOnlyList<OfferRow> rows, IEnumerable<QuantumTaskSummary> tasks) =>
        tasks.Sum(t => TrackerRule.QpuTaskCost(rows, t.QuantumTaskArn, t.DeviceArn, t.Shots, t.Status.ToWire()));

    private async Task RefreshAsync()
    {
        Bot.Service<IBackgroundJobClient>().Enqueue<PriceRefreshJob>(job => job.RunAsync(new PriceRefreshArgs(1), CancellationToken.None));
        await SettleAsync();
    }

    private async Task<FakeSlack.Message> AlertAsync(QuantumTaskSummary trigger, string reading)
    {
        await Client.SendAsync(Events.Post(Events.TaskStateChange(trigger)));
        return await Slack.WaitFor(
            () => Slack.TopLevel.FirstOrDefault(m => MessageText.Of(m.Body, withFallback: true).Contains(reading)),
            what: $"an alert reading '{reading}'"
        );
    }

    [Theory]
    [InlineData("info today Forte-1")]
    [InlineData("info today \"Forte 1\"")]
    [InlineData("info today forte-1")]
    [InlineData("info today arn:aws:braket:us-east-1::device/qpu/ionq/Forte-1")]
    public async Task Forte_1_is_priced_at_the_lists_8_cents_a_shot_however_it_is_named(string command)
    {
        var spent = Tasks.Many(2, Tasks.ForteArn, QuantumTaskStatus.Completed, 1000, Morning).ToArray();
        var queued = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 500, Morning);
        Braket.Add([.. spent, queued]);

        var text = await InfoAsync(command, "forte");

        Assert.Contains("Forte 1 on 2022-04-10", text);
        Assert.Contains($"*{Money(Tracker(OfferFiles.SampleRows, spent))}* spent or running", text); // $160.60
        Assert.Contains($"*{Money(Tracker(OfferFiles.SampleRows, [queued]))}* still queued", text); // $40.30
        Assert.Contains("($0.30 a task + $0.08 a shot)", text);
        Assert.Contains("prices: AWS price list of 2026-11-20", text);
        Assert.DoesNotContain("Did you mean", text);
    }

    [Fact]
    public async Task A_cost_cap_on_ibex_q1_fires_at_the_lists_price()
    {
        Settings["Braket:Regions:2"] = "eu-north-1";
        Settings["Caps:Devices:Ibex-Q1:MaxCostPerDay"] = "50";
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        var completed = Tasks.Many(2, IbexArn, QuantumTaskStatus.Completed, 1000, Morning).ToArray();
        var queued = Tasks.Many(3, IbexArn, QuantumTaskStatus.Queued, 100, Morning).ToArray();
        var trigger = Tasks.Task(IbexArn, QuantumTaskStatus.Created, 100, Morning.AddMinutes(5));
        Braket.Add([.. completed, .. queued, trigger]);
        var used = Tracker(OfferFiles.SampleRows, [.. completed, .. queued, trigger]); // $58.20

        var alert = await AlertAsync(trigger, "Cancelled 4 queued tasks");

        var text = MessageText.Of(alert.Body, withFallback: true);
        Assert.Contains("Cost, Ibex-Q1", text);
        Assert.Contains($"{Money(used)} of $50.00", text);
        Assert.Contains("estimates at AWS price list of 2026-11-20", text);
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
    }

    [Theory]
    [InlineData("Forte-1", false)]
    [InlineData("Forte 1", false)]
    [InlineData("forte-1", true)]
    public async Task A_device_cap_applies_by_the_device_itself_whether_or_not_the_device_list_was_read(string key, bool listRead)
    {
        if (listRead)
        {
            Assert.True((await Bot.Service<DeviceCatalog>().GetDevicesAsync(CancellationToken.None)).IsSuccess); // it names Forte "Forte 1"
        }
        else
        {
            Braket.Devices.Clear();
            Braket.Deny(BraketOperations.SearchDevices); // a cold start while SearchDevices fails
        }
        Settings[$"Caps:Devices:{key}:MaxShotsPerDay"] = "1000";
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        var queued = Tasks.Many(3, Tasks.ForteArn, QuantumTaskStatus.Queued, 400, Morning).ToArray();
        var trigger = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Created, 50, Morning.AddMinutes(5));
        Braket.Add([.. queued, trigger]);

        var alert = await AlertAsync(trigger, "Cancelled 4 queued tasks");

        Assert.Contains($"Shots, {key}", MessageText.Of(alert.Body, withFallback: true));
        Assert.All([.. queued, trigger], t => Assert.Equal(QuantumTaskStatus.Cancelling, Braket.Task(t.QuantumTaskArn).Status));
    }

    [Fact]
    public async Task A_new_list_changes_the_figures_at_the_next_refresh_and_is_kept_in_the_store()
    {
        var task = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 1000, Morning);
        Braket.Add(task);
        Assert.Contains($"*{Money(Tracker(OfferFiles.SampleRows, [task]))}* spent", await InfoAsync("info today Forte-1", "before"));

        IReadOnlyList<OfferRow> december =
        [
            .. OfferFiles.SampleRows.Where(r => r.Device != "Forte-1"),
            .. OfferRow.Qpu("us-east-1", "Forte-1", 0.0975m, 0.35m),
        ];
        Braket.OfferFile = OfferFiles.Build("2026-12-01", december);
        await RefreshAsync();

        var after = await InfoAsync("info today Forte-1", "after");
        Assert.Contains($"*{Money(Tracker(december, [task]))}* spent", after); // $97.85
        Assert.Contains("($0.35 a task + $0.0975 a shot)", after);
        Assert.Contains("prices: AWS price list of 2026-12-01", after);
        var stored = await Bot.Service<PriceListStore>().LoadAsync(CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 12, 1), stored!.Published);
    }

    [Fact]
    public async Task A_qpu_the_list_does_not_price_is_estimated_at_the_highest_price_and_every_report_and_alert_says_so()
    {
        var unknown = new DeviceSummary(UnknownArn, "Q", "Acme", "QPU", "ONLINE");
        Braket.Devices.Add(unknown);
        IReadOnlyList<OfferRow> rows =
        [
            .. OfferFiles.SampleRows.Where(r => r.Device != "Forte-Enterprise-1"),
            .. OfferRow.Qpu("us-east-1", "Forte-Enterprise-1", 0.12m),
        ];
        Braket.OfferFile = OfferFiles.Build(OfferFiles.Published, rows);
        await RefreshAsync();
        var spent = Tasks.Task(UnknownArn, QuantumTaskStatus.Completed, 1000, Morning);
        Braket.Add(spent);

        var text = await InfoAsync("info today Q", "unknown");

        Assert.Contains("*$120.30* spent or running", text); // $0.30 + 1,000 shots at the highest QPU price on the list, $0.12
        Assert.Contains("Q is not on the price list: estimated at the highest QPU price", text);
        Assert.Contains("Q is not priced there, estimated at the highest QPU price ($0.12 a shot)", text);

        Settings["Caps:MaxCostPerDay"] = "100";
        var alert = await AlertAsync(Tasks.Task(UnknownArn, QuantumTaskStatus.Created, 10, Morning.AddMinutes(1)), "cap breached");
        Assert.Contains(
            "Q is not priced there, estimated at the highest QPU price ($0.12 a shot)",
            MessageText.Of(alert.Body, withFallback: true)
        );
    }

    [Fact]
    public async Task Simulators_show_their_shots_billed_per_minute_and_retired_devices_are_marked()
    {
        Braket.Add(
            Tasks.Task(Tasks.Sv1Arn, QuantumTaskStatus.Completed, 100_000, Morning),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 1000, Morning)
        );

        var text = await InfoAsync("info today", "all");

        Assert.Contains("100,000 shots, billed per minute, not estimated", text);
        Assert.Contains("*Aspen-M-1* · Rigetti · us-west-1 · retired", text);
        Assert.Contains("*$0.65* spent or running", text); // Aspen-M-1 at its last price: $0.30 + 1,000 × $0.00035
        Assert.DoesNotContain("SV1* · Amazon Braket · every region · retired", text);
    }
}
