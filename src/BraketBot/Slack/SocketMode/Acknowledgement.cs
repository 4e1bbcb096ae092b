using System.Text.Json;
using BraketBot.Messages;

namespace BraketBot.Slack.SocketMode;

/// <summary>What goes back for an envelope: its id and, for a slash command, the immediate answer.</summary>
public sealed record Acknowledgement(string EnvelopeId, object? Payload = null)
{
    public byte[] ToUtf8Json() =>
        JsonSerializer.SerializeToUtf8Bytes(new { envelope_id = EnvelopeId, payload = Payload }, SlackMessage.Json);
}
