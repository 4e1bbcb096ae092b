using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BraketBot.Cancel;
using BraketBot.Home;
using BraketBot.Limits;
using BraketBot.Slack;
using BraketBot.Tests.Support;
using BraketBot.Views;

namespace BraketBot.Tests.Home;

/// <summary>The Home tab through the real host: Slack's Events API in, views.publish out.</summary>
[Collection(ReportsHost.Name)]
public sealed class HomeTabTests(AppFixture fixture) : IntegrationTests(fixture)
{
    private const string Admin = "U2147483697";
    private const string Member = "U0MEMBER1";
    private static readonly DateTimeOffset Midnight = new(2022, 4, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly Day Today = Day.Parse("2022-04-10");

    protected override void Arrange()
    {
        Braket.Devices.AddRange(Tasks.AllDevices);
        Settings["Braket:Quotas:CancelQuantumTask:Rate"] = "200";
        Settings["Slack:Admins:0"] = Admin;
    }

    private Task<HttpResponseMessage> SendEvent(
        string body,
        int retry = 0,
        DateTimeOffset? at = null,
        string secret = SlackRequests.SigningSecret
    ) => Client.SendAsync(SlackRequests.SignedJson("/slack/events", body, at ?? Clock.GetUtcNow(), retry, secret));

    private async Task<JsonElement> Open(string userId, int count = 1)
    {
        var response = await SendEvent(SlackRequests.HomeOpened(userId, "Ev" + Guid.NewGuid().ToString("N")[..10]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Slack.WaitForHomeView(userId, count);
    }

    private static string Text(JsonElement view) => MessageText.Of(view);

    private static IReadOnlyList<JsonElement> Buttons(JsonElement view, string actionId) =>
        view.GetProperty("blocks")
            .EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray())
            .Where(e => e.GetProperty("action_id").GetString() == actionId)
            .ToList();

    /// <summary>Aspen-M-1's known day (and its decoys) in Braket, merged into the ledger by one scan of the month so far.</summary>
    private async Task<QuantumTaskSummary[]> KnownDayInTheLedger()
    {
        var tasks = Tasks.AspensDay(Midnight);
        Braket.Add(tasks);
        var scanned = await Bot.Service<UsageLedger>().ScanAsync(Day.Parse("2022-04-01"), Today, null, CancellationToken.None);
        Assert.True(scanned.IsSuccess);
        return tasks;
    }

    private Task<HttpResponseMessage> ClickOnTheTab(string actionId, string value, string userId) =>
        Client.SendAsync(
            SlackRequests.Signed(
                "/slack/interactions",
                "payload=" + Uri.EscapeDataString(SlackRequests.HomeButtonPayload(actionId, value, userId)),
                Clock.GetUtcNow()
            )
        );

    private Task<JsonElement[]> WaitForTab(string userId, string reading) =>
        Slack.WaitFor(
            () => Slack.HomeViews.TryGetValue(userId, out var v) && Text(v).Contains(reading) ? new[] { v } : null,
            what: $"the Home tab of {userId} reading '{reading}'"
        );

    [Fact]
    public async Task Url_verification_is_answered_with_its_challenge()
    {
        const string body = """
            {"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8","type":"url_verification"}
            """;

        var response = await SendEvent(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8", answer.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task A_forged_or_stale_event_gets_a_401_and_publishes_nothing()
    {
        var forged = await SendEvent(SlackRequests.HomeOpened(Admin, "EvForged01"), secret: "not-the-signing-secret");
        var stale = await SendEvent(SlackRequests.HomeOpened(Admin, "EvStale001"), at: Clock.GetUtcNow().AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        await SettleAsync();
        Assert.Empty(Slack.HomeViews);
    }

    [Fact]
    public async Task A_retried_event_is_acknowledged_and_handled_once()
    {
        var body = SlackRequests.HomeOpened(Admin, "EvRetried01");

        var clock = Stopwatch.StartNew();
        var first = await SendEvent(body);
        clock.Stop();
        var retried = await SendEvent(body, retry: 1);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"acknowledged after {clock.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await Slack.WaitForHomeView(Admin);
        await SettleAsync();
        Assert.Equal(1, Slack.ViewsPublishedTo(Admin));
    }

    [Fact]
    public async Task Unknown_events_and_the_messages_tab_are_acknowledged_and_ignored()
    {
        const string reaction = """
            {"type":"event_callback","team_id":"T0001","api_app_id":"A123456","event_id":"EvOther001","event":{"type":"reaction_added"}}
            """;
        const string other = """{"type":"app_rate_limited","team_id":"T0001","minute_rate_limited":1518467820,"api_app_id":"A123456"}""";

        Assert.Equal(HttpStatusCode.OK, (await SendEvent(reaction)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendEvent(other)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendEvent(SlackRequests.HomeOpened(Admin, "EvMessages1", tab: "messages"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendEvent("[1,2]")).StatusCode);
        await SettleAsync();
        Assert.Empty(Slack.HomeViews);
    }

    [Fact]
    public async Task The_tab_shows_todays_and_this_months_usage_against_every_cap_from_the_ledger_without_asking_braket()
    {
        Settings["Caps:MaxShotsPerDay"] = "200000";
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "10000";
        Settings["Caps:MaxShotsPerMonth"] = "500000";
        Braket.AddSpendingLimit(Tasks.AnkaaArn, 250, Midnight, Midnight.AddDays(1), queued: 12.5m, total: 40);
        await Bot.Service<BraketSpendingLimits>().ChangedAsync(null, CancellationToken.None);
        await KnownDayInTheLedger();
        var braketCalls = Braket.Requests.Count;

        var clock = Stopwatch.StartNew();
        var view = await Open(Admin);
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"published after {clock.Elapsed}");
        Assert.Equal(braketCalls, Braket.Requests.Count);
        Assert.Equal("home", view.GetProperty("type").GetString());
        var text = Text(view);
        // Today counts CREATED, QUEUED, RUNNING and COMPLETED: Aspen-M-1 50 + 6,000 + 100 + 1,000, Ankaa-3 88,888.
        Assert.Contains("Today, 2022-04-10", text);
        Assert.Contains("Shots, all devices*: `▓▓▓▓▓░░░░░ 48%` 96,038 of 200,000", text);
        Assert.Contains("Shots, Aspen-M-1*: `▓▓▓▓▓▓▓░░░ 72%` 7,150 of 10,000", text);
        // The month adds the day before: Aspen-M-1's 77,777 queued on 2022-04-09.
        Assert.Contains("2022-04 to date", text);
        Assert.Contains("173,815 of 500,000", text);
        Assert.Contains("*Aspen-M-1*: 4 queued (6,050 shots", text);
        Assert.Contains("1 running", text);
        Assert.Contains("*Ankaa-3*: 1 queued (88,888 shots", text);
        Assert.Contains("None: no cap was crossed", text);
        Assert.Contains("*Ankaa-3*: :shield: Braket's own limit: $250.00", text);
        Assert.Contains("$12.50 queued, $40.00 spent", text);
        Assert.Contains("prices: AWS price list of 2026-11-20", text);
        Assert.Contains("Drawn at 12:", text);
        Assert.DoesNotContain(Tasks.Account, text);
        var refresh = Assert.Single(Buttons(view, ActionIds.RefreshHome));
        Assert.Equal("Refresh", refresh.GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Admins_see_cancel_buttons_of_exact_scope_and_members_do_not()
    {
        await KnownDayInTheLedger();

        var admin = await Open(Admin);
        var member = await Open(Member);

        var values = Buttons(admin, ActionIds.CancelAllQueued)
            .Select(b => b.GetProperty("value").GetString()!)
            .Order(StringComparer.Ordinal);
        string[] scopes =
        [
            ButtonValues.Of(CancelScope.Device(Today, Tasks.Ankaa)),
            ButtonValues.Of(CancelScope.Device(Today, Tasks.Aspen)),
            ButtonValues.Of(CancelScope.EveryDevice(Today)),
        ];
        Assert.Equal(scopes.Order(StringComparer.Ordinal), values);
        Assert.All(Buttons(admin, ActionIds.CancelAllQueued), b => Assert.True(b.TryGetProperty("confirm", out _), "each asks to confirm"));
        Assert.Empty(Buttons(member, ActionIds.CancelAllQueued));
        Assert.Single(Buttons(member, ActionIds.RefreshHome));
        Assert.Contains("*Aspen-M-1*: 4 queued", Text(member));
    }

    [Fact]
    public async Task A_click_on_the_tabs_cancel_button_cancels_exactly_its_scope_and_the_tab_shows_the_run()
    {
        var day = await KnownDayInTheLedger();
        var view = await Open(Admin);
        var aspen = ButtonValues.Of(CancelScope.Device(Today, Tasks.Aspen));
        Assert.Contains(Buttons(view, ActionIds.CancelAllQueued), b => b.GetProperty("value").GetString() == aspen);

        var response = await ClickOnTheTab(ActionIds.CancelAllQueued, aspen, Admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = (await WaitForTab(Admin, "finished"))[0];
        Assert.Contains("Cancel all queued of Aspen-M-1 on 2022-04-10", Text(done));
        Assert.Contains("cancelled 4 of 4", Text(done));
        await SettleAsync();
        Assert.Equal(4, Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count);
        Assert.All(day.Where(t => t.DeviceArn == Tasks.AnkaaArn), t =>
            Assert.Equal(QuantumTaskStatus.Queued, Braket.Task(t.QuantumTaskArn).Status)
        );
    }

    [Fact]
    public async Task A_members_click_on_a_cancel_button_cancels_nothing_and_the_tab_says_why()
    {
        await KnownDayInTheLedger();
        await Open(Member);

        var response = await ClickOnTheTab(ActionIds.CancelAllQueued, ButtonValues.Of(CancelScope.Device(Today, Tasks.Aspen)), Member);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForTab(Member, CancelView.NotAllowed);
        await SettleAsync();
        Assert.Empty(Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    [Fact]
    public async Task The_refresh_button_on_the_tab_draws_it_again()
    {
        await Open(Member);

        var response = await ClickOnTheTab(ActionIds.RefreshHome, HomeView.RefreshValue, Member);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Slack.WaitForHomeView(Member, count: 2);
    }

    [Fact]
    public async Task An_open_tab_is_published_again_when_an_alert_is_posted()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        var queued = Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Midnight.AddHours(9)).ToArray();
        Braket.Add(queued);
        await Open(Member);

        var response = await Client.SendAsync(Events.Post(Events.TaskStateChange(queued[0])));

        Assert.True(response.IsSuccessStatusCode);
        var republished = await Slack.WaitForHomeView(Member, count: 2);
        Assert.Contains("Breach: shots today, Aspen-M-1", Text(republished));
    }

    [Fact]
    public async Task A_republish_waits_for_the_users_minute_and_then_shows_the_last_change()
    {
        Settings["Caps:Devices:Aspen-M-1:MaxShotsPerDay"] = "1000";
        var queued = Tasks.Many(3, Tasks.AspenArn, QuantumTaskStatus.Queued, 400, Midnight.AddHours(9)).ToArray();
        Braket.Add(queued);
        await Open(Member);
        // As if a change had been republished to this user a moment ago.
        var store = Bot.Service<IClaimStore>();
        Assert.True(await store.TryClaimAsync(HomeRefresher.ClaimKey(Member), Clock.GetUtcNow() + HomeRefresher.MinInterval, default));

        await Client.SendAsync(Events.Post(Events.TaskStateChange(queued[0])));
        await Slack.WaitFor(() => Slack.TopLevel.Count > 0 ? "alert" : null, what: "the alert");
        await Slack.WaitFor(() => Bot.Service<HomeRefresher>().IsWaiting(Member) ? "waiting" : null, what: "a waiting republish");

        Assert.Equal(1, Slack.ViewsPublishedTo(Member));
        await SettleAsync();
        Clock.Shift += HomeRefresher.MinInterval;
        var last = (await WaitForTab(Member, "finished"))[0];
        Assert.Contains("Breach: shots today, Aspen-M-1", Text(last));
        Assert.Equal(2, Slack.ViewsPublishedTo(Member));
    }

    [Fact]
    public async Task Url_verification_tells_doctor_that_slack_reached_the_route()
    {
        const string body = """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"c-123","type":"url_verification"}""";

        var response = await SendEvent(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await Bot.Service<IKeyValueStore>().GetValueAsync(SlackEventIntake.LastEventKey, CancellationToken.None));
    }

    [Fact]
    public async Task An_event_with_a_field_that_is_no_text_gets_a_400_and_publishes_nothing()
    {
        // A lone surrogate escape: valid JSON, but no .NET string can hold it.
        var body = SlackRequests.HomeOpened(Admin, "EvSurrogate").Replace(Admin, "\\ud800", StringComparison.Ordinal);

        var response = await SendEvent(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await SettleAsync();
        Assert.Empty(Slack.HomeViews);
    }

    [Fact]
    public async Task Each_budget_shows_against_its_caps_and_its_button_goes_to_its_admins_alone()
    {
        Settings.Set(
            new Dictionary<string, string?>
            {
                ["Budgets:alpha:Tag"] = "team=alpha",
                ["Budgets:alpha:MaxShotsPerDay"] = "1000",
                ["Budgets:alpha:MaxShotsPerMonth"] = "5000",
                ["Budgets:alpha:Admins:0"] = "U0ALPHALEAD",
            }
        );
        QuantumTaskSummary Alpha(string device, long shots, int hour) =>
            Tasks.Task(device, QuantumTaskStatus.Queued, shots, Midnight.AddHours(hour)) with
            {
                Tags = new Dictionary<string, string> { ["team"] = "alpha" },
            };
        Braket.Add(
            Alpha(Tasks.AspenArn, 600, 8),
            Alpha(Tasks.AnkaaArn, 300, 9),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 50, Midnight)
        );
        Assert.True((await Bot.Service<UsageLedger>().ScanAsync(Day.Parse("2022-04-01"), Today, null, CancellationToken.None)).IsSuccess);
        var braketCalls = Braket.Requests.Count;

        var admin = await Open(Admin);
        var lead = await Open("U0ALPHALEAD");
        var member = await Open(Member);

        Assert.Equal(braketCalls, Braket.Requests.Count);
        var text = Text(member);
        Assert.Contains("*Team budgets*", text);
        Assert.Contains("*alpha* · tag `team=alpha`: today 900 shots", text);
        Assert.Contains("Shots, budget alpha (team=alpha)*: `▓▓▓▓▓▓▓▓▓░ 90%` 900 of 1,000", text);
        Assert.Contains("Shots this month, budget alpha (team=alpha)*:", text);
        var alpha = ButtonValues.Of(CancelScope.OfBudget(Today, BudgetScope.Of("alpha", new BudgetCaps { Tag = "team=alpha" })!));
        Assert.Equal([alpha], Buttons(lead, ActionIds.CancelAllQueued).Select(b => b.GetProperty("value").GetString()));
        Assert.Contains(alpha, Buttons(admin, ActionIds.CancelAllQueued).Select(b => b.GetProperty("value").GetString()));
        Assert.Empty(Buttons(member, ActionIds.CancelAllQueued));
    }

    [Fact]
    public async Task Opening_the_tab_asks_braket_nothing_even_of_a_hybrid_job_it_never_described()
    {
        const string job = "arn:aws:braket:us-east-1:111122223333:job/never-described";
        var task = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 10, Midnight.AddHours(9)) with
        {
            Origin = new TaskOrigin(null, job),
        };
        await Bot.Service<ILedgerStore>().RecordAsync([new LedgerTask(task, Today, Clock.GetUtcNow()) { Confirmed = true }], default);

        var first = await Open(Member);
        await SendEvent(SlackRequests.HomeOpened(Member, "EvAgain0001"));
        await Slack.WaitForHomeView(Member, count: 2);

        Assert.Empty(Braket.Requests);
        Assert.Contains("Instance cost not yet known of 1 hybrid jobs", Text(first));
    }

    [Fact]
    public async Task A_run_started_before_midnight_stays_on_the_tab_after_it_while_in_progress_and_when_it_ends()
    {
        await KnownDayInTheLedger();
        Clock.Shift = TimeSpan.FromHours(11) + TimeSpan.FromMinutes(59); // 23:59 on 2022-04-10
        Braket.Hold(BraketOperations.CancelQuantumTask);
        try
        {
            await Open(Admin);
            await ClickOnTheTab(ActionIds.CancelAllQueued, ButtonValues.Of(CancelScope.Device(Today, Tasks.Aspen)), Admin);
            await Slack.WaitFor(
                () => Braket.RequestsOf(BraketOperations.CancelQuantumTask).Count > 0 ? "held" : null,
                what: "a cancel, held"
            );

            Clock.Shift += TimeSpan.FromMinutes(2); // 00:01 on 2022-04-11
            await SendEvent(SlackRequests.HomeOpened(Admin, "EvMidnight1"));
            var running = (await WaitForTab(Admin, "in progress since 2022-04-10 23:59"))[0];
            Assert.Contains("Today, 2022-04-11", Text(running));
        }
        finally
        {
            Braket.Release(BraketOperations.CancelQuantumTask); // also when the test fails: the shared host must not stay stuck
        }

        var done = (await WaitForTab(Admin, "finished 00:01"))[0];
        Assert.Contains("Cancel all queued of Aspen-M-1 on 2022-04-10", Text(done));
        Assert.Contains("cancelled 4 of 4", Text(done));
    }
}
