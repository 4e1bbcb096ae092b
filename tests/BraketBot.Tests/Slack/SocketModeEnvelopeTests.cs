using System.Text;
using System.Text.Json;
using BraketBot.Slack.SocketMode;

namespace BraketBot.Tests.Slack;

/// <summary>Socket Mode's frames as Slack sends them (the design's wire samples) and the acknowledgement the bot sends back.</summary>
public sealed class SocketModeEnvelopeTests
{
    private static Envelope Sample(string name) =>
        Envelope.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", name)))
        ?? throw new InvalidOperationException(name + " did not parse");

    [Fact]
    public void Hello_and_disconnect_are_read_with_the_reason()
    {
        Assert.Equal(Envelope.Hello, Sample("socket-mode-hello.json").Type);
        var disconnect = Sample("socket-mode-disconnect.json");
        Assert.Equal(Envelope.Disconnect, disconnect.Type);
        Assert.Equal("refresh_requested", disconnect.Reason);
        Assert.Null(disconnect.EnvelopeId);
    }

    [Fact]
    public void A_slash_commands_envelope_carries_the_fields_of_the_http_form()
    {
        var envelope = Sample("socket-mode-slash-command.json");

        var slash = SlashCommand.From(envelope.PayloadText);

        Assert.Equal(Envelope.SlashCommands, envelope.Type);
        Assert.Equal("1d3c79ab-0ffb-41f3-a080-d19e85f53649", envelope.EnvelopeId);
        Assert.True(envelope.AcceptsResponsePayload);
        Assert.NotNull(slash);
        Assert.Equal("info 2022-04-10 Aspen-M-1", slash.Text);
        Assert.Equal("U0123456789", slash.UserId);
        Assert.Equal("T0123456789", slash.TeamId);
        Assert.Equal("A0123456789", slash.AppId);
        Assert.Equal("hooks.slack.com", slash.ResponseUrl.Host);
    }

    [Fact]
    public void An_interactive_envelope_carries_the_block_actions_payload()
    {
        var envelope = Sample("socket-mode-interactive.json");

        var payload = BlockActionsPayload.Parse(envelope.Payload.GetRawText());

        Assert.Equal(Envelope.Interactive, envelope.Type);
        Assert.False(envelope.AcceptsResponsePayload);
        Assert.NotNull(payload);
        Assert.Equal("cancel_all_queued", payload.Actions.Single().ActionId);
        Assert.Equal("T0123456789", payload.TeamId);
    }

    [Fact]
    public void The_acknowledgement_has_the_shape_slack_expects()
    {
        using var expected = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "socket-mode-ack.json"))
        );
        var text = expected.RootElement.GetProperty("payload").GetProperty("text").GetString()!;

        using var withAnswer = JsonDocument.Parse(
            new Acknowledgement("1d3c79ab-0ffb-41f3-a080-d19e85f53649", ImmediateAnswer(SlashReply.Private(text))).ToUtf8Json()
        );
        using var bare = JsonDocument.Parse(new Acknowledgement("e1").ToUtf8Json());

        Assert.Equal(
            expected.RootElement.GetProperty("envelope_id").GetString(),
            withAnswer.RootElement.GetProperty("envelope_id").GetString()
        );
        Assert.Equal("ephemeral", withAnswer.RootElement.GetProperty("payload").GetProperty("response_type").GetString());
        Assert.Equal(text, withAnswer.RootElement.GetProperty("payload").GetProperty("text").GetString());
        Assert.Equal("""{"envelope_id":"e1"}""", bare.RootElement.GetRawText());
    }

    private static object ImmediateAnswer(SlashReply reply) => BraketBot.Slack.ImmediateReply.Body(reply);

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"envelope_id\":\"x\"}")]
    [InlineData("{\"type\":42}")]
    public void Frames_that_are_not_envelopes_are_refused_without_throwing(string frame) =>
        Assert.Null(Envelope.Parse(Encoding.UTF8.GetBytes(frame)));

    [Fact]
    public void A_redelivery_says_which_attempt_it_is()
    {
        var frame = """{"envelope_id":"e1","type":"slash_commands","payload":{},"retry_attempt":2,"retry_reason":"timeout"}""";

        Assert.Equal(2, Envelope.Parse(Encoding.UTF8.GetBytes(frame))!.RetryAttempt);
    }
}
