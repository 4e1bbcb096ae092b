namespace BraketBot.Tests.Commands;

public sealed class CommandParserTests
{
    private static readonly Day Today = Day.Parse("2022-04-10");

    [Theory]
    [InlineData("info 2022-04-10 Aspen-M-1", "2022-04-10", "Aspen-M-1")]
    [InlineData("info 2022-4-9 Aspen-M-1", "2022-04-09", "Aspen-M-1")]
    [InlineData("INFO Aspen-M-1 2022-04-08", "2022-04-08", "Aspen-M-1")]
    [InlineData("info", "2022-04-10", null)]
    [InlineData("info today", "2022-04-10", null)]
    [InlineData("info yesterday Garnet", "2022-04-09", "Garnet")]
    [InlineData("info Yesterday", "2022-04-09", null)]
    [InlineData("  info   `2022-04-10`   aspen-m-1 ", "2022-04-10", "aspen-m-1")]
    [InlineData(
        "info arn:aws:braket:us-west-1::device/qpu/rigetti/Aspen-M-1",
        "2022-04-10",
        "arn:aws:braket:us-west-1::device/qpu/rigetti/Aspen-M-1"
    )]
    [InlineData("info 2024-02-29 SV1", "2024-02-29", "SV1")]
    [InlineData("info today \"Forte 1\"", "2022-04-10", "Forte 1")]
    [InlineData("info “IBEX Q1” 2022-04-10", "2022-04-10", "IBEX Q1")]
    [InlineData("info `Forte Enterprise 1` yesterday", "2022-04-09", "Forte Enterprise 1")]
    public void Parses_info(string text, string day, string? device)
    {
        var info = Assert.IsType<ParsedCommand.Info>(CommandParser.Parse(text));

        Assert.Equal(Day.Parse(day), info.Day.Resolve(Today));
        Assert.Equal(device, info.Device);
    }

    [Theory]
    [InlineData("chart", "2022-04-10", null)]
    [InlineData("chart yesterday Garnet", "2022-04-09", "Garnet")]
    [InlineData("CHART Aspen-M-1 2022-04-08", "2022-04-08", "Aspen-M-1")]
    public void Parses_a_days_chart_as_info_reads_its_day_and_device(string text, string day, string? device)
    {
        var chart = Assert.IsType<ParsedCommand.Chart>(CommandParser.Parse(text));

        Assert.Equal(Day.Parse(day), Assert.IsType<ChartPeriod.OfDay>(chart.Period).Day.Resolve(Today));
        Assert.Equal(device, chart.Device);
    }

    [Theory]
    [InlineData("chart month", null, null)]
    [InlineData("chart month 2022-03", "2022-03", null)]
    [InlineData("chart 2022-03", "2022-03", null)]
    [InlineData("chart month Garnet", null, "Garnet")]
    [InlineData("chart 2022-3 Garnet", "2022-03", "Garnet")]
    public void Parses_a_months_chart(string text, string? month, string? device)
    {
        var chart = Assert.IsType<ParsedCommand.Chart>(CommandParser.Parse(text));

        var period = Assert.IsType<ChartPeriod.OfMonth>(chart.Period);
        Assert.Equal(month, period.Month?.ToString());
        Assert.Equal(device, chart.Device);
    }

    [Theory]
    [InlineData("chart budget alpha", "alpha", "2022-04-10", null)]
    [InlineData("chart budget Alpha yesterday", "Alpha", "2022-04-09", null)]
    [InlineData("chart budget alpha 2022-04-01", "alpha", "2022-04-01", null)]
    [InlineData("chart budget alpha month", "alpha", null, "this month")]
    [InlineData("chart budget alpha 2022-3", "alpha", null, "2022-03")]
    public void Parses_a_budgets_chart_of_a_day_or_a_month(string text, string budget, string? day, string? month)
    {
        var chart = Assert.IsType<ParsedCommand.Chart>(CommandParser.Parse(text));

        Assert.Equal((budget, null), (chart.Budget, chart.Device));
        if (day is not null)
            Assert.Equal(Day.Parse(day), Assert.IsType<ChartPeriod.OfDay>(chart.Period).Day.Resolve(Today));
        else
            Assert.Equal(Month.TryParse(month, out var given) ? given : null, Assert.IsType<ChartPeriod.OfMonth>(chart.Period).Month);
    }

    [Theory]
    [InlineData("chart budget", "`chart budget` takes a budget's name and at most a date or a month")]
    [InlineData("chart budget alpha today Aspen-M-1", "`chart budget` takes a budget's name and at most a date or a month")]
    [InlineData("chart budget alpha 2022-13-01", "`2022-13-01` is not a date or a month")]
    [InlineData("chart budget alpha Aspen-M-1", "`Aspen-M-1` is not a date or a month")]
    public void Explains_what_is_wrong_with_a_budgets_chart(string text, string problem) =>
        Assert.Contains(problem, Assert.IsType<ParsedCommand.Help>(CommandParser.Parse(text)).Problem);

    [Theory]
    [InlineData("chart 2022-13-01", "is not a date")]
    [InlineData("chart today yesterday", "`chart` takes one date")]
    [InlineData("chart month Garnet Aspen-M-1", "at most a month and a device")]
    [InlineData("chart month Aspen|M1", "is not a month or a device")]
    public void Explains_what_is_wrong_with_chart(string text, string problem) =>
        Assert.Contains(problem, Assert.IsType<ParsedCommand.Help>(CommandParser.Parse(text)).Problem);

    [Theory]
    [InlineData("info 2022-13-01", "is not a date")]
    [InlineData("info 2022-02-30 Aspen-M-1", "is not a date")]
    [InlineData("info 10/04/2022", "is not a date")]
    [InlineData("info 2023-02-29", "is not a date")]
    [InlineData("info today yesterday", "one date")]
    [InlineData("info Aspen-M-1 Garnet", "one device")]
    [InlineData("info a b c", "at most a date and a device")]
    [InlineData("info Aspen|M1", "is not a device name")]
    [InlineData("info Aspen;DROP", "is not a device name")]
    public void Explains_what_is_wrong_with_info(string text, string problem)
    {
        var help = Assert.IsType<ParsedCommand.Help>(CommandParser.Parse(text));

        Assert.Contains(problem, help.Problem);
    }

    [Fact]
    public void A_bad_date_names_the_accepted_forms() =>
        Assert.Contains("YYYY-MM-DD", ((ParsedCommand.Help)CommandParser.Parse("info 2022-31-12")).Problem);

    [Fact]
    public void Parses_cancel_with_a_task_arn()
    {
        var cancel = Assert.IsType<ParsedCommand.Cancel>(
            CommandParser.Parse("cancel arn:aws:braket:us-west-1:111122223333:quantum-task/4b5c6d7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f")
        );

        Assert.Equal(("us-west-1", "111122223333"), (cancel.Task.Region, cancel.Task.Account));
    }

    [Theory]
    [InlineData("cancel", "needs the task's ARN")]
    [InlineData("cancel arn:aws:braket:us-west-1::device/qpu/rigetti/Aspen-M-1", "is not a quantum task ARN")]
    [InlineData("cancel 4b5c6d7e", "is not a quantum task ARN")]
    [InlineData(
        "cancel arn:aws:braket:us-west-1:111122223333:quantum-task/a arn:aws:braket:us-west-1:111122223333:quantum-task/b",
        "one task ARN"
    )]
    public void Explains_what_is_wrong_with_cancel(string text, string problem) =>
        Assert.Contains(problem, Assert.IsType<ParsedCommand.Help>(CommandParser.Parse(text)).Problem);

    [Theory]
    [InlineData("caps", typeof(ParsedCommand.Caps))]
    [InlineData("limits", typeof(ParsedCommand.Limits))]
    [InlineData("Caps", typeof(ParsedCommand.Caps))]
    [InlineData("budgets", typeof(ParsedCommand.Budgets))]
    [InlineData("help", typeof(ParsedCommand.Help))]
    [InlineData("", typeof(ParsedCommand.Help))]
    [InlineData(null, typeof(ParsedCommand.Help))]
    public void Parses_the_other_subcommands(string? text, Type expected) => Assert.IsType(expected, CommandParser.Parse(text));

    [Theory]
    [InlineData("launch", "is not a /braket command")]
    [InlineData("caps now", "takes no arguments")]
    [InlineData("budgets alpha", "takes no arguments")]
    [InlineData("info budget", "takes a budget's name and at most a date")]
    [InlineData("info budget alpha 2022-13-45", "is not a date")]
    [InlineData("info budget alpha today Aspen-M-1", "takes a budget's name and at most a date")]
    [InlineData("limits all", "`limits set` and `limits clear` change one")]
    public void Answers_unknown_input_with_usage_and_the_reason(string text, string problem) =>
        Assert.Contains(problem, Assert.IsType<ParsedCommand.Help>(CommandParser.Parse(text)).Problem);

    [Fact]
    public void Info_budget_names_the_budget_and_a_day_today_by_default()
    {
        Assert.Equal(new ParsedCommand.InfoBudget("alpha", new DayQuery.Today()), CommandParser.Parse("info budget alpha"));
        Assert.Equal(
            new ParsedCommand.InfoBudget("Alpha", new DayQuery.Given(Day.Parse("2022-04-10"))),
            CommandParser.Parse("info Budget Alpha 2022-04-10")
        );
    }

    [Fact]
    public void Help_has_no_problem() => Assert.Null(Assert.IsType<ParsedCommand.Help>(CommandParser.Parse("help")).Problem);

    [Theory]
    [InlineData("\n\f")]
    [InlineData("\v \u2003")]
    public void Only_whitespace_is_a_plain_request_for_help(string text) =>
        Assert.Null(Assert.IsType<ParsedCommand.Help>(CommandParser.Parse(text)).Problem);

    [Fact]
    public void Quotes_user_input_without_letting_it_break_the_formatting()
    {
        var problem = ((ParsedCommand.Help)CommandParser.Parse("x`y" + new string('z', 200))).Problem!;

        Assert.True(problem.Length < 120);
        Assert.Equal(2, problem.Count(c => c == '`'));
    }

    [Fact]
    public void Parses_the_sample_slash_command()
    {
        var form = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "slack-slash-command.form"));
        var text = System.Web.HttpUtility.ParseQueryString(form)["text"];

        var info = Assert.IsType<ParsedCommand.Info>(CommandParser.Parse(text));

        Assert.Equal((Day.Parse("2022-04-10"), "Aspen-M-1"), (info.Day.Resolve(Today), info.Device));
    }

    [Fact]
    public void Parses_the_sample_button_payload()
    {
        var payload = BlockActionsPayload.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "slack-block-actions.payload.json"))
        );

        Assert.NotNull(payload);
        Assert.Equal(
            ("U2147483697", "an-action-id", "https://hooks.slack.com/actions/T0001/1234/5678"),
            (payload.User.Id, payload.Actions[0].ActionId, payload.ResponseUrl!.ToString())
        );
    }
}
