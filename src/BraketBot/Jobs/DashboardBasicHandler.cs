using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BraketBot.Jobs;

/// <summary>
/// Basic authentication for scripts that read the dashboard (GET and HEAD only). A browser that cached the
/// credentials would send them to a request another site makes, so nothing that changes a job is taken this way:
/// changes need the session, whose cookie is never sent cross-site. A wrong password counts against the same limit as the
/// sign-in form (<see cref="DashboardGuessLimiter"/>): beyond it every Basic read is answered 429, the right password too.
/// </summary>
public sealed class DashboardBasicHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JobsDashboardOptions dashboard,
    DashboardGuessLimiter guesses
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private bool throttled;

    /// <summary>Whether this handler, not the session, answers for the request: a read that carries Basic credentials.</summary>
    public static bool Applies(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
        && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || header.Parameter is not { } parameter)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (guesses.Exhausted(Context))
            return Throttled();
        var (username, password) = Decode(parameter);
        if (!dashboard.Accepts(username, password))
            return guesses.TryAttempt(Context) ? Task.FromResult(AuthenticateResult.Fail("Wrong user name or password.")) : Throttled();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, username!)], DashboardSession.BasicScheme);
        return Task.FromResult(
            AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), DashboardSession.BasicScheme))
        );
    }

    private Task<AuthenticateResult> Throttled()
    {
        throttled = true;
        return Task.FromResult(AuthenticateResult.Fail("Too many attempts this minute."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Task.CompletedTask;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"BraketBot jobs\"";
        return Task.CompletedTask;
    }

    private static (string? Username, string? Password) Decode(string parameter)
    {
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (pair[..colon], pair[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
