using System.Text.Json;
using BraketBot.Tests.Support;

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

    private static IReadOnlyList<string> Lines(string output) => output.Split('\n').Select(l => l.TrimEnd()).ToList();

    [Fact]
    public async Task A_complete_set_up_passes_every_check_and_exits_0_without_changing_anything()
    {
        var queued = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, BotFactory.Today);
        cli.Braket.Add(queued);

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("✗", output);
        var lines = Lines(output);
        Assert.Contains("✓ Configuration: every value passes the rules the host checks at start", lines);
        Assert.Contains("✓ Settings: every setting BraketBot needs is set", lines);
        Assert.Contains("✓ AWS credentials: found: environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)", lines);
        Assert.Contains("✓ Braket in us-west-1: the credentials are accepted", lines);
        Assert.Contains("✓ Braket in us-east-1: the credentials are accepted", lines);
        foreach (var action in new[] { "SearchQuantumTasks", "GetQuantumTask", "CancelQuantumTask", "SearchDevices", "SearchSpendingLimits" })
            Assert.Contains($"✓ braket:{action}: allowed in us-west-1, us-east-1", lines);
        Assert.Contains("✓ Slack bot token: valid: workspace Braket Lab (https://braket-lab.slack.com/), bot user @braketbot", lines);
        Assert.Contains("✓ Slack alert channel: #braket-alerts (C0ALERTS), the bot is a member", lines);
        Assert.Contains("✓ Slack app token: valid: Socket Mode can connect", lines);
        Assert.Contains(lines, l => l.StartsWith("✓ Storage (job-storage):", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("All 14 checks passed", StringComparison.Ordinal));

        // Harmless: the real task is untouched, the cancel went to a task that cannot exist, nothing was posted.
        Assert.Equal(QuantumTaskStatus.Queued, cli.Braket.Task(queued.QuantumTaskArn).Status);
        Assert.All(cli.Braket.RequestsOf(BraketOperations.CancelQuantumTask), r => Assert.DoesNotContain(queued.QuantumTaskArn.Split('/')[^1], r.Path));
        Assert.Equal(["apps.connections.open", "auth.test", "conversations.info"], cli.Slack.Received.Select(r => r.Kind).Order());
        Assert.Empty(cli.Slack.Unexpected);
        Assert.Empty(cli.Braket.Unexpected);
    }

    [Fact]
    public async Task Without_credentials_it_fails_and_says_where_the_chain_looks()
    {
        cli.Credentials = null;

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        Assert.Contains("✗ AWS credentials: none found in the AWS SDK's default chain", output);
        Assert.Contains("fix: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", output);
        Assert.Contains("– Braket permissions: not checked without credentials", output);
        Assert.Empty(cli.Braket.Requests);
    }

    [Fact]
    public async Task A_wrong_secret_key_fails_in_every_region_as_refused_credentials_not_as_a_permission()
    {
        cli.Braket.RefuseSignatures();

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        var lines = Lines(output);
        Assert.Contains("✓ AWS credentials: found: environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)", lines);
        foreach (var region in new[] { "us-west-1", "us-east-1" })
            Assert.Contains(lines, l => l.StartsWith($"✗ Braket in {region}: AWS refused the credentials: The request signature we calculated does not match", StringComparison.Ordinal));
        Assert.Contains("fix: check that AWS_SECRET_ACCESS_KEY belongs to AWS_ACCESS_KEY_ID", output);
        Assert.Contains("– Braket permissions: not checked until Braket accepts the credentials in every region", lines);
        Assert.DoesNotContain("braket:CancelQuantumTask", output);
    }

    [Fact]
    public async Task An_action_the_policy_lacks_is_named_with_the_policy_that_allows_it()
    {
        cli.Braket.Deny(BraketOperations.CancelQuantumTask);

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        var lines = Lines(output);
        Assert.Contains("✗ braket:CancelQuantumTask: denied in us-west-1, us-east-1", lines);
        Assert.Contains(lines, l => l.Contains("fix: attach deploy/iam-policy.json to BraketBot's IAM user or role", StringComparison.Ordinal));
        Assert.Contains("✓ braket:GetQuantumTask: allowed in us-west-1, us-east-1", lines);
        Assert.Contains("✓ braket:SearchQuantumTasks: allowed in us-west-1, us-east-1", lines);
        Assert.Contains(lines, l => l.StartsWith("1 of 14 checks failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bot_that_is_not_in_the_alert_channel_is_told_to_invite_itself()
    {
        cli.Slack.Channels["C0ALERTS"] = ("braket-alerts", false);

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        Assert.Contains("✗ Slack alert channel: the bot is not a member of #braket-alerts (C0ALERTS), so its alerts are refused", output);
        Assert.Contains("fix: invite the bot: /invite @braketbot in #braket-alerts", output);
    }

    [Fact]
    public async Task A_channel_that_answers_not_in_channel_is_told_the_same_way()
    {
        cli.Slack.Refuse("conversations.info", "not_in_channel");

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        Assert.Contains("✗ Slack alert channel: the bot is not a member of C0ALERTS", output);
        Assert.Contains("fix: invite the bot: /invite @braketbot in that channel", output);
    }

    [Fact]
    public async Task A_channel_id_slack_does_not_know_is_told_where_to_find_the_id()
    {
        cli.Settings["Slack:AlertChannel"] = "#braket-alerts";

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        Assert.Contains("✗ Slack alert channel: no channel #braket-alerts that the bot can see", output);
        Assert.Contains("the channel's id (C…", output);
    }

    [Fact]
    public async Task An_invalid_bot_token_fails_with_slacks_invalid_auth_and_the_channel_is_not_checked()
    {
        cli.Settings["Slack:BotToken"] = "xoxb-revoked-token";

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        Assert.Contains("✗ Slack bot token: Slack refused it (invalid_auth)", output);
        Assert.Contains("fix: copy the Bot User OAuth Token (xoxb-…)", output);
        Assert.Contains("– Slack alert channel: not checked without a valid bot token", output);
        Assert.DoesNotContain(cli.Slack.Received, r => r.Kind == "conversations.info");
    }

    [Fact]
    public async Task An_invalid_app_token_fails_without_opening_a_connection()
    {
        cli.Settings["Slack:AppToken"] = "xapp-1-expired";

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        Assert.Contains("✗ Slack app token: Slack refused it (invalid_auth)", output);
        Assert.Contains("connections:write", output);
    }

    [Fact]
    public async Task Without_an_app_token_socket_mode_is_said_to_be_off_and_nothing_fails()
    {
        cli.Settings.Remove("Slack:AppToken");

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(0, exit);
        Assert.Contains("– Slack app token: Slack:AppToken is not set: Socket Mode is off", output);
        Assert.DoesNotContain(cli.Slack.Received, r => r.Kind == "apps.connections.open");
    }

    [Fact]
    public async Task An_unreachable_database_fails_the_storage_check_naming_host_and_key()
    {
        cli.Settings["Storage:Provider"] = "PostgreSql";
        cli.Settings["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=braketbot;Timeout=3";

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        Assert.Contains("✗ Storage (postgres): PostgreSQL unreachable: ConnectionStrings:Postgres: cannot reach PostgreSQL at 127.0.0.1:1", output);
        Assert.Contains("fix: check Storage:Provider and ConnectionStrings:Postgres", output);
    }

    [PostgresFact]
    public async Task A_reachable_database_passes_the_storage_checks()
    {
        await using var database = await TestDatabase.CreateAsync();
        cli.Settings["Storage:Provider"] = "PostgreSql";
        cli.Settings["ConnectionStrings:Postgres"] = database.ConnectionString;

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(0, exit);
        Assert.Contains("✓ Storage (postgres): PostgreSQL answers.", output);
    }

    [Fact]
    public async Task A_value_the_host_would_refuse_at_start_fails_the_configuration_check_in_the_same_words()
    {
        cli.Settings["Caps:WarnAt"] = "2";
        cli.Settings["Caps:TimeZone"] = "Mars/Olympus";

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        Assert.Contains("✗ Configuration: Caps:WarnAt must be a fraction above 0 and at most 1 (is 2).", output);
        Assert.Contains("✗ Configuration: Caps:TimeZone 'Mars/Olympus' is not a known IANA time zone", output);
    }

    [Fact]
    public async Task A_missing_secret_fails_the_settings_check_with_its_environment_variable()
    {
        cli.Settings.Remove("Slack:SigningSecret");

        var (exit, output) = await cli.RunAsync("doctor");

        Assert.Equal(1, exit);
        Assert.Contains("✗ Settings: Slack:SigningSecret is not set: every Slack request is refused (401)", output);
        Assert.Contains("fix: set Slack:SigningSecret (environment variable Slack__SigningSecret)", output);
    }

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
        Assert.Equal(13, checks.Count(c => c.GetProperty("status").GetString() == "pass"));
    }
}
