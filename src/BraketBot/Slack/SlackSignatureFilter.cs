using BraketBot.Hosting;
using Microsoft.Extensions.Options;

namespace BraketBot.Slack;

/// <summary>
/// Lets through only requests that carry a valid, fresh Slack signature over the raw body;
/// everything else is a 401 and never reaches a handler. The body is kept for the handler to read.
/// </summary>
public sealed partial class SlackSignatureFilter(
    IOptionsMonitor<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackSignatureFilter> logger
) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;

        var body = await request.ReadBodyAsync(RequestBody.MaxBytes, context.HttpContext.RequestAborted);
        if (body is null)
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        request.Body = new MemoryStream(body, writable: false);

        var check = SlackSignature.Verify(
            options.CurrentValue.SigningSecret,
            request.Headers[SlackSignature.TimestampHeader],
            request.Headers[SlackSignature.SignatureHeader],
            body,
            time.GetUtcNow()
        );
        if (check == SignatureCheck.Valid)
            return await next(context);

        LogRefused(request.Path, check);
        return TypedResults.Unauthorized();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path}: Slack signature {Check}")]
    private partial void LogRefused(PathString path, SignatureCheck check);
}
