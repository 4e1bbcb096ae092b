using System.Text.Json;
using System.Text.RegularExpressions;
using BraketBot.Cli;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Cli;

/// <summary>The reports and actions of /braket from a terminal: the same handlers, rendered as tables or JSON, with exit codes.</summary>
public sealed class TerminalCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Morning = BotFactory.Today.AddHours(-3);
    private readonly CliHost cli = new();

    public TerminalCommandsTests() => cli.Braket.Devices.AddRange(Tasks.AllDevices);

    public void Dispose() => cli.Dispose();

    private async Task<string> SucceedsAsync(params string[] args)
    {
        var (exit, output) = await cli.RunAsync(args);
        Assert.True(exit == 0, $"exit code {exit}:\n{output}");
        return output;
    }

    private async Task<string> FailsAsync(params string[] args)
    {
        var (exit, output) = await cli.RunAsync(args);
        Assert.True(exit == 1, $"exit code {exit}:\n{output}");
        return output;
    }

    /// <summary>The command with --json: it succeeds, says ok, and the JSON is returned.</summary>
    private async Task<JsonElement> JsonAsync(params string[] args)
    {
        using var json = JsonDocument.Parse(await SucceedsAsync([.. args, "--json"]));
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        return json.RootElement.Clone();
    }

    /// <summary>A table's cells with their borders and padding folded to one space: " QUEUED 3 6,000 ".</summary>
    private static string Cells(string output) => Regex.Replace(Regex.Replace(output, "[│┃|]", " "), " +", " ");

    private static string[] CancelledArns(FakeBraket braket) =>
        braket
            .RequestsOf(BraketOperations.CancelQuantumTask)
            .Select(r => Uri.UnescapeDataString(r.Path["/quantum-task/".Length..]).Replace("/cancel", "", StringComparison.Ordinal))
            .Order()
            .ToArray();

    [Fact]
    public async Task Info_prints_the_days_table_of_the_device_with_the_numbers_of_the_slack_report()
    {
        cli.Braket.Add(Tasks.AspensDay(BotFactory.Today.Date));

        var output = await SucceedsAsync("info", "2022-04-10", "Aspen-M-1");

        Assert.Contains("Aspen-M-1 on 2022-04-10", output);
        Assert.Contains("Aspen-M-1 · Rigetti · us-west-1", output);
        Assert.All(
            [
                " Status Tasks Shots ",
                " CREATED 1 50 ",
                " QUEUED 3 6,000 ",
                " RUNNING 1 100 ",
                " COMPLETED 2 1,000 ",
                " FAILED 1 10 ",
                " CANCELLING 1 20 ",
                " CANCELLED 1 30 ",
                " Total 10 7,210 ",
            ],
            row => Assert.Contains(row, Cells(output))
        );
        Assert.Contains("Estimated cost: $1.29 spent or running, $3.32 still queued ($0.30 a task + $0.00035 a shot).", output);
        Assert.Contains($"Day in UTC · regions us-west-1 · prices: built-in table of {BuiltInPrices.Date}, estimates only", output);
        Assert.DoesNotMatch("77,777|88,888|\\*", output); // no decoy, and no mrkdwn left for Slack
        Assert.Single(cli.Braket.RequestsOf(BraketOperations.SearchQuantumTasks)); // the one scan of the slash command
    }

    [Fact]
    public async Task Info_json_gives_the_same_numbers_for_scripts()
    {
        cli.Braket.Add(Tasks.AspensDay(BotFactory.Today.Date));

        var json = await JsonAsync("info", "2022-04-10", "Aspen-M-1");

        Assert.Equal("2022-04-10", json.GetProperty("day").GetString());
        var device = json.GetProperty("devices").EnumerateArray().Single();
        Assert.Equal("Aspen-M-1", device.GetProperty("device").GetString());
        var queued = device.GetProperty("statuses").GetProperty("QUEUED");
        Assert.Equal((3, 6000L), (queued.GetProperty("tasks").GetInt32(), queued.GetProperty("shots").GetInt64()));
        Assert.Equal(7210, device.GetProperty("total").GetProperty("shots").GetInt64());
        Assert.Equal((1.285m, 3.3175m), (device.GetProperty("spentCost").GetDecimal(), device.GetProperty("queuedCost").GetDecimal()));
    }

    [Fact]
    public async Task Info_without_a_device_shows_every_device_of_today_costliest_first()
    {
        cli.Braket.Add(
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, Morning),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 500, Morning)
        );

        var output = await SucceedsAsync("info");

        Assert.Contains("Braket usage on 2022-04-10", output);
        Assert.True(
            output.IndexOf("Forte-1 · IonQ", StringComparison.Ordinal) < output.IndexOf("Ankaa-3 · Rigetti", StringComparison.Ordinal),
            "costliest first"
        );
    }

    [Fact]
    public async Task Info_with_a_bad_date_is_refused_in_the_parsers_words_and_calls_nothing()
    {
        Assert.Contains("✗ 2022-13-45 is not a date. Use YYYY-MM-DD", await FailsAsync("info", "2022-13-45", "Aspen-M-1"));
        Assert.Empty(cli.Braket.Requests);
    }

    [Fact]
    public async Task Info_takes_a_display_name_the_shell_kept_whole_and_prices_as_the_built_in_table()
    {
        cli.Braket.Devices.Remove(Tasks.Forte);
        cli.Braket.Devices.Add(Tasks.Forte with { DeviceName = "Forte 1" }); // as SearchDevices names it
        cli.Braket.Add(Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 1000, Morning));

        var output = await SucceedsAsync("info", "today", "Forte 1");

        Assert.Contains("Forte 1 on 2022-04-10", output);
        Assert.Contains("$80.30 spent or running", output);
        Assert.Contains("($0.30 a task + $0.08 a shot)", output);
        var device = (await JsonAsync("info", "today", "forte 1")).GetProperty("devices")[0];
        Assert.Equal("builtInTable", device.GetProperty("priceOrigin").GetString());
        Assert.False(device.GetProperty("retired").GetBoolean());
    }

    [Fact]
    public async Task Info_with_a_misspelt_device_suggests_the_nearest_names_and_scans_nothing()
    {
        var output = await FailsAsync("info", "today", "Ankaa3");

        Assert.Contains("No device is called Ankaa3. Did you mean Ankaa-3?", output);
        Assert.Empty(cli.Braket.RequestsOf(BraketOperations.SearchQuantumTasks));
    }

    [Fact]
    public async Task Caps_shows_each_cap_with_its_bar()
    {
        cli.Settings["Caps:MaxCostPerDay"] = "100";
        cli.Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "2000";
        cli.Braket.Add(
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1700, Morning),
            Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Completed, 100, Morning)
        );

        var output = await SucceedsAsync("caps");

        Assert.Contains("Daily caps on 2022-04-10 (UTC)", output);
        Assert.Contains(" Cost, all devices ▓░░░░░░░░░ 10% $10.13 $100.00 ", Cells(output));
        Assert.Contains(" Shots, Ankaa-3 ▓▓▓▓▓▓▓▓▓░ 85% 1,700 2,000 ", Cells(output));
        Assert.Contains("Counts CREATED, QUEUED, RUNNING and COMPLETED tasks", output);
    }

    [Fact]
    public async Task Caps_json_gives_each_standing()
    {
        cli.Settings["Caps:Devices:Ankaa-3:MaxShotsPerDay"] = "2000";
        cli.Braket.Add(Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 1700, Morning));

        var cap = (await JsonAsync("caps")).GetProperty("caps").EnumerateArray().Single();

        Assert.Equal(("Ankaa-3", "shots"), (cap.GetProperty("scope").GetString(), cap.GetProperty("metric").GetString()));
        Assert.Equal(1700, cap.GetProperty("used").GetInt64());
        Assert.Equal("warning", cap.GetProperty("level").GetString());
    }

    [Fact]
    public async Task Budgets_shows_each_teams_usage_with_its_bars_and_the_untagged_rest_also_as_json()
    {
        cli.Settings["Budgets:alpha:Tag"] = "team=alpha";
        cli.Settings["Budgets:alpha:MaxShotsPerDay"] = "10000";
        cli.Settings["Budgets:alpha:Channel"] = "C0ALPHA";
        var alpha = Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Completed, 2000, Morning) with
        {
            Tags = new Dictionary<string, string> { ["team"] = "alpha" },
        };
        cli.Braket.Add(alpha, Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 500, Morning));

        var output = await SucceedsAsync("budgets");
        var json = await JsonAsync("budgets");

        Assert.Contains("Team budgets on 2022-04-10 (UTC)", output);
        Assert.Contains("alpha · tag team=alpha · alerts in C0ALPHA", output);
        Assert.Contains("Shots, budget alpha (team=alpha): ▓▓░░░░░░░░ 20% 2,000 of 10,000", output);
        Assert.Contains("Untagged and other tasks (in no budget)", output);
        Assert.Contains("Today 500 shots", output);
        var budget = json.GetProperty("budgets").EnumerateArray().Single();
        Assert.Equal(
            ("alpha", "team=alpha", 2000L),
            (
                budget.GetProperty("name").GetString(),
                budget.GetProperty("tag").GetString(),
                budget.GetProperty("usage").GetProperty("dayShots").GetInt64()
            )
        );
        Assert.Equal(500, json.GetProperty("untagged").GetProperty("monthShots").GetInt64());
    }

    [Fact]
    public async Task Info_splits_a_devices_day_by_budget_also_as_json_and_only_when_budgets_are_configured()
    {
        var alpha = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 2000, Morning) with
        {
            Tags = new Dictionary<string, string> { ["team"] = "alpha" },
        };
        cli.Braket.Add(alpha, Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 500, Morning));
        var without = await JsonAsync("info", "2022-04-10", "Aspen-M-1");
        cli.Settings["Budgets:alpha:Tag"] = "team=alpha";
        cli.Settings["Budgets:alpha:MaxShotsPerDay"] = "10000";

        var output = await SucceedsAsync("info", "2022-04-10", "Aspen-M-1");
        var json = await JsonAsync("info", "2022-04-10", "Aspen-M-1");

        Assert.Equal(JsonValueKind.Null, without.GetProperty("devices")[0].GetProperty("byBudget").ValueKind);
        Assert.Contains("By budget (as caps count): alpha 2,000 shots, $1.00 · untagged 500 shots, $0.48", output);
        var split = json.GetProperty("devices")[0]
            .GetProperty("byBudget")
            .EnumerateArray()
            .Select(s => (s.GetProperty("budget").GetString(), s.GetProperty("shots").GetInt64(), s.GetProperty("cost").GetDecimal()));
        Assert.Equal([("alpha", 2000L, 1.00m), (null, 500L, 0.475m)], split);
    }

    [Fact]
    public async Task Limits_lists_brakets_own_spending_limits_in_a_table()
    {
        cli.Braket.AddSpendingLimit(
            Tasks.AnkaaArn,
            500m,
            DateTimeOffset.FromUnixTimeSeconds(1648771200),
            DateTimeOffset.FromUnixTimeSeconds(1651363200),
            queued: 12.50m,
            total: 130.25m
        );

        Assert.Contains(" Ankaa-3 $500.00 $12.50 $130.25 2022-04-01..2022-04-30 ", Cells(await SucceedsAsync("limits")));
    }

    [Fact]
    public async Task Cancel_cancels_a_queued_task_without_any_slack_admin_check()
    {
        cli.Settings["Slack:Admins:0"] = "U0ADMIN";
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 100, Morning);
        cli.Braket.Add(task);

        var output = await SucceedsAsync("cancel", task.QuantumTaskArn);

        Assert.Contains(
            $"✓ Cancelled task {task.QuantumTaskArn.Split('/')[^1]} (us-west-1) (Aspen-M-1, 100 shots) at 2022-04-10 12:",
            output
        );
        Assert.Equal(QuantumTaskStatus.Cancelling, cli.Braket.Task(task.QuantumTaskArn).Status);
    }

    [Fact]
    public async Task Cancel_of_a_completed_task_fails_naming_its_state_in_json_too()
    {
        var task = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Completed, 100, Morning);
        cli.Braket.Add(task);

        using var json = JsonDocument.Parse(await FailsAsync("cancel", task.QuantumTaskArn, "--json"));

        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains("is COMPLETED; only QUEUED or CREATED tasks can be cancelled", json.RootElement.GetProperty("error").GetString());
        Assert.Empty(cli.Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    /// <summary>Aspen-M-1's three cancellable tasks of the day; returns them and the tasks that must stay as they are.</summary>
    private (QuantumTaskSummary[] Mine, QuantumTaskSummary[] Others) SeedQueuedTasks()
    {
        QuantumTaskSummary[] mine =
        [
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 1000, Morning),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 2000, Morning),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Created, 50, Morning),
        ];
        // Not cancellable, another day, another device.
        QuantumTaskSummary[] others =
        [
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Running, 100, Morning),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 500, Morning.AddDays(-1)),
            Tasks.Task(Tasks.AnkaaArn, QuantumTaskStatus.Queued, 700, Morning),
        ];
        cli.Braket.Add([.. mine, .. others]);
        return (mine, others);
    }

    [Fact]
    public async Task Cancel_queued_refuses_without_yes_when_no_one_can_confirm_and_cancels_nothing()
    {
        SeedQueuedTasks();

        var output = await FailsAsync("cancel-queued", "Aspen-M-1", "2022-04-10");

        Assert.Contains("3 queued tasks of Aspen-M-1 on 2022-04-10: 3,050 shots", output);
        Assert.Contains(
            "Nothing was cancelled: no one can confirm here (the input is not a terminal, or --json); add --yes to cancel them.",
            output
        );
        Assert.Empty(cli.Braket.RequestsOf(BraketOperations.CancelQuantumTask));
    }

    [Fact]
    public async Task Cancel_queued_with_yes_cancels_exactly_the_queued_tasks_of_that_device_and_day()
    {
        var (mine, others) = SeedQueuedTasks();

        var output = await SucceedsAsync("cancel-queued", "aspen-m-1", "2022-04-10", "--yes");

        Assert.Contains("✓ Cancelled 3 of 3 queued tasks of Aspen-M-1 on 2022-04-10: 3,050 shots", output);
        Assert.Equal(mine.Select(t => t.QuantumTaskArn).Order(), CancelledArns(cli.Braket));
        Assert.All(mine, t => Assert.Equal(QuantumTaskStatus.Cancelling, cli.Braket.Task(t.QuantumTaskArn).Status));
        Assert.All(others, t => Assert.Equal(t.Status, cli.Braket.Task(t.QuantumTaskArn).Status));
        Assert.Empty(cli.Slack.Received); // no Slack message: the run reports here
    }

    [Theory]
    [InlineData("y", 0, 3)]
    [InlineData("n", 1, 0)]
    public async Task Cancel_queued_asks_at_a_terminal_and_cancels_only_on_yes(string answer, int exit, int cancelled)
    {
        SeedQueuedTasks();
        cli.Answer = answer;

        var result = await cli.RunAsync("cancel-queued", "Aspen-M-1", "2022-04-10");

        Assert.Equal(exit, result.Exit);
        Assert.Contains("Cancel them?", result.Output);
        Assert.Equal(cancelled, CancelledArns(cli.Braket).Length);
    }

    [Fact]
    public async Task Cancel_queued_on_a_live_terminal_shows_a_progress_bar_to_the_end()
    {
        SeedQueuedTasks();
        cli.Live = true;

        var output = await SucceedsAsync("cancel-queued", "Aspen-M-1", "2022-04-10", "--yes");

        Assert.Contains("Cancelling", output);
        Assert.Contains("100%", output);
        Assert.Equal(3, CancelledArns(cli.Braket).Length);
    }

    [Fact]
    public async Task Cancel_queued_json_reports_each_task()
    {
        var (mine, _) = SeedQueuedTasks();

        var json = await JsonAsync("cancel-queued", "Aspen-M-1", "2022-04-10", "--yes");

        Assert.Equal(3, json.GetProperty("cancelled").GetInt32());
        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(mine.Select(t => t.QuantumTaskArn).Order(), results.Select(r => r.GetProperty("task").GetString()!).Order());
        Assert.All(results, r => Assert.Equal("Cancelled", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Cancel_queued_of_a_day_without_queued_tasks_cancels_nothing_and_succeeds() =>
        Assert.Contains(
            "No QUEUED or CREATED tasks of Aspen-M-1 on 2022-04-09: nothing to cancel.",
            await SucceedsAsync("cancel-queued", "Aspen-M-1", "yesterday")
        );

    [Fact]
    public async Task A_configuration_the_host_would_refuse_stops_a_command_in_the_hosts_words()
    {
        cli.Settings["Caps:WarnAt"] = "2";

        Assert.Contains("BraketBot cannot run: Caps:WarnAt must be a fraction above 0 and at most 1 (is 2).", await FailsAsync("caps"));
        Assert.Empty(cli.Braket.Requests);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_stops_a_command_as_it_stops_the_host()
    {
        SeedQueuedTasks();
        cli.Settings.OnPostgres("Host=127.0.0.1;Port=1;Username=postgres;Database=braketbot;Timeout=3");

        var output = await FailsAsync("cancel-queued", "Aspen-M-1", "--yes");

        Assert.Contains("BraketBot cannot run: ConnectionStrings:Postgres: cannot reach PostgreSQL at 127.0.0.1:1", output);
        Assert.Empty(cli.Braket.Requests);
    }

    [PostgresFact]
    public async Task Cancel_queued_on_postgres_is_a_stored_run_that_ends_finished_and_gives_its_scope_back()
    {
        await using var database = await TestDatabase.CreateAsync();
        cli.Settings.OnPostgres(database.ConnectionString);
        var (mine, _) = SeedQueuedTasks();

        await SucceedsAsync("cancel-queued", "Aspen-M-1", "2022-04-10", "--yes");

        Assert.Equal(mine.Select(t => t.QuantumTaskArn).Order(), CancelledArns(cli.Braket));
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var runs = new Npgsql.NpgsqlCommand(
            "SELECT (SELECT count(*) FROM braketbot.enforcement_runs WHERE finished), (SELECT count(*) FROM braketbot.enforcement_runs), "
                + "(SELECT count(*) FROM braketbot.claims WHERE key LIKE 'cancel-all:%')",
            connection
        );
        await using var counts = await runs.ExecuteReaderAsync();
        await counts.ReadAsync();
        Assert.Equal((1L, 1L, 0L), (counts.GetInt64(0), counts.GetInt64(1), counts.GetInt64(2)));
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var output = await SucceedsAsync("help");

        Assert.All(["doctor", "info", "caps", "limits", "cancel <TASK-ARN>", "cancel-queued <DEVICE>"], verb =>
            Assert.Contains(verb, output)
        );
    }

    [Theory]
    [InlineData(new[] { "doctor" }, true)]
    [InlineData(new[] { "cancel-queued", "Aspen-M-1" }, true)]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:8080" }, false)]
    [InlineData(new[] { "Doctor" }, false)]
    public void Only_a_verb_first_runs_a_command_anything_else_serves(string[] args, bool isVerb) =>
        Assert.Equal(isVerb, CliApp.IsVerb(args));
}
