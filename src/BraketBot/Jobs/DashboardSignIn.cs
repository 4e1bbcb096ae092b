using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BraketBot.Jobs;

/// <summary>
/// The dashboard's sign-in form: a POST checked against forgery, the configured credentials compared in constant
/// time, and on success the session cookie and a way back to the page asked for. A refusal says nothing of which
/// part was wrong and sets no session.
/// </summary>
public static partial class DashboardSignIn
{
    public const string UsernameField = "username";

    public const string PasswordField = "password";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(DashboardSession.SignInPath, Show).ExcludeFromDescription();
        app.MapPost(DashboardSession.SignInPath, SignInAsync).ExcludeFromDescription();
    }

    private static ContentHttpResult Show(HttpContext http, IAntiforgery antiforgery) =>
        Form(http, antiforgery, http.Request.Query[DashboardSession.ReturnUrlField], problem: null, StatusCodes.Status200OK);

    private static async Task<IResult> SignInAsync(
        HttpContext http,
        IAntiforgery antiforgery,
        JobsDashboardOptions options,
        DashboardGuessLimiter guesses,
        ILoggerFactory logs
    )
    {
        var logger = logs.CreateLogger(typeof(DashboardSignIn));
        if (!guesses.TryAttempt(http))
        {
            LogThrottled(logger, guesses.ClientOf(http));
            return TooManyAttempts(http);
        }
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            LogForged(logger, http.Connection.RemoteIpAddress);
            return TypedResults.BadRequest("The sign-in form expired or came from another site; open it again.");
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = form[DashboardSession.ReturnUrlField].ToString();
        if (!options.Accepts(form[UsernameField], form[PasswordField]))
        {
            LogRefused(logger, http.Connection.RemoteIpAddress);
            return Form(http, antiforgery, returnUrl, "Wrong user name or password.", StatusCodes.Status401Unauthorized);
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, form[UsernameField].ToString())], DashboardSession.CookieScheme);
        await http.SignInAsync(DashboardSession.CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.Redirect(LocalDashboardUrl(returnUrl));
    }

    /// <summary>The answer once a client has used up its attempts: a person may try again in a minute.</summary>
    private static StatusCodeHttpResult TooManyAttempts(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "60";
        return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>
    /// Back to the dashboard page asked for, never elsewhere: an open redirect would lend this site's name to another.
    /// Only a plain path of printable ASCII goes in the Location header: a control or non-ASCII character there would fail
    /// the answer (or split it); anything else goes to the dashboard's home.
    /// </summary>
    private static string LocalDashboardUrl(string? returnUrl) =>
        returnUrl is { } url
        && UnderDashboard(url)
        && url.All(c => c is > ' ' and < '\x7f' and not '\\')
        && Uri.TryCreate(url, UriKind.Relative, out _)
            ? url
            : DashboardSession.Path;

    private static bool UnderDashboard(string url) =>
        url.StartsWith(DashboardSession.Path, StringComparison.Ordinal)
        && (url.Length == DashboardSession.Path.Length || url[DashboardSession.Path.Length] is '/' or '?' or '#')
        && !url.StartsWith(DashboardSession.Path + "//", StringComparison.Ordinal);

    private static ContentHttpResult Form(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? problem, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.CacheControl = "no-store";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>BraketBot jobs: sign in</title></head>
            <body>
            <h1>BraketBot jobs</h1>
            {(problem is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(problem)}</p>")}
            <form method="post" action="{DashboardSession.SignInPath}">
            <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
            <input type="hidden" name="{DashboardSession.ReturnUrlField}" value="{WebUtility.HtmlEncode(LocalDashboardUrl(returnUrl))}">
            <p><label>User name <input name="{UsernameField}" autocomplete="username" required></label></p>
            <p><label>Password <input name="{PasswordField}" type="password" autocomplete="current-password" required></label></p>
            <p><button type="submit">Sign in</button></p>
            </form>
            </body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard sign-in refused from {Address}: wrong user name or password")]
    private static partial void LogRefused(ILogger logger, IPAddress? address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard sign-in refused from {Client}: too many attempts this minute")]
    private static partial void LogThrottled(ILogger logger, string client);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard sign-in refused from {Address}: no valid antiforgery token")]
    private static partial void LogForged(ILogger logger, IPAddress? address);
}
