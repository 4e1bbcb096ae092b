using BraketBot.Reports;
using BraketBot.Slack;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BraketBot.Commands;

/// <summary>
/// Slack's two entry points. Both answer within milliseconds: a pure check, then the work is
/// queued for the background, whose answer goes to the response_url (Slack's 3-second rule).
/// </summary>
public static class CommandEndpoints
{
    public const string Busy = "BraketBot is busy with many commands at once; try again in a minute.";

    public static async Task<Results<JsonHttpResult<object>, BadRequest<string>>> SlashCommandAsync(
        HttpRequest request, CommandQueue queue, IOptionsMonitor<SlackOptions> slackOptions)
    {
        if (!request.HasFormContentType) return TypedResults.BadRequest("Expected a form-encoded slash command.");
        var slash = SlashCommand.FromForm(await request.ReadFormAsync(request.HttpContext.RequestAborted));
        if (slash is null) return TypedResults.BadRequest("The slash command lacks user_id or response_url.");

        var command = CommandParser.Parse(slash.Text);
        if (command is ParsedCommand.Help help) return Reply(HelpView.Render(help.Problem), Visibility.Ephemeral);
        if (command is ParsedCommand.Cancel && !slackOptions.CurrentValue.IsAdmin(slash.UserId))
            return Reply(SlackMessage.Plain(CancelView.NotAllowed), Visibility.Ephemeral);

        if (!queue.TryEnqueue<SlashCommandRunner>((job, ct) => job.RunAsync(slash, ct)))
            return Reply(SlackMessage.Plain(Busy), Visibility.Ephemeral);
        return Reply(SlackMessage.Plain($":hourglass_flowing_sand: Working on `{slash.Command} {slash.Text}`…"), Visibility.Ephemeral);
    }

    public static async Task<Results<Ok, BadRequest<string>, StatusCodeHttpResult>> InteractionAsync(HttpRequest request, CommandQueue queue)
    {
        if (!request.HasFormContentType) return TypedResults.BadRequest("Expected a form field named payload.");
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var payload = BlockActionsPayload.Parse(form["payload"].ToString());
        if (payload is null) return TypedResults.BadRequest("The payload field is not a Slack interaction payload.");
        if (payload.Type != BlockActionsPayload.BlockActionsType || payload.Actions.Count == 0) return TypedResults.Ok();

        // Slack shows the user an error for a non-200 answer: the click was not taken.
        return queue.TryEnqueue<InteractionRunner>((job, ct) => job.RunAsync(payload, ct))
            ? TypedResults.Ok()
            : TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static JsonHttpResult<object> Reply(SlackMessage message, Visibility visibility)
    {
        var fitted = message.Fit();
        object body = new
        {
            response_type = visibility == Visibility.InChannel ? "in_channel" : "ephemeral",
            text = fitted.Text,
            blocks = fitted.Blocks,
        };
        return TypedResults.Json(body, SlackMessage.Json);
    }
}
