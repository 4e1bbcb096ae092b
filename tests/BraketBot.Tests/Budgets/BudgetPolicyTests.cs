namespace BraketBot.Tests.Budgets;

/// <summary>The pure rules of team budgets: tags, scopes, a budget's own usage and the caps and cancels it scopes.</summary>
public sealed class BudgetPolicyTests
{
    private static readonly Day Today = Day.Parse("2022-04-10");
    private static readonly DayWindow Window = DayWindow.For(Today, TimeZoneInfo.Utc);
    private static readonly DateTimeOffset At = Window.Start.AddHours(1);
    private static readonly Pricing Prices = new(new PricingOptions());

    private static DeviceSummary Describe(string arn) => Tasks.AllDevices.Single(d => d.DeviceArn == arn);

    private static QuantumTaskSummary Tagged(string team, string device, QuantumTaskStatus status, long shots) =>
        Tasks.Task(device, status, shots, At) with
        {
            Tags = new Dictionary<string, string> { ["team"] = team },
        };

    private static readonly BudgetCaps Alpha = new() { Tag = "team=alpha", MaxShotsPerDay = 1000 };

    private static BudgetScope AlphaScope(params string[] devices) => new("alpha", new TaskTag("team", "alpha"), devices);

    [Theory]
    [InlineData("team=alpha", "team", "alpha")]
    [InlineData(" project = qaoa-2 ", "project", "qaoa-2")]
    [InlineData("owner=", "owner", "")]
    [InlineData("expr=a=b", "expr", "a=b")]
    public void A_tag_is_key_equals_value(string text, string key, string value)
    {
        Assert.True(TaskTag.TryParse(text, out var tag));
        Assert.Equal(new TaskTag(key, value), tag);
    }

    [Theory]
    [InlineData("alpha")]
    [InlineData("=alpha")]
    [InlineData(" =alpha")]
    [InlineData("")]
    [InlineData(null)]
    public void A_tag_without_a_key_and_an_equals_sign_is_not_one(string? text) => Assert.False(TaskTag.TryParse(text, out _));

    [Fact]
    public void A_task_is_in_a_budget_by_its_tag_on_the_budgets_devices_and_never_while_its_tags_are_unknown()
    {
        var anywhere = AlphaScope();
        var onAnkaa = AlphaScope("ankaa-3");
        var alphaOnAspen = Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Queued, 1);

        Assert.True(anywhere.Covers(alphaOnAspen, Tasks.Aspen));
        Assert.False(onAnkaa.Covers(alphaOnAspen, Tasks.Aspen));
        Assert.True(onAnkaa.Covers(alphaOnAspen with { DeviceArn = Tasks.AnkaaArn }, Tasks.Ankaa));
        Assert.False(anywhere.Covers(Tagged("beta", Tasks.AspenArn, QuantumTaskStatus.Queued, 1), Tasks.Aspen));
        Assert.False(anywhere.Covers(alphaOnAspen with { Tags = null }, Tasks.Aspen));
        Assert.Equal(AlphaScope(), new BudgetScope("ALPHA", new TaskTag("team", "other"), ["Forte-1"])); // one budget, by name
    }

    [Fact]
    public void Budget_caps_follow_the_account_and_device_caps_keyed_by_budget()
    {
        var caps = CapPolicy.CapsInForce(
            new CapsOptions
            {
                MaxShotsPerDay = 10_000,
                Budgets =
                {
                    ["beta"] = new BudgetCaps { Tag = "team=beta", MaxCostPerMonth = 50 },
                    ["Alpha"] = Alpha,
                },
            }
        );

        Assert.Equal(
            ["account Shots 10000 Day", "budget:ALPHA Shots 1000 Day", "budget:BETA Cost 50 Month"],
            caps.Select(c => $"{c.Scope.Key} {c.Metric} {c.Limit} {c.Period}")
        );
        Assert.False(caps[1].Scope.IsAccount);
    }

    [Fact]
    public void A_budgets_cap_counts_its_own_tasks_and_a_breach_cancels_only_them()
    {
        var options = new CapsOptions { MaxShotsPerDay = 100_000, Budgets = { ["alpha"] = Alpha } };
        var alphaAspen = Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Queued, 700);
        var alphaForte = Tagged("alpha", Tasks.ForteArn, QuantumTaskStatus.Completed, 400);
        var beta = Tagged("beta", Tasks.AspenArn, QuantumTaskStatus.Queued, 5000);
        var untagged = Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 9000, At);
        QuantumTaskSummary[] all = [alphaAspen, alphaForte, beta, untagged];
        var rows = all.Select(t => new LedgerTask(t, Today, At));
        var alpha = BudgetUsage.From(AlphaScope(), [Window], rows, withMonth: false, Describe, Prices);

        var budgets = new Dictionary<string, BudgetUsage> { ["alpha"] = alpha };
        var standings = CapPolicy.Evaluate(DayUsage.From(Window, all, Describe, Prices), options, budgets: budgets);
        var cancels = CapPolicy.TasksToCancel(standings, all, Describe);

        Assert.Equal(["account 15100 ", "budget:ALPHA 1100 Breach"], standings.Select(s => $"{s.Cap.Scope.Key} {s.Used} {s.Level}"));
        Assert.Equal([alphaAspen.QuantumTaskArn], cancels.Select(t => t.QuantumTaskArn));
    }

    [Fact]
    public void Without_its_usage_a_budgets_cap_is_left_out_rather_than_counted_over_every_task()
    {
        var options = new CapsOptions { Budgets = { ["alpha"] = Alpha } };
        var usage = DayUsage.From(Window, [Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 9000, At)], Describe, Prices);

        Assert.Empty(CapPolicy.Evaluate(usage, options));
    }

    [Fact]
    public void A_budgets_cancel_scope_covers_its_tasks_only_and_runs_apart_from_the_accounts()
    {
        var scope = CancelScope.OfBudget(Today, AlphaScope());
        var alphaTask = Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Queued, 1);

        Assert.True(scope.IsValid);
        Assert.True(scope.Covers(alphaTask, Tasks.Aspen));
        Assert.False(scope.Covers(Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 1, At), Tasks.Aspen));
        Assert.NotEqual(CancelScope.EveryDevice(Today).RunKey, scope.RunKey);
        Assert.Equal("budget alpha (team=alpha, on Ankaa-3)", CancelScope.OfBudget(Today, AlphaScope("Ankaa-3")).Describe());
    }

    [Fact]
    public void The_rest_of_a_budgets_run_is_that_budgets_tasks()
    {
        var cap = new Cap(new CapScope(null, AlphaScope()), CapMetric.Shots, 1000);
        var run = new EnforcementRun
        {
            Id = "r",
            Kind = RunKind.CapAlert,
            Day = Today,
            TimeZone = "UTC",
            CreatedAt = At,
            Deadline = At.AddMinutes(5),
            Crossed = [new CapStanding(cap, 1100, CapLevel.Breach)],
            Tasks = [new RunTask("arn", Tasks.AspenArn, "Aspen-M-1", 10, null)],
        };

        Assert.Equal(CancelScope.OfBudget(Today, AlphaScope()), run.RestScope());
    }

    [Fact]
    public void Each_mistake_in_a_budget_is_one_line_naming_its_key()
    {
        var options = new CapsOptions
        {
            Budgets =
            {
                ["alpha"] = new BudgetCaps { Tag = "alpha", MaxShotsPerDay = 10 },
                ["beta"] = new BudgetCaps { Tag = "team=beta" },
                ["gamma"] = new BudgetCaps
                {
                    Tag = "team=gamma",
                    MaxCostPerDay = 5,
                    Channel = "#gamma-quantum",
                    Admins = ["ada"],
                },
            },
        };

        var failures = new CapsOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Budgets:alpha:Tag must be key=value", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Budgets:beta has no cap", StringComparison.Ordinal));
        Assert.Contains(failures, f =>
            f.StartsWith("Budgets:gamma:Channel '#gamma-quantum' is not a Slack channel id", StringComparison.Ordinal)
        );
        Assert.Contains(failures, f => f.StartsWith("Budgets:gamma:Admins must list Slack user ids", StringComparison.Ordinal));
    }

    [Fact]
    public void Braket_word_on_a_tasks_tags_replaces_the_kept_ones_and_the_same_word_again_changes_nothing()
    {
        var tagged = Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Queued, 1);
        var row = new LedgerTask(tagged, Today, At);
        var retagged = tagged with { Tags = new Dictionary<string, string> { ["team"] = "beta" } };

        var moved = Ledger.Merge(row, new LedgerTask(retagged, Today, At.AddSeconds(1)) { Confirmed = true });
        var again = new Dictionary<string, string> { ["team"] = "alpha" };

        Assert.Equal(retagged.Tags, moved!.Task.Tags);
        Assert.Null(Ledger.Merge(row, new LedgerTask(tagged with { Tags = again }, Today, At))); // equal tags: no write
    }

    [Fact]
    public void A_budget_that_lists_admins_is_theirs_and_the_slack_admins_alone_even_when_slack_admins_is_empty()
    {
        var alpha = Alpha with { Admins = ["U1"] };

        Assert.True(new AccessOptions().MayCancel("U1", alpha));
        Assert.False(new AccessOptions().MayCancel("U2", alpha));
        Assert.True(new AccessOptions { Admins = ["U0"] }.MayCancel("U0", alpha));
        Assert.True(new AccessOptions().MayCancel("U2", Alpha)); // a budget without admins: everyone, as Slack:Admins says
        Assert.True(new AccessOptions().MayCancel("U2", null));
    }

    [Fact]
    public void Budgets_the_budgets_table_tells_apart_never_share_a_key_and_those_it_confuses_do()
    {
        // The Kelvin sign and "k" lower-case alike, yet OrdinalIgnoreCase (which folds to upper case) holds them apart.
        var budgets = new Dictionary<string, BudgetCaps>(StringComparer.OrdinalIgnoreCase) { ["\u212A"] = Alpha, ["k"] = Alpha };
        var kelvin = new BudgetScope("\u212A", new TaskTag("team", "alpha"), []);
        var k = new BudgetScope("k", new TaskTag("team", "alpha"), []);

        Assert.Equal(2, budgets.Count);
        Assert.NotEqual(new CapScope(null, kelvin).Key, new CapScope(null, k).Key);
        Assert.NotEqual(CancelScope.OfBudget(Today, kelvin).RunKey, CancelScope.OfBudget(Today, k).RunKey);
        Assert.Equal(new CapScope(null, k).Key, new CapScope(null, k with { Name = "K" }).Key);
        Assert.Equal("device:aspen-m-1", new CapScope("Aspen-M-1").Key); // the keys stored before budgets keep their form
    }

    [Fact]
    public void The_ledger_keeps_tags_once_learnt_and_an_event_without_them_drops_none()
    {
        var tagged = Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Created, 1);
        var row = new LedgerTask(tagged, Today, At);

        var eventNews = tagged with { Status = QuantumTaskStatus.Queued, Tags = null };
        var moved = Ledger.Merge(row, new LedgerTask(eventNews, Today, At.AddSeconds(1)));
        var learnt = Ledger.Merge(row with { Task = tagged with { Tags = null } }, new LedgerTask(tagged, Today, At) { Confirmed = true });

        Assert.Same(tagged.Tags, moved!.Task.Tags);
        Assert.Equal(QuantumTaskStatus.Queued, moved.Task.Status);
        Assert.Same(tagged.Tags, learnt!.Task.Tags);
        Assert.Null(Ledger.Merge(row, new LedgerTask(tagged, Today, At))); // the same news again changes nothing
    }

    [Fact]
    public void A_devices_split_by_budget_names_each_budget_with_tasks_there_and_the_untagged_rest_as_caps_count_them()
    {
        QuantumTaskSummary[] all =
        [
            Tagged("alpha", Tasks.AspenArn, QuantumTaskStatus.Completed, 1000),
            Tagged("alpha", Tasks.ForteArn, QuantumTaskStatus.Completed, 100),
            Tagged("beta", Tasks.ForteArn, QuantumTaskStatus.Queued, 200),
            Tasks.Task(Tasks.AspenArn, QuantumTaskStatus.Queued, 3000, At),
        ];
        var rows = all.Select(t => new LedgerTask(t, Today, At)).ToList();
        BudgetScope[] scopes = [AlphaScope(), new("beta", new TaskTag("team", "beta"), [])];
        var budgets = scopes.ToDictionary(b => b.Name, b => BudgetUsage.From(b, [Window], rows, withMonth: false, Describe, Prices));
        var split = new BudgetSplit(budgets, BudgetUsage.Outside(scopes, [Window], rows, Describe, Prices), CapBasis.Day);

        // Aspen-M-1: $0.30 a task + $0.00035 a shot; Forte-1: $0.30 + $0.08. Beta has nothing on Aspen, the rest nothing on Forte.
        Assert.Equal([("alpha", 1000L, 0.65m), (null, 3000L, 1.35m)], split.On(Describe(Tasks.AspenArn)));
        Assert.Equal([("alpha", 100L, 8.30m), ("beta", 200L, 16.30m)], split.On(Describe(Tasks.ForteArn)));
        Assert.Empty(split.On(Describe(Tasks.AnkaaArn)));
    }
}
