using System.Text.RegularExpressions;

namespace BraketBot.Cli;

/// <summary>Slack's mrkdwn, as the commands write their words for Slack, turned into Spectre.Console markup.</summary>
public static partial class TerminalText
{
    public static string Markup(string mrkdwn)
    {
        var text = Emoji().Replace(mrkdwn, "");
        text = text.Replace("```\n", "", StringComparison.Ordinal).Replace("\n```", "", StringComparison.Ordinal);
        text = Mention().Replace(text, "@$1");
        text = Spectre.Console.Markup.Escape(text);
        text = Code().Replace(text, "[cyan]$1[/]");
        return Bold().Replace(text, "[bold]$1[/]");
    }

    /// <summary>The same, without any markup: for JSON and logs.</summary>
    public static string Plain(string mrkdwn) => Spectre.Console.Markup.Remove(Markup(mrkdwn));

    /// <summary>The emoji BraketBot's messages use, each with the space after it.</summary>
    [GeneratedRegex(@":(moneybag|no_entry|hourglass_flowing_sand|octagonal_sign|red_circle|large_orange_circle|large_green_circle|eyes|arrows_counterclockwise): ?")]
    private static partial Regex Emoji();

    [GeneratedRegex(@"<@([A-Z0-9]+)>")]
    private static partial Regex Mention();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"(?<![\w*])\*([^*\n]+)\*(?![\w*])")]
    private static partial Regex Bold();
}
