using BraketBot.Slack;

namespace BraketBot.Tests.Support;

public static class MessageText
{
    /// <summary>Every text a person sees in the message, in order.</summary>
    public static string Of(SlackMessage message) => string.Join("\n", message.Blocks.SelectMany(Texts));

    private static IEnumerable<string> Texts(Block block) => block switch
    {
        HeaderBlock h => [h.Text.Text],
        SectionBlock s => [.. s.Text is null ? [] : new[] { s.Text.Text }, .. (s.Fields ?? []).Select(f => f.Text)],
        ContextBlock c => c.Elements.Select(e => e.Text),
        ActionsBlock a => a.Elements.Select(e => e.Text.Text),
        _ => [],
    };
}
