namespace BraketBot.Tests.Support;

public static class MessageText
{
    /// <summary>Every text a person sees in the message, in order.</summary>
    public static string Of(SlackMessage message) => string.Join("\n", message.Blocks.SelectMany(Texts));

    /// <summary>The texts of a message as Slack received it (JSON): the blocks' texts and their context lines, after the fallback when
    /// asked.</summary>
    public static string Of(System.Text.Json.JsonElement message, bool withFallback = false) =>
        (withFallback ? message.GetProperty("text").GetString() + "\n" : "")
        + string.Join("\n", message.GetProperty("blocks").EnumerateArray().SelectMany(Texts));

    private static IEnumerable<string?> Texts(System.Text.Json.JsonElement block) =>
        block.TryGetProperty("text", out var text) && text.ValueKind == System.Text.Json.JsonValueKind.Object
            ? [text.GetProperty("text").GetString()]
        : block.GetProperty("type").GetString() == "context"
            ? block.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("text").GetString())
        : [];

    private static IEnumerable<string> Texts(Block block) =>
        block switch
        {
            HeaderBlock h => [h.Text.Text],
            SectionBlock s => [.. s.Text is null ? [] : new[] { s.Text.Text }, .. (s.Fields ?? []).Select(f => f.Text)],
            ContextBlock c => c.Elements.Select(e => e.Text),
            ActionsBlock a => a.Elements.Select(e => e.Text.Text),
            _ => [],
        };
}
