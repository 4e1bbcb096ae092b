using System.Text.Json;
using System.Text.RegularExpressions;
using BraketBot.Cli;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Cli;

/// <summary>The reports and actions of /braket from a terminal: the same handlers, rendered as tables or JSON, with exit codes.</summary>
public sealed class TerminalCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2022, 4, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly CliHost cli = new();

    public TerminalCommandsTests() => cli.Braket.Devices.AddRange(Tasks.AllDevices);

    public void Dispose() => cli.Dispose();

    /// <summary>A table's cells with their borders and padding folded to one space: "QUEUED 3 6,000".</summary>
    private static string Cells(string output) => Regex.Replace(Regex.Replace(output, "[│┃|]", " "), " +", " ");

    private void SeedAspensDay()
    {
        var at = Day.AddHours(9);
        cli.Braket.Add(
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 1000, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 2000, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 3000, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Running, 100, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 400, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 600, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Failed, 10, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Cancelling, 20, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Cancelled, 30, at),
            // Decoys: another day, another device.
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 77_777, Day.AddDays(-1)),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 88_888, at));
    }

    [Fact]
    public async Task Info_prints_the_days_table_of_the_device_with_the_numbers_of_the_slack_report()
    {
        SeedAspensDay();

        var (exit, output) = await cli.RunAsync("info", "2022-04-10", "Aspen-M-1");

        Assert.Equal(0, exit);
        Assert.Contains("Aspen-M-1 on 2022-04-10", output);
        Assert.Contains("Aspen-M-1 · Rigetti · us-west-1", output);
        var cells = Cells(output);
        foreach (var row in new[]
                 {
                     " Status Tasks Shots ", " CREATED 1 50 ", " QUEUED 3 6,000 ", " RUNNING 1 100 ", " COMPLETED 2 1,000 ",
                     " FAILED 1 10 ", " CANCELLING 1 20 ", " CANCELLED 1 30 ", " Total 10 7,210 ",
                 })
            Assert.Contains(row, cells);
        Assert.Contains("Estimated cost: $1.29 spent or running, $3.32 still queued ($0.30 a task + $0.0004 a shot).", output);
        Assert.Contains("Day in UTC · regions us-west-1 · prices as of", output);
        Assert.DoesNotContain("77,777", output);
        Assert.DoesNotContain("88,888", output);
        Assert.DoesNotContain("*", output); // Slack's mrkdwn does not reach the terminal
        Assert.Single(cli.Braket.RequestsOf(BraketOperations.SearchQuantumTasks)); // the one scan of the slash command
    }

    [Fact]
    public async Task Info_json_gives_the_same_numbers_for_scripts()
    {
        SeedAspensDay();

        var (exit, output) = await cli.RunAsync("info", "2022-04-10", "Aspen-M-1", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal("2022-04-10", root.GetProperty("day").GetString());
        var device = root.GetProperty("devices").EnumerateArray().Single();
        Assert.Equal("Aspen-M-1", device.GetProperty("device").GetString());
        Assert.Equal(3, device.GetProperty("statuses").GetProperty("QUEUED").GetProperty("tasks").GetInt32());
        Assert.Equal(6000, device.GetProperty("statuses").GetProperty("QUEUED").GetProperty("shots").GetInt64());
        Assert.Equal(7210, device.GetProperty("total").GetProperty("shots").GetInt64());
        Assert.Equal(1.285m, device.GetProperty("spentCost").GetDecimal());
        Assert.Equal(3.3175m, device.GetProperty("queuedCost").GetDecimal());
    }

    [Fact]
    public async Task Info_without_a_device_shows_every_device_of_today_costliest_first()
    {
        cli.Braket.Add(
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, Day.AddHours(3)),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 500, Day.AddHours(3)));

        var (exit, output) = await cli.RunAsync("info");

        Assert.Equal(0, exit);
        Assert.Contains("Braket usage on 2022-04-10", output);
        Assert.True(output.IndexOf("Forte-1 · IonQ", StringComparison.Ordinal) < output.IndexOf("Ankaa-3 · Rigetti", StringComparison.Ordinal), "costliest first");
    }

    [Fact]
    public async Task Info_with_a_bad_date_is_refused_in_the_parsers_words_and_calls_nothing()
    {
        var (exit, output) = await cli.RunAsync("info", "2022-13-45", "Aspen-M-1");

        Assert.Equal(1, exit);
        Assert.Contains("✗ 2022-13-45 is not a date. Use YYYY-MM-DD", output);
        Assert.Empty(cli.Braket.Requests);
    }

    [Fact]
    public async Task Info_with_a_misspelt_device_suggests_the_nearest_names()
    {
        var (exit, output) = await cli.RunAsync("info", "today", "Ankaa3");

        Assert.Equal(1, exit);
        Assert.Contains("No device is called Ankaa3. Did you mean Ankaa-3?", output);
    }

    [Fact]
    public async Task Caps_shows_each_cap_with_its_bar()
    {
        cli.Settings["Caps:MaxCostPerDay"] = "100";
        cli.Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "2000";
        cli.Braket.Add(
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1700, Day.AddHours(9)),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 100, Day.AddHours(9)));

        var (exit, output) = await cli.RunAsync("caps");

        Assert.Equal(0, exit);
        Assert.Contains("Daily caps on 2022-04-10 (UTC)", output);
        var cells = Cells(output);
        Assert.Contains(" Cost, all devices ▓░░░░░░░░░ 10% $10.13 $100.00 ", cells);
        Assert.Contains(" Shots, Ankaa-3 ▓▓▓▓▓▓▓▓▓░ 85% 1,700 2,000 ", cells);
        Assert.Contains("Counts CREATED, QUEUED, RUNNING and COMPLETED tasks", output);
    }

    [Fact]
    public async Task Caps_json_gives_each_standing()
    {
        cli.Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "2000";
        cli.Braket.Add(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1700, Day.AddHours(9)));

        var (_, output) = await cli.RunAsync("caps", "--json");

        using var json = JsonDocument.Parse(output);
        var cap = json.RootElement.GetProperty("caps").EnumerateArray().Single();
        Assert.Equal("Ankaa-3", cap.GetProperty("scope").GetString());
        Assert.Equal("shots", cap.GetProperty("metric").GetString());
        Assert.Equal(1700, cap.GetProperty("used").GetInt64());
        Assert.Equal("warning", cap.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Limits_lists_brakets_own_spending_limits_in_a_table()
    {
        cli.Braket.SpendingLimits.Add(new
        {
            spendingLimitArn = "arn:aws:braket:us-west-1:111122223333:spending-limit/abc",
            deviceArn = Tasks.AnkaaArn,
            timePeriod = new { startAt = 1648771200, endAt = 1651363200 },
            spendingLimit = "500.00", queuedSpend = "12.50", totalSpend = "130.25",
            createdAt = "2022-04-01T00:00:00Z", updatedAt = "2022-04-02T00:00:00Z",
        });

        var (exit, output) = await cli.RunAsync("limits");

        Assert.Equal(0, exit);
        Assert.Contains(" Ankaa-3 $500.00 $12.50 $130.25 2022-04-01..2022-05-01 ", Cells(output));
    }

    [Fact]
    public async Task Cancel_cancels_a_queued_task_without_any_slack_admin_check()
    {
        cli.Settings["Slack:Admins:0"] = "U0ADMIN";
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Day.AddHours(1));
        cli.Braket.Add(task);

        var (exit, output) = await cli.RunAsync("cancel", task.QuantumTaskArn);

        Assert.Equal(0, exit);
        Assert.Contains($"✓ Cancelled task {QuantumTaskId(task)} (us-west-1) (Aspen-M-1, 100 shots) at 2022-04-10 12:", output);
        Assert.Equal(QuantumTaskStatus.Cancelling, cli.Braket.Task(task.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task Cancel_of_a_completed_task_fails_naming_its_state()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 100, Day.AddHours(1));
        cli.Braket.Add(task);

        var (exit, output) = await cli.RunAsync("cancel", task.QuantumTaskArn, "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains("is COMPLETED; only QUEUED or CREATED tasks can be cancelled", json.RootElement.GetProperty("error").GetString());
        Assert.Empty(cli.Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    private (QuantumTaskSummary[] Mine, QuantumTaskSummary[] Others) SeedQueuedTasks()
    {
        var at = Day.AddHours(9);
        QuantumTaskSummary[] mine =
        [
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 1000, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 2000, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, at),
        ];
        QuantumTaskSummary[] others =
        [
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Running, 100, at),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 500, Day.AddDays(-1).AddHours(9)),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 700, at),
        ];
        cli.Braket.Add([.. mine, .. others]);
        return (mine, others);
    }

    [Fact]
    public async Task Cancel_queued_refuses_without_yes_when_no_one_can_confirm_and_cancels_nothing()
    {
        SeedQueuedTasks();

        var (exit, output) = await cli.RunAsync("cancel-queued", "Aspen-M-1", "2022-04-10");

        Assert.Equal(1, exit);
        Assert.Contains("3 queued tasks of Aspen-M-1 on 2022-04-10: 3,050 shots", output);
        Assert.Contains("Nothing was cancelled: no one can confirm here", output);
        Assert.Contains("add --yes", output);
        Assert.Empty(cli.Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    [Fact]
    public async Task Cancel_queued_with_yes_cancels_exactly_the_queued_tasks_of_that_device_and_day()
    {
        var (mine, others) = SeedQueuedTasks();

        var (exit, output) = await cli.RunAsync("cancel-queued", "aspen-m-1", "2022-04-10", "--yes");

        Assert.Equal(0, exit);
        Assert.Contains("✓ Cancelled 3 of 3 queued tasks of Aspen-M-1 on 2022-04-10: 3,050 shots", output);
        var cancelled = cli.Braket.RequestsOf(BraketOperations.CancelQuantumTask)
            .Select(r => Uri.UnescapeDataString(r.Path["/quantum-task/".Length..]).Replace("/cancel", "", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(mine.Select(t => t.QuantumTaskArn).Order(), cancelled);
        Assert.All(mine, t => Assert.Equal(QuantumTaskStatus.Cancelling, cli.Braket.Task(t.QuantumTaskArn).Status));
        Assert.All(others, t => Assert.Equal(t.Status, cli.Braket.Task(t.QuantumTaskArn).Status));
        Assert.Empty(cli.Slack.Received); // no Slack message: the run reports here
    }

    [Fact]
    public async Task Cancel_queued_asks_at_a_terminal_and_a_yes_cancels()
    {
        var (mine, _) = SeedQueuedTasks();
        cli.Answer = "y";

        var (exit, output) = await cli.RunAsync("cancel-queued", "Aspen-M-1", "2022-04-10");

        Assert.Equal(0, exit);
        Assert.Contains("Cancel them?", output);
        Assert.All(mine, t => Assert.Equal(QuantumTaskStatus.Cancelling, cli.Braket.Task(t.QuantumTaskArn).Status));
    }

    [Fact]
    public async Task Cancel_queued_asks_at_a_terminal_and_a_no_keeps_them()
    {
        SeedQueuedTasks();
        cli.Answer = "n";

        var (exit, output) = await cli.RunAsync("cancel-queued", "Aspen-M-1", "2022-04-10");

        Assert.Equal(1, exit);
        Assert.Contains("Nothing was cancelled.", output);
        Assert.Empty(cli.Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    [Fact]
    public async Task Cancel_queued_json_reports_each_task()
    {
        var (mine, _) = SeedQueuedTasks();

        var (exit, output) = await cli.RunAsync("cancel-queued", "Aspen-M-1", "2022-04-10", "--yes", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("cancelled").GetInt32());
        Assert.Equal(
            mine.Select(t => t.QuantumTaskArn).Order(),
            json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("task").GetString()!).Order());
        Assert.All(json.RootElement.GetProperty("results").EnumerateArray(), r => Assert.Equal("Cancelled", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Cancel_queued_of_a_day_without_queued_tasks_cancels_nothing_and_succeeds()
    {
        var (exit, output) = await cli.RunAsync("cancel-queued", "Aspen-M-1", "yesterday");

        Assert.Equal(0, exit);
        Assert.Contains("No QUEUED or CREATED tasks of Aspen-M-1 on 2022-04-09: nothing to cancel.", output);
    }

    [Fact]
    public async Task A_configuration_the_host_would_refuse_stops_a_command_in_the_hosts_words()
    {
        cli.Settings["Caps:WarnAt"] = "2";

        var (exit, output) = await cli.RunAsync("caps");

        Assert.Equal(1, exit);
        Assert.Contains("BraketBot cannot run: Caps:WarnAt must be a fraction above 0 and at most 1 (is 2).", output);
        Assert.Empty(cli.Braket.Requests);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var (exit, output) = await cli.RunAsync("help");

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "doctor", "info", "caps", "limits", "cancel", "cancel-queued" }) Assert.Contains(verb, output);
    }

    [Theory]
    [InlineData(new[] { "doctor" }, true)]
    [InlineData(new[] { "cancel-queued", "Aspen-M-1" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:8080" }, false)]
    [InlineData(new[] { "Doctor" }, false)]
    public void Only_a_verb_first_runs_a_command_anything_else_serves(string[] args, bool isVerb) =>
        Assert.Equal(isVerb, CliApp.IsVerb(args));

    private static string QuantumTaskId(QuantumTaskSummary task) => task.QuantumTaskArn.Split('/')[^1];
}
