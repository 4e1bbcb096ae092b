using System.Text.Json;

namespace BraketBot.Tests.Slack;

public sealed class SlackMessageTests
{
    [Fact]
    public void Serializes_as_block_kit_expects()
    {
        var message = new SlackMessage(
            "fallback",
            [
                new HeaderBlock(TextObject.Plain("Title")),
                new SectionBlock(TextObject.Markdown("*bold*")),
                new ActionsBlock([new ButtonElement(TextObject.Plain("Go"), "go_action", "v") { Style = "danger" }]),
            ]
        );

        var json = JsonSerializer.SerializeToElement(message.Blocks, SlackMessage.Json);

        Assert.Equal("header", json[0].GetProperty("type").GetString());
        Assert.Equal("plain_text", json[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("mrkdwn", json[1].GetProperty("text").GetProperty("type").GetString());
        var button = json[2].GetProperty("elements")[0];
        Assert.Equal(
            ("button", "go_action", "danger"),
            (button.GetProperty("type").GetString(), button.GetProperty("action_id").GetString(), button.GetProperty("style").GetString())
        );
        Assert.False(json[1].TryGetProperty("fields", out _));
    }

    [Fact]
    public void Round_trips_through_json_for_queued_delivery()
    {
        var message = new SlackMessage(
            "t",
            [new SectionBlock(TextObject.Markdown("x")), new DividerBlock(), new ContextBlock([TextObject.Markdown("c")])]
        );

        var back = JsonSerializer.Deserialize<SlackMessage>(JsonSerializer.Serialize(message, SlackMessage.Json), SlackMessage.Json)!;

        Assert.Equal(JsonSerializer.Serialize(message, SlackMessage.Json), JsonSerializer.Serialize(back, SlackMessage.Json));
    }

    [Fact]
    public void Fits_whatever_it_is_given_into_slacks_limits()
    {
        var longTable = "```\n" + string.Concat(Enumerable.Repeat("row of a very long table\n", 400)) + "```";
        var blocks = Enumerable
            .Range(0, 70)
            .Select(i =>
                (Block)
                    new SectionBlock(
                        TextObject.Markdown(longTable),
                        Enumerable.Range(0, 14).Select(f => TextObject.Markdown(new string('f', 2500))).ToList()
                    )
            )
            .ToList();
        blocks.Insert(0, new HeaderBlock(TextObject.Plain(new string('h', 400))));

        var fitted = new SlackMessage(new string('t', 50_000), blocks).Fit();

        Assert.Equal(SlackMessage.MaxBlocks, fitted.Blocks.Count);
        Assert.True(fitted.Text.Length <= SlackMessage.MaxFallbackText);
        Assert.True(((HeaderBlock)fitted.Blocks[0]).Text.Text.Length <= SlackMessage.MaxHeaderText);
        foreach (var section in fitted.Blocks.OfType<SectionBlock>())
        {
            Assert.True(section.Text!.Text.Length <= SlackMessage.MaxSectionText);
            Assert.Equal(0, (section.Text.Text.Split("```").Length - 1) % 2); // no code block left open
            Assert.True(section.Fields!.Count <= SlackMessage.MaxFields);
            Assert.All(section.Fields, f => Assert.True(f.Text.Length <= SlackMessage.MaxFieldText));
        }
        Assert.Contains("more blocks left out", ((ContextBlock)fitted.Blocks[^1]).Elements[0].Text);
    }
}
