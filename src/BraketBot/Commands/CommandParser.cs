using System.Globalization;
using System.Text.RegularExpressions;
using BraketBot.Messages;

namespace BraketBot.Commands;

/// <summary>Parses the text of a /braket command. Pure; never throws; every bad input gets a reason.</summary>
public static partial class CommandParser
{
    public static ParsedCommand Parse(string? text)
    {
        var words = Words(text ?? "");
        if (words.Length == 0)
            return new ParsedCommand.Help(null);
        var args = words[1..];
        return words[0].ToLowerInvariant() switch
        {
            Subcommands.Info => ParseInfo(args),
            Subcommands.Chart => ParseChart(args),
            Subcommands.Cancel => ParseCancel(args),
            Subcommands.Caps => args.Length == 0 ? new ParsedCommand.Caps() : Extra(Subcommands.Caps, args),
            Subcommands.Budgets => args.Length == 0 ? new ParsedCommand.Budgets() : Extra(Subcommands.Budgets, args),
            Subcommands.Limits => ParseLimits(args),
            Subcommands.Help => new ParsedCommand.Help(null),
            var other => new ParsedCommand.Help($"`{Shorten(other)}` is not a /braket command."),
        };
    }

    private static ParsedCommand ParseInfo(string[] args)
    {
        if (args.Length > 0 && args[0].Equals(Subcommands.Month, StringComparison.OrdinalIgnoreCase))
            return ParseMonth(args[1..]);
        if (args.Length > 0 && args[0].Equals(Subcommands.Budget, StringComparison.OrdinalIgnoreCase))
            return ParseBudget(args[1..]);
        return ParseDayAndDevice(Subcommands.Info, args, (day, device) => new ParsedCommand.Info(day, device));
    }

    /// <summary>`chart` takes what `info` takes, or `month` (or a month itself) and then, for either, a device.</summary>
    private static ParsedCommand ParseChart(string[] args)
    {
        if (args.Length > 0 && args[0].Equals(Subcommands.Budget, StringComparison.OrdinalIgnoreCase))
            return ParseChartBudget(args[1..]);
        var month = args.Length > 0 && args[0].Equals(Subcommands.Month, StringComparison.OrdinalIgnoreCase);
        if (!month && (args.Length == 0 || !Month.TryParse(args[0], out _)))
            return ParseDayAndDevice(Subcommands.Chart, args, (day, device) => new ParsedCommand.Chart(new ChartPeriod.OfDay(day), device));
        var rest = month ? args[1..] : args;
        Month? given = rest.Length > 0 && Month.TryParse(rest[0], out var parsed) ? parsed : null;
        if (given is not null)
            rest = rest[1..];
        return rest switch
        {
            [] => new ParsedCommand.Chart(new ChartPeriod.OfMonth(given), null),
            [var device] when IsDeviceWord(device) => new ParsedCommand.Chart(new ChartPeriod.OfMonth(given), device),
            [var other] => new ParsedCommand.Help(
                $"`{Shorten(other)}` is not a month or a device. Use {Subcommands.MonthForm}, then a device name like `Aspen-M-1`."
            ),
            _ => new ParsedCommand.Help("`chart month` takes at most a month and a device, like `/braket chart 2022-04 Aspen-M-1`."),
        };
    }

    /// <summary>At most a date and a device, in either order, as `info` and `chart` take them; today when no date is given.</summary>
    private static ParsedCommand ParseDayAndDevice(string command, string[] args, Func<DayQuery, string?, ParsedCommand> make)
    {
        if (args.Length > 2)
            return new ParsedCommand.Help($"`{command}` takes at most a date and a device, like `/braket {command} 2022-04-10 Aspen-M-1`.");
        DayQuery? day = null;
        string? device = null;
        foreach (var arg in args)
        {
            if (TryParseDay(arg, out var parsed))
            {
                if (day is not null)
                    return new ParsedCommand.Help($"`{command}` takes one date.");
                day = parsed;
            }
            else if (LooksLikeDate(arg))
            {
                return new ParsedCommand.Help($"`{Shorten(arg)}` is not a date. Use {Subcommands.DateForms}.");
            }
            else
            {
                if (device is not null)
                    return new ParsedCommand.Help(
                        $"`{command}` takes one device: a name like `Aspen-M-1`, a display name in quotes like `\"Forte 1\"`, or a "
                            + $"device ARN."
                    );
                if (!IsDeviceWord(arg))
                    return new ParsedCommand.Help($"`{Shorten(arg)}` is not a device name or device ARN.");
                device = arg;
            }
        }
        return make(day ?? new DayQuery.Today(), device);
    }

    private static ParsedCommand ParseBudget(string[] args) =>
        args switch
        {
            [var name] => new ParsedCommand.InfoBudget(name, new DayQuery.Today()),
            [var name, var date] when TryParseDay(date, out var day) => new ParsedCommand.InfoBudget(name, day),
            [_, var date] => new ParsedCommand.Help($"`{Shorten(date)}` is not a date. Use {Subcommands.DateForms}."),
            _ => new ParsedCommand.Help(
                "`info budget` takes a budget's name and at most a date, like `/braket info budget alpha 2022-04-10`."
            ),
        };

    /// <summary>`chart budget NAME [DATE|month|MONTH]`: one team's day (today when none is given) or month.</summary>
    private static ParsedCommand ParseChartBudget(string[] args) =>
        args switch
        {
            [var name] => new ParsedCommand.Chart(new ChartPeriod.OfDay(new DayQuery.Today()), null, name),
            [var name, var day] when TryParseDay(day, out var parsed) => new ParsedCommand.Chart(new ChartPeriod.OfDay(parsed), null, name),
            [var name, var month] when month.Equals(Subcommands.Month, StringComparison.OrdinalIgnoreCase) => new ParsedCommand.Chart(
                new ChartPeriod.OfMonth(null),
                null,
                name
            ),
            [var name, var month] when Month.TryParse(month, out var parsed) => new ParsedCommand.Chart(
                new ChartPeriod.OfMonth(parsed),
                null,
                name
            ),
            [_, var other] => new ParsedCommand.Help(
                $"`{Shorten(other)}` is not a date or a month. Use {Subcommands.DateForms}, `{Subcommands.Month}` or "
                    + $"{Subcommands.MonthForm}."
            ),
            _ => new ParsedCommand.Help(
                "`chart budget` takes a budget's name and at most a date or a month, like `/braket chart budget alpha 2022-04-10`."
            ),
        };

    private static ParsedCommand ParseMonth(string[] args) =>
        args switch
        {
            [] => new ParsedCommand.InfoMonth(null),
            [var month] when Month.TryParse(month, out var parsed) => new ParsedCommand.InfoMonth(parsed),
            [var month] => new ParsedCommand.Help($"`{Shorten(month)}` is not a month. Use {Subcommands.MonthForm}."),
            _ => new ParsedCommand.Help($"`info month` takes at most a month, like `/braket info month 2022-04`."),
        };

    private const string SetLimitForm = "`/braket limits set DEVICE AMOUNT`, like `/braket limits set Ankaa-3 20` or `… 500/month`";

    private static ParsedCommand ParseLimits(string[] args) =>
        args switch
        {
            [] => new ParsedCommand.Limits(),
            [var verb, ..] when verb.Equals(Subcommands.Set, StringComparison.OrdinalIgnoreCase) => args[1..] switch
            {
                [var device, _] when !IsDeviceWord(device) => new ParsedCommand.Help(
                    $"`{Shorten(device)}` is not a device name or device ARN."
                ),
                [var device, var amount] => LimitAmount.TryParse(amount, out var parsed, out var problem)
                    ? new ParsedCommand.SetLimit(device, parsed)
                    : new ParsedCommand.Help($"`{Shorten(amount)}` {problem}"),
                _ => new ParsedCommand.Help($"`limits set` takes a device and an amount: {SetLimitForm}."),
            },
            [var verb, var device] when verb.Equals(Subcommands.Clear, StringComparison.OrdinalIgnoreCase) => IsDeviceWord(device)
                ? new ParsedCommand.ClearLimit(device)
                : new ParsedCommand.Help($"`{Shorten(device)}` is not a device name or device ARN."),
            [var verb, ..] when verb.Equals(Subcommands.Clear, StringComparison.OrdinalIgnoreCase) => new ParsedCommand.Help(
                "`limits clear` takes one device, like `/braket limits clear Ankaa-3`."
            ),
            _ => new ParsedCommand.Help(
                $"`limits` lists Braket's spending limits; `limits set` and `limits clear` change one: {SetLimitForm}."
            ),
        };

    private static ParsedCommand ParseCancel(string[] args) =>
        args switch
        {
            [] => new ParsedCommand.Help($"`cancel` needs the task's ARN: {Subcommands.TaskArnForm}."),
            [var arn] when QuantumTaskArn.TryParse(arn, out var parsed) => new ParsedCommand.Cancel(parsed),
            [var arn] => new ParsedCommand.Help($"`{Shorten(arn)}` is not a quantum task ARN. It looks like {Subcommands.TaskArnForm}."),
            _ => new ParsedCommand.Help("`cancel` takes one task ARN."),
        };

    public static bool TryParseDay(string text, out DayQuery day)
    {
        day = text.ToLowerInvariant() switch
        {
            "today" => new DayQuery.Today(),
            "yesterday" => new DayQuery.Yesterday(),
            _ => DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? new DayQuery.Given(new Day(date))
                : null!,
        };
        return day is not null;
    }

    private static ParsedCommand Extra(string command, string[] args) =>
        new ParsedCommand.Help($"`{command}` takes no arguments (got `{Shorten(string.Join(' ', args))}`).");

    /// <summary>
    /// The words of a command: runs of non-space characters, or a phrase in quotes or backticks (a device's
    /// display name, like "Forte 1"); Slack may wrap words in backticks, quotes or angle brackets, and the
    /// word is what is inside.
    /// </summary>
    private static string[] Words(string text) =>
        Word()
            .Matches(text)
            .Select(m => m.Groups["phrase"].Success ? m.Groups["phrase"].Value.Trim() : Unwrap(m.Value))
            .Where(w => w.Length > 0)
            .ToArray();

    /// <summary>A word as the parser reads it back as one: in quotes when it has spaces (a display name the shell kept whole).</summary>
    public static string Quote(string word) => word.Any(char.IsWhiteSpace) ? $"\"{word}\"" : word;

    private static string Unwrap(string word) => word.Trim('`', '"', '\'', '<', '>', '“', '”');

    private static bool LooksLikeDate(string text) => DateLike().IsMatch(text);

    private static bool IsDeviceWord(string text) => DeviceArn.TryParse(text, out _) || DeviceName().IsMatch(text);

    private static string Shorten(string text) => SlackMessage.Shorten(text.Replace("`", "'"), 60);

    [GeneratedRegex(@"^\d{2,4}[-/.]\d{1,2}[-/.]\d{1,4}$")]
    private static partial Regex DateLike();

    /// <summary>A device's ARN name (Forte-1) or display name (Forte 1, IBEX Q1): letters and digits, with dots, dashes, underscores and
    /// single spaces.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9._-]| (?! )){0,63}$")]
    private static partial Regex DeviceName();

    [GeneratedRegex("""["'`“](?<phrase>[^"'`“”]*?)(["'`”])(?=\s|$)|\S+""")]
    private static partial Regex Word();
}
