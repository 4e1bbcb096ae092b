using BraketBot.Slack;

namespace BraketBot.Commands;

/// <summary>The slow part of a slash command, run after Slack got its acknowledgement; the reply goes to response_url. A failure is reported to the user once, never repeated behind their back.</summary>
public sealed class SlashCommandRunner(IEnumerable<ISlashCommandHandler> handlers, ISlackApi slack, ILogger<SlashCommandRunner> logger)
{
    public const string Failure = "Something went wrong on BraketBot's side (it is logged). Try again in a minute.";

    public async Task RunAsync(SlashCommand slash, CancellationToken cancellationToken)
    {
        var command = CommandParser.Parse(slash.Text);
        SlashReply reply;
        try
        {
            reply = await handlers.Single(h => h.CommandName == command.Name).HandleAsync(command, slash, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "/braket {Text} from {UserId} failed", slash.Text, slash.UserId);
            reply = SlashReply.Private(Failure);
        }
        var sent = await slack.RespondAsync(slash.ResponseUrl, reply.Message, reply.Visibility, replaceOriginal: false, cancellationToken);
        if (!sent.Ok) logger.LogWarning("The reply to /braket {Text} was not delivered: {Error}", slash.Text, sent.Error);
    }
}
