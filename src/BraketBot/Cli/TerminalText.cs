using System.Text;
using System.Text.RegularExpressions;

namespace BraketBot.Cli;

/// <summary>Slack's mrkdwn, as the commands write their words for Slack, turned into Spectre.Console markup.</summary>
public static partial class TerminalText
{
    public static string Markup(string mrkdwn)
    {
        var text = Emoji()
            .Replace(mrkdwn.Replace("```\n", "", StringComparison.Ordinal).Replace("\n```", "", StringComparison.Ordinal), "");
        var markup = new StringBuilder();
        var at = 0;
        foreach (Match token in Token().Matches(text))
        {
            markup.Append(Escape(text[at..token.Index]));
            markup.Append(
                token.Groups["user"].Success ? Escape("@" + token.Groups["user"].Value)
                : token.Groups["code"].Success ? $"[cyan]{Escape(token.Groups["code"].Value)}[/]"
                : $"[bold]{Escape(token.Groups["bold"].Value)}[/]"
            );
            at = token.Index + token.Length;
        }
        return markup.Append(Escape(text[at..])).ToString();
    }

    /// <summary>The same, without any markup: for JSON.</summary>
    public static string Plain(string mrkdwn) => Spectre.Console.Markup.Remove(Markup(mrkdwn));

    private static string Escape(string text) => Spectre.Console.Markup.Escape(text);

    /// <summary>The emoji BraketBot's messages use, each with the space after it.</summary>
    [GeneratedRegex(
        @":(moneybag|no_entry|hourglass_flowing_sand|octagonal_sign|red_circle|large_orange_circle|large_green_circle|eyes|"
            + @"arrows_counterclockwise|card_index_box): ?"
    )]
    private static partial Regex Emoji();

    /// <summary>A mention (&lt;@U…&gt;), `code` or *bold*.</summary>
    [GeneratedRegex(@"<@(?<user>[A-Z0-9]+)>|`(?<code>[^`\n]+)`|(?<![\w*])\*(?<bold>[^*\n]+)\*(?![\w*])")]
    private static partial Regex Token();
}
