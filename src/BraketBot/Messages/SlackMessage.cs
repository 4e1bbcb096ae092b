using System.Text.Json;
using System.Text.Json.Serialization;

namespace BraketBot.Messages;

/// <summary>
/// A message as Slack takes it, kept within Slack's limits: <see cref="Fit"/> shortens what would
/// be refused, so a renderer's mistake degrades a message instead of losing it.
/// </summary>
public sealed record SlackMessage(string Text, IReadOnlyList<Block> Blocks)
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxHeaderText = 150;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxFallbackText = 4000;

    public static JsonSerializerOptions Json { get; } =
        new(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

    /// <summary>What stands in for an image Slack would not show.</summary>
    public const string ImageLeftOut =
        ":warning: The chart could not be shown: Slack did not take its image yet. `/braket chart` draws it again.";

    public static SlackMessage Plain(string text) => new(text, [new SectionBlock(TextObject.Markdown(text))]);

    /// <summary>Whether the message shows an uploaded file, which Slack may refuse (invalid_blocks) while it still processes the
    /// file.</summary>
    public bool ShowsFile => Blocks.Any(b => b is ImageBlock);

    /// <summary>The message without its images, and a line that says the chart is missing.</summary>
    public SlackMessage WithoutImages() =>
        this with
        {
            Blocks = [.. Blocks.Where(b => b is not ImageBlock), new ContextBlock([TextObject.Markdown(ImageLeftOut)])],
        };

    public SlackMessage Fit()
    {
        var blocks = Blocks.Select(FitBlock).ToList();
        if (blocks.Count > MaxBlocks)
            blocks =
            [
                .. blocks.Take(MaxBlocks - 1),
                new ContextBlock([TextObject.Markdown($"_{blocks.Count - MaxBlocks + 1} more blocks left out._")]),
            ];
        return new SlackMessage(Shorten(Text, MaxFallbackText), blocks);
    }

    private static Block FitBlock(Block block) =>
        block switch
        {
            HeaderBlock h => h with { Text = h.Text with { Text = Shorten(h.Text.Text, MaxHeaderText) } },
            SectionBlock s => s with
            {
                Text = s.Text is null ? null : FitText(s.Text, MaxSectionText),
                Fields = s.Fields?.Take(MaxFields).Select(f => FitText(f, MaxFieldText)).ToList(),
            },
            ImageBlock i => i with { AltText = Shorten(i.AltText, MaxFieldText) },
            _ => block,
        };

    private static TextObject FitText(TextObject text, int max) =>
        text with
        {
            Text = text.Type == "mrkdwn" ? ShortenMarkdown(text.Text, max) : Shorten(text.Text, max),
        };

    public static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Shortens without leaving a code fence open.</summary>
    private static string ShortenMarkdown(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var shortened = Shorten(text, max - 4);
        return CountFences(shortened) % 2 == 1 ? shortened + "\n```" : shortened;
    }

    private static int CountFences(string text)
    {
        var count = 0;
        for (var i = text.IndexOf("```", StringComparison.Ordinal); i >= 0; i = text.IndexOf("```", i + 3, StringComparison.Ordinal))
            count++;
        return count;
    }
}
