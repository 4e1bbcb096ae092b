using System.Globalization;
using BraketBot.Commands;
using BraketBot.Interactions;
using BraketBot.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BraketBot.Slack;

/// <summary>
/// Slack's HTTP entry points, behind the signature filter. Each answers within milliseconds: the
/// intake checks and queues, and the slow answer goes to the response_url or the Home tab (Slack's 3-second rule).
/// </summary>
public static class SlackEndpoints
{
    public static RouteGroupBuilder MapSlackRoutes(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/slack").AddEndpointFilter<SlackSignatureFilter>().DisableAntiforgery().WithTags("Slack");
        slack
            .MapPost("/commands", SlashCommandAsync)
            .WithSummary("Slack slash command /braket (form-encoded), verified by Slack's v0 signature.");
        slack
            .MapPost("/interactions", InteractionAsync)
            .WithSummary("Slack interactivity: block_actions button clicks (form field payload), verified by Slack's v0 signature.");
        slack
            .MapPost("/events", EventAsync)
            .WithSummary("Slack Events API (JSON): url_verification, and app_home_opened (Home tab), verified by Slack's v0 signature.");
        return slack;
    }

    public static async Task<Results<JsonHttpResult<object>, Ok, BadRequest<string>, UnauthorizedHttpResult>> SlashCommandAsync(
        HttpRequest request,
        CommandIntake intake
    )
    {
        var form = await ReadFormAsync(request);
        if (form is null)
            return TypedResults.BadRequest("Expected a form-encoded slash command.");
        var slash = SlashCommand.From(name => form[name].ToString());
        if (slash is null)
            return TypedResults.BadRequest("The slash command lacks user_id or response_url.");

        var accepted = await intake.AcceptCommandAsync(slash, DeliveryId(request), request.HttpContext.RequestAborted);
        return accepted.Admission switch
        {
            Admission.Refused => TypedResults.Unauthorized(),
            Admission.Replayed => TypedResults.Ok(),
            _ => Reply(accepted.Reply!),
        };
    }

    public static async Task<Results<Ok, BadRequest<string>, UnauthorizedHttpResult, StatusCodeHttpResult>> InteractionAsync(
        HttpRequest request,
        CommandIntake intake
    )
    {
        var form = await ReadFormAsync(request);
        if (form is null)
            return TypedResults.BadRequest("Expected a form field named payload.");
        var payload = BlockActionsPayload.Parse(form["payload"].ToString());
        if (payload is null)
            return TypedResults.BadRequest("The payload field is not a Slack interaction payload with actions.");

        // Slack shows the user an error for a non-200 answer: the click was not taken.
        return await intake.AcceptClickAsync(payload, DeliveryId(request), request.HttpContext.RequestAborted) switch
        {
            Admission.Refused => TypedResults.Unauthorized(),
            Admission.Busy => TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable),
            _ => TypedResults.Ok(),
        };
    }

    /// <summary>Slack's header on a retried event: how many times it was sent before.</summary>
    public const string RetryNumberHeader = "X-Slack-Retry-Num";

    public static async Task<Results<Ok<SlackChallenge>, Ok, BadRequest<string>, UnauthorizedHttpResult, StatusCodeHttpResult>> EventAsync(
        HttpRequest request,
        SlackEventIntake intake
    )
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var callback = SlackEventCallback.Parse(body.GetBuffer().AsSpan(0, (int)body.Length));
        if (callback is null)
            return TypedResults.BadRequest("Expected a Slack Events API body: a JSON object with a type.");
        if (callback.Type == SlackEventCallback.UrlVerification)
        {
            if (callback.Challenge is not { Length: > 0 } challenge)
                return TypedResults.BadRequest("The url_verification lacks its challenge.");
            await intake.NoteReachedAsync(request.HttpContext.RequestAborted);
            return TypedResults.Ok(new SlackChallenge(challenge));
        }

        var retry = int.TryParse(request.Headers[RetryNumberHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        // A non-200 answer makes Slack deliver the event again (at once, after a minute, after five): only when it was not taken.
        return await intake.AcceptAsync(callback, retry, request.HttpContext.RequestAborted) switch
        {
            Admission.Refused => TypedResults.Unauthorized(),
            Admission.Busy => TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable),
            _ => TypedResults.Ok(),
        };
    }

    /// <summary>The form, or null when the body is not valid form encoding (a stray %00, a broken escape).</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
            return null;
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e)
            when (e is InvalidDataException or InvalidOperationException or FormatException or System.Text.DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>A signed request's signature is unique to its timestamp and body: a replay carries the same one.</summary>
    private static string DeliveryId(HttpRequest request) => "http:" + request.Headers[SlackSignature.SignatureHeader];

    private static JsonHttpResult<object> Reply(SlashReply reply) => TypedResults.Json(ImmediateReply.Body(reply), SlackMessage.Json);
}
