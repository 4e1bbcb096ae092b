using System.Text.Json;
using BraketBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Cli;

/// <summary>`BraketBot doctor` in process against the fakes: a line per check, ✓ or ✗ with the fix, and the exit code.</summary>
public sealed class DoctorTests : IDisposable
{
    private readonly CliHost cli = new();

    public DoctorTests()
    {
        cli.Braket.Devices.AddRange(Tasks.AllDevices);
        cli.Settings["Slack:AppToken"] = cli.Slack.AppToken;
    }

    public void Dispose() => cli.Dispose();

    /// <summary>Doctor on the set-up as <paramref name="broken"/> leaves it: it exits 1 and prints each expected line.</summary>
    private async Task<string> FailsAsync(Action<CliHost> broken, params string[] expected)
    {
        broken(cli);
        var (exit, output) = await cli.RunAsync("doctor");
        Assert.True(exit == 1, $"exit code {exit}:\n{output}");
        Assert.All(expected, line => Assert.Contains(line, output));
        return output;
    }

    [Fact]
    public async Task A_complete_set_up_passes_every_check_and_exits_0_without_changing_anything()
    {
        var queued = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, BotFactory.Today);
        cli.Braket.Add(queued);

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(0, exit);
        Assert.Equal(
            """
            ✓ Configuration: every value passes the rules the host checks at start
            ✓ Settings: every setting BraketBot needs is set
            ✓ AWS credentials: found: environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)
            ✓ Braket in us-west-1: the credentials are accepted
            ✓ Braket in us-east-1: the credentials are accepted
            ✓ braket:SearchQuantumTasks: allowed in us-west-1, us-east-1
            ✓ braket:GetQuantumTask: allowed in us-west-1, us-east-1
            ✓ braket:CancelQuantumTask: allowed in us-west-1, us-east-1
            ✓ braket:SearchDevices: allowed in us-west-1, us-east-1
            ✓ braket:SearchSpendingLimits: allowed in us-west-1, us-east-1
            ✓ braket:CreateSpendingLimit: allowed in us-west-1, us-east-1
            ✓ braket:UpdateSpendingLimit: allowed in us-west-1, us-east-1
            ✓ braket:DeleteSpendingLimit: allowed in us-west-1, us-east-1
            ✓ braket:TagResource: allowed in us-west-1, us-east-1
            ✓ braket:GetJob: allowed in us-west-1, us-east-1
            ✓ braket:SearchJobs: allowed in us-west-1, us-east-1
            ✓ braket:CancelJob: allowed in us-west-1, us-east-1
            ✓ Slack bot token: valid: workspace Braket Lab (https://braket-lab.slack.com/), bot user @braketbot
            ✓ Slack alert channel: #braket-alerts (C0ALERTS), the bot is a member
            ✓ Slack app token: valid: Socket Mode can connect
            ✓ Slack events: over Socket Mode: they come on the connection the app token opens, no request URL needed
            ✓ Storage (job-storage): In-Memory Storage answers.
            ✓ Prices: AWS price list of 2026-11-20: 7 QPU prices
            ✓ Device prices: every QPU in the watched regions is priced; simulators are billed per minute, not estimated; retired: Ankaa-3, Aspen-M-1 (at their last prices)
            ✓ Charts: a sample chart draws (1600×800 PNG)
            All 25 checks passed.
            """,
            string.Join('\n', output.Split('\n').Select(l => l.TrimEnd())).Trim()
        );

        // Harmless: the real task is untouched, the cancel went to a task that cannot exist, nothing was posted.
        Assert.Equal(QuantumTaskStatus.Queued, cli.Braket.Task(queued.QuantumTaskArn).Status);
        Assert.DoesNotContain(cli.Braket.RequestsOf(BraketOperations.CancelQuantumTask), r =>
            r.Path.Contains(queued.QuantumTaskArn.Split('/')[^1], StringComparison.Ordinal)
        );
        Assert.Empty(cli.Braket.SpendingLimits); // the limit writes were tried on a device and a limit that do not exist
        Assert.Equal(["apps.connections.open", "auth.test", "conversations.info"], cli.Slack.Received.Select(r => r.Kind).Order());
        Assert.Empty(cli.Slack.Unexpected);
        Assert.Empty(cli.Braket.Unexpected);
    }

    [Fact]
    public async Task Without_credentials_it_fails_and_says_where_the_chain_looks()
    {
        await FailsAsync(
            c => c.Credentials = null,
            "✗ AWS credentials: none found in the AWS SDK's default chain",
            "fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
            "– Braket permissions: not checked without credentials"
        );
        Assert.Empty(cli.Braket.Requests);
    }

    [Fact]
    public async Task A_wrong_secret_key_fails_in_every_region_as_refused_credentials_not_as_a_permission()
    {
        var output = await FailsAsync(
            c => c.Braket.RefuseSignatures(),
            "✓ AWS credentials: found: environment variables",
            "✗ Braket in us-west-1: AWS refused the credentials: The request signature we calculated does not match",
            "✗ Braket in us-east-1: AWS refused the credentials: The request signature we calculated does not match",
            "fix: check that AWS_SECRET_ACCESS_KEY belongs to AWS_ACCESS_KEY_ID",
            "– Braket permissions: not checked until Braket accepts the credentials in every region"
        );
        Assert.DoesNotContain("braket:CancelQuantumTask", output);
    }

    [Fact]
    public Task An_action_the_policy_lacks_is_named_with_the_policy_that_allows_it() =>
        FailsAsync(
            c => c.Braket.Deny(BraketOperations.CancelQuantumTask),
            "✗ braket:CancelQuantumTask: denied in us-west-1, us-east-1",
            "fix: attach deploy/iam-policy.json to BraketBot's IAM user or role",
            "✓ braket:GetQuantumTask: allowed in us-west-1, us-east-1",
            "1 of 25 checks failed"
        );

    [Fact]
    public Task A_price_list_that_cannot_be_read_fails_the_prices_check_saying_how_old_the_prices_in_force_are() =>
        FailsAsync(
            c =>
            {
                c.Braket.PriceListStatus = System.Net.HttpStatusCode.InternalServerError;
                c.Clock.Shift =
                    DateTimeOffset.Parse(BuiltInPrices.Date, System.Globalization.CultureInfo.InvariantCulture).AddDays(10.5)
                    - BotFactory.Today;
            },
            "✗ Prices: the price list cannot be read (",
            "answered 500 Internal Server Error); estimates", // the console's width breaks the line here
            "use the built-in table of " + BuiltInPrices.Date + " (10 days old)",
            "fix: let this host reach",
            "✓ Device prices: every QPU in the watched regions is priced",
            "1 of 25 checks failed"
        );

    [Fact]
    public Task A_qpu_the_price_list_lacks_fails_doctor_saying_it_is_estimated_at_the_highest_price() =>
        FailsAsync(
            c => c.Braket.Devices.Add(new DeviceSummary("arn:aws:braket:us-east-1::device/qpu/acme/Q", "Q", "Acme", "QPU", "ONLINE")),
            "✗ Device prices: Q (us-east-1) is not on the AWS price list of 2026-11-20: its tasks are estimated at the highest QPU "
                + "price, $0.08 a shot",
            "fix: set Pricing:PerShot:Q to its price",
            "✓ Prices: AWS price list of 2026-11-20",
            "1 of 25 checks failed"
        );

    [Fact]
    public Task A_renderer_that_cannot_be_made_fails_the_charts_check_not_doctor() =>
        FailsAsync(
            c =>
                c.TestServices.Add(services =>
                    services.AddSingleton<IChartRenderer>(_ =>
                        throw new TypeInitializationException(
                            "SkiaSharp.SKTypeface",
                            new DllNotFoundException("Unable to load shared library 'libSkiaSharp'")
                        )
                    )
                ),
            "✗ Charts: a chart cannot be drawn here: Unable to load shared library 'libSkiaSharp'",
            "✓ Slack bot token",
            "1 of 25 checks failed"
        );

    [Fact]
    public Task A_bot_that_is_not_in_the_alert_channel_is_told_to_invite_itself() =>
        FailsAsync(
            c => c.Slack.Channels["C0ALERTS"] = ("braket-alerts", false),
            "✗ Slack alert channel: the bot is not a member of #braket-alerts (C0ALERTS), so its alerts are refused",
            "fix: invite the bot: /invite @braketbot in #braket-alerts"
        );

    [Fact]
    public Task A_channel_that_answers_not_in_channel_is_told_the_same_way() =>
        FailsAsync(
            c => c.Slack.Refuse("conversations.info", "not_in_channel"),
            "✗ Slack alert channel: the bot is not a member of C0ALERTS",
            "fix: invite the bot: /invite @braketbot in that channel"
        );

    [Fact]
    public Task A_channel_name_where_slack_wants_an_id_is_told_where_to_find_the_id() =>
        FailsAsync(
            c => c.Settings["Slack:AlertChannel"] = "#braket-alerts",
            "✗ Slack alert channel: no channel #braket-alerts that the bot can see",
            "the channel's id (C…"
        );

    [Fact]
    public async Task An_invalid_bot_token_fails_with_slacks_invalid_auth_and_the_channel_is_not_checked()
    {
        await FailsAsync(
            c => c.Slack.BotToken = "xoxb-another-workspace",
            "✗ Slack bot token: Slack refused it (invalid_auth)",
            "fix: copy the Bot User OAuth Token (xoxb-…)",
            "– Slack alert channel: not checked without a valid bot token"
        );
        Assert.DoesNotContain(cli.Slack.Received, r => r.Kind == "conversations.info");
    }

    [Fact]
    public Task An_invalid_app_token_fails_without_opening_a_connection() =>
        FailsAsync(
            c => c.Settings["Slack:AppToken"] = "xapp-1-expired",
            "✗ Slack app token: Slack refused it (invalid_auth)",
            "connections:write"
        );

    [Fact]
    public async Task Without_an_app_token_socket_mode_is_said_to_be_off_and_nothing_fails()
    {
        cli.Settings.Remove("Slack:AppToken");

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(0, exit);
        Assert.Contains("– Slack app token: Slack:AppToken is not set: Socket Mode is off", output);
        Assert.Contains("– Slack events: none received yet, so BraketBot cannot tell whether Slack reaches POST /slack/events", output);
        Assert.DoesNotContain(cli.Slack.Received, r => r.Kind == "apps.connections.open");
    }

    [Fact]
    public Task An_unreachable_database_fails_the_storage_check_naming_host_and_key() =>
        FailsAsync(
            c => c.Settings.OnPostgres("Host=127.0.0.1;Port=1;Username=postgres;Database=braketbot;Timeout=3"),
            "✗ Storage (postgres): PostgreSQL unreachable: ConnectionStrings:Postgres: cannot reach PostgreSQL at 127.0.0.1:1",
            "fix: check Storage:Provider and ConnectionStrings:Postgres"
        );

    [PostgresFact]
    public async Task A_reachable_database_passes_the_storage_checks()
    {
        await using var database = await TestDatabase.CreateAsync();
        cli.Settings.OnPostgres(database.ConnectionString);

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.True(exit == 0, output);
        Assert.Contains("✓ Storage (postgres): PostgreSQL answers.", output);
    }

    [Fact]
    public Task A_value_the_host_would_refuse_at_start_fails_the_configuration_check_in_the_same_words() =>
        FailsAsync(
            c => (c.Settings["Caps:WarnAt"], c.Settings["Caps:TimeZone"]) = ("2", "Mars/Olympus"),
            "✗ Configuration: Caps:WarnAt must be a fraction above 0 and at most 1 (is 2).",
            "✗ Configuration: Caps:TimeZone 'Mars/Olympus' is not a known IANA time zone"
        );

    [Fact]
    public Task A_missing_secret_fails_the_settings_check_with_its_environment_variable() =>
        FailsAsync(
            c =>
            {
                c.Settings.Remove("Slack:SigningSecret");
                c.Settings.Remove("Slack:AppToken"); // over HTTP, not Socket Mode: the signing secret is needed
            },
            "✗ Settings: Slack:SigningSecret is not set: every Slack request over HTTP is refused (401)",
            "fix: set Slack:SigningSecret (environment variable Slack__SigningSecret)"
        );

    [Fact]
    public async Task Json_gives_every_check_with_its_status_for_scripts()
    {
        cli.Braket.Deny(BraketOperations.SearchSpendingLimits);

        var (exit, output) = await cli.RunAsync("doctor", "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        var denied = checks.Single(c => c.GetProperty("status").GetString() == "fail");
        Assert.Equal("braket:SearchSpendingLimits", denied.GetProperty("check").GetString());
        Assert.Contains("deploy/iam-policy.json", denied.GetProperty("fix").GetString());
        Assert.Equal(24, checks.Count(c => c.GetProperty("status").GetString() == "pass"));
    }
}
