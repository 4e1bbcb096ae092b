using BraketBot.Commands;
using BraketBot.Messages;

namespace BraketBot.Slack;

/// <summary>
/// The immediate answer to a slash command as Slack takes it: the body of the HTTP response, and
/// the same object as the payload of a Socket Mode acknowledgement.
/// </summary>
public static class ImmediateReply
{
    public static object Body(SlashReply reply)
    {
        var fitted = reply.Message.Fit();
        return new
        {
            response_type = reply.Visibility.ToWire(),
            text = fitted.Text,
            blocks = fitted.Blocks,
        };
    }
}
