using Microsoft.AspNetCore.Authentication;

namespace BraketBot.Jobs;

/// <summary>
/// Who may open the Hangfire dashboard. A person signs in once through a small form with the configured credentials
/// and holds a session cookie: HttpOnly, SameSite=Strict (a page of another site never sends it, so it cannot make a
/// signed-in browser change a job), Secure over HTTPS, good for <see cref="IdleTimeout"/> after the last request.
/// A script may read (GET) with Basic credentials; see <see cref="DashboardBasicHandler"/>.
/// </summary>
public static class DashboardSession
{
    /// <summary>The scheme the dashboard asks for: Basic for a script's read that carries it, else the session.</summary>
    public const string Scheme = "Dashboard";

    public const string CookieScheme = "DashboardSession";

    public const string BasicScheme = "DashboardBasic";

    public const string Policy = "Dashboard";

    public const string CookieName = "braketbot-dashboard";

    public const string Path = "/hangfire";

    public const string SignInPath = Path + "/sign-in";

    public const string ReturnUrlField = "returnUrl";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    /// <summary>Sign-in posts and failed Basic reads a client may make a minute: enough for a person, slow for a guesser.</summary>
    public const int SignInAttemptsPerMinute = 10;

    public static IServiceCollection AddDashboardSession(this IServiceCollection services)
    {
        services
            .AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.Path = Path;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CookieManager = new DashboardCookieManager();
                o.ExpireTimeSpan = IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.ReturnUrlParameter = ReturnUrlField;
            })
            .AddScheme<AuthenticationSchemeOptions, DashboardBasicHandler>(BasicScheme, null)
            .AddPolicyScheme(Scheme, "BraketBot jobs", o =>
                o.ForwardDefaultSelector = context => DashboardBasicHandler.Applies(context.Request) ? BasicScheme : CookieScheme
            );
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        services.AddSingleton<DashboardGuessLimiter>();
        return services;
    }
}
