using System.Net;
using System.Text.Json;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Commands;

/// <summary>/braket limits set and clear through the real host, against the Braket fake's spending limits.</summary>
[Collection(CommandsHost.Name)]
public sealed class SpendingLimitCommandTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private const string Admin = "U0ADMIN";

    /// <summary>The day 2022-04-10 in Berlin (CEST, UTC+2).</summary>
    private static readonly DateTimeOffset DayStart = new(2022, 4, 9, 22, 0, 0, TimeSpan.Zero);

    private static readonly string[] Changes =
    [
        BraketOperations.CreateSpendingLimit,
        BraketOperations.UpdateSpendingLimit,
        BraketOperations.DeleteSpendingLimit,
        BraketOperations.TagResource,
    ];

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Caps:TimeZone"] = "Europe/Berlin";
        Settings["Slack:Admins:0"] = Admin;
    }

    private async Task<JsonElement> Ask(string text, string id, string user = Admin)
    {
        var ack = await SendCommandAsync(text, id, user);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        // What the parser refuses is answered in the acknowledgement itself; the rest through the response URL.
        var body = JsonDocument.Parse(await ack.Content.ReadAsStringAsync()).RootElement.Clone();
        return Text(body).Contains("Working on", StringComparison.Ordinal) ? (await Slack.WaitForResponses(id))[0] : body;
    }

    private static string Text(JsonElement answer) => MessageText.Of(answer, withFallback: true);

    private static string Visibility(JsonElement answer) => answer.GetProperty("response_type").GetString()!;

    private int ChangesMade() => Changes.Sum(c => Braket.RequestsOf(c).Count);

    [Fact]
    public async Task Set_creates_brakets_limit_for_today_in_the_zone_tagged_for_daily_renewal_and_tells_the_channel()
    {
        var answer = await Ask("limits set Ankaa-3 20", "set");

        Assert.Equal("in_channel", Visibility(answer));
        Assert.Contains($"<@{Admin}> set Braket's spending limit for *Ankaa-3* to *$20.00 a day*", Text(answer));
        Assert.Contains("until 2022-04-11 00:00 (Europe/Berlin). BraketBot renews it each day.", Text(answer));
        var limit = Braket.SpendingLimits.Single();
        Assert.Equal(
            (Tasks.AnkaaArn, "20.00", DayStart.ToUnixTimeSeconds(), DayStart.AddDays(1).ToUnixTimeSeconds(), "day"),
            (limit.DeviceArn, limit.Limit, limit.StartAt, limit.EndAt, limit.Tags[LimitTags.Renew])
        );
    }

    [Fact]
    public async Task Set_on_a_device_that_has_a_limit_updates_that_one_for_the_month_and_marks_it_for_monthly_renewal()
    {
        var existing = Braket.AddSpendingLimit(Tasks.AnkaaArn, 80m, DayStart.AddDays(-9), DayStart.AddDays(21));

        var answer = await Ask("limits set ankaa-3 $500/month", "month");

        Assert.Contains("changed Braket's spending limit for *Ankaa-3* to *$500.00 a month*", Text(answer));
        Assert.Contains("until 2022-05-01 00:00 (Europe/Berlin). BraketBot renews it each month.", Text(answer));
        var limit = Braket.SpendingLimits.Single();
        Assert.Equal(
            (existing, "500.00", new DateTimeOffset(2022, 3, 31, 22, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), "month"),
            (limit.Arn, limit.Limit, limit.StartAt, limit.Tags[LimitTags.Renew])
        );
        Assert.Empty(Braket.RequestsOf(BraketOperations.CreateSpendingLimit));
    }

    [Fact]
    public async Task Clear_deletes_the_devices_limit_and_a_device_without_one_is_told_so()
    {
        Braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, DayStart, DayStart.AddDays(1), tags: LimitTags.For(LimitRenewal.Day));

        var cleared = await Ask("limits clear Ankaa-3", "clear");
        var again = await Ask("limits clear Ankaa-3", "again");

        Assert.Contains("cleared Braket's spending limit for *Ankaa-3* (it was $20.00 a day, renewed by BraketBot)", Text(cleared));
        Assert.Empty(Braket.SpendingLimits);
        Assert.Equal("ephemeral", Visibility(again));
        Assert.Contains("*Ankaa-3* has no Braket spending limit to clear.", Text(again));
        Assert.Single(Braket.RequestsOf(BraketOperations.DeleteSpendingLimit));
    }

    [Theory]
    [InlineData("limits set Ankaa-3 20", "U0SOMEONE", "Only BraketBot's admins")]
    [InlineData("limits clear Ankaa-3", "U0SOMEONE", "Only BraketBot's admins")]
    [InlineData("limits set Ankaa-4 20", Admin, "Did you mean `Ankaa-3`?")]
    [InlineData("limits set SV1 20", Admin, "is a simulator: Braket's spending limits are for QPUs only")]
    [InlineData("limits set Aspen-M-1 20", Admin, "is retired")]
    [InlineData("limits set Ankaa-3 20.125", Admin, "`20.125` is not an amount")]
    [InlineData("limits set Ankaa-3 -5", Admin, "`-5` is not an amount")]
    [InlineData("limits set Ankaa-3 0", Admin, "`0` is out of range")]
    [InlineData("limits set Ankaa-3 20/week", Admin, "`20/week` is not an amount")]
    [InlineData("limits set Ankaa-3 1e3", Admin, "`1e3` is not an amount")]
    [InlineData("limits set Ankaa-3", Admin, "`limits set` takes a device and an amount")]
    [InlineData("limits frobnicate", Admin, "`limits set` and `limits clear` change one")]
    public async Task A_change_that_cannot_be_made_is_refused_privately_and_changes_nothing(string text, string user, string reason)
    {
        Braket.AddSpendingLimit(Tasks.AnkaaArn, 20m, DayStart, DayStart.AddDays(1));

        var answer = await Ask(text, "refused", user);

        Assert.Equal("ephemeral", Visibility(answer));
        Assert.Contains(reason, Text(answer));
        await SettleAsync();
        Assert.Equal(0, ChangesMade());
        Assert.Equal("20.00", Braket.SpendingLimits.Single().Limit);
    }

    [Fact]
    public async Task Under_mirror_a_mirrored_devices_limit_is_changed_by_its_cap_not_by_hand()
    {
        Settings["Caps:Devices:Ankaa-3:MaxCostPerDay"] = "25";
        Settings["Caps:NativeLimits"] = "Mirror";
        await Slack.WaitFor(() => Braket.SpendingLimits.SingleOrDefault(), what: "the mirrored limit"); // the caps' change syncs at once
        await SettleAsync();

        var set = await Ask("limits set Ankaa-3 99", "mirrored");
        var clear = await Ask("limits clear Ankaa-3", "mirrored-clear");

        Assert.All([set, clear], a => Assert.Contains("mirrors its cap `Caps:Devices:Ankaa-3:MaxCostPerDay` ($25.00)", Text(a)));
        var limit = Braket.SpendingLimits.Single();
        Assert.Equal(("25.00", DayStart.ToUnixTimeSeconds(), "day"), (limit.Limit, limit.StartAt, limit.Tags[LimitTags.Renew]));
        Assert.Single(Braket.RequestsOf(BraketOperations.CreateSpendingLimit));
    }

    [Fact]
    public async Task Mirror_takes_over_a_limit_somebody_made_instead_of_making_a_second()
    {
        var made = Braket.AddSpendingLimit(Tasks.AnkaaArn, 80m, DayStart.AddDays(-9), DayStart.AddDays(21));
        Settings["Caps:Devices:Ankaa-3:MaxCostPerDay"] = "30";
        Settings["Caps:NativeLimits"] = "Mirror";

        await Slack.WaitFor(() => Braket.SpendingLimits.SingleOrDefault(l => l.Limit == "30.00"), what: "the taken-over limit");
        await SettleAsync();
        var limit = Braket.SpendingLimits.Single();

        Assert.Equal((made, DayStart.ToUnixTimeSeconds(), "day"), (limit.Arn, limit.StartAt, limit.Tags[LimitTags.Renew]));
        Assert.Empty(Braket.RequestsOf(BraketOperations.CreateSpendingLimit));
    }

    [Fact]
    public async Task Limits_says_which_limits_braketbot_renews_and_warns_of_one_whose_period_ended()
    {
        Braket.AddSpendingLimit(
            Tasks.AnkaaArn,
            20m,
            DayStart,
            DayStart.AddDays(1),
            queued: 2.5m,
            total: 7m,
            tags: LimitTags.For(LimitRenewal.Day)
        );
        Braket.AddSpendingLimit(Tasks.ForteArn, 300m, DayStart.AddDays(-30), DayStart.AddDays(-1));

        var answer = await Ask("limits", "list");

        var text = System.Text.RegularExpressions.Regex.Replace(Text(answer), " +", " ");
        Assert.Equal("ephemeral", Visibility(answer));
        Assert.Contains("Ankaa-3 $20.00 $2.50 $7.00 2022-04-10 daily", text);
        Assert.Contains("Forte-1 $300.00 $0.00 $0.00 2022-03-10..2022-04-08 no", text);
        Assert.Contains("The period of *Forte-1*'s limit has ended: Braket refuses every new task there", text);
        Assert.DoesNotContain(Tasks.Account, text);
    }

    [Fact]
    public async Task Caps_shows_each_devices_braket_limit_beside_the_caps()
    {
        Settings["Caps:Devices:Ankaa-3:MaxCostPerDay"] = "50";
        Braket.AddSpendingLimit(
            Tasks.AnkaaArn,
            20m,
            DayStart,
            DayStart.AddDays(1),
            queued: 2.5m,
            total: 7m,
            tags: LimitTags.For(LimitRenewal.Day)
        );

        var answer = await Ask("caps", "caps");

        Assert.Contains(
            "*Ankaa-3*: :shield: Braket's own limit: $20.00 a day, renewed by BraketBot · $2.50 queued, $7.00 spent, $10.50 left",
            Text(answer)
        );
    }

    [Fact]
    public async Task A_breach_alert_says_when_brakets_own_limit_is_used_up_too()
    {
        Settings["Caps:Devices:Ankaa-3:MaxCostPerDay"] = "5";
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        await Ask("limits set Ankaa-3 5", "set-before"); // BraketBot knows the limit from here on
        var morning = new DateTimeOffset(2022, 4, 10, 9, 0, 0, TimeSpan.Zero);
        Braket.Add([.. Tasks.Many(3, Tasks.AnkaaArn, QuantumTaskStatus.Queued, 2000, morning)]); // $2.10 each
        var trigger = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Created, 2000, morning.AddMinutes(5));
        Braket.Add(trigger);

        await Client.SendAsync(Events.Post(Events.TaskStateChange(trigger)));

        var alert = await Slack.WaitFor(
            () => Slack.TopLevel.FirstOrDefault(m => MessageText.Of(m.Body, withFallback: true).Contains("Cancelled")),
            what: "the finished alert"
        );
        await SettleAsync();
        Assert.Contains(
            "Braket's own spending limit for *Ankaa-3* ($5.00 a day, renewed by BraketBot) is used up: Braket itself refuses its new "
                + "tasks until the limit renews.",
            MessageText.Of(alert.Body, withFallback: true)
        );
    }
}
