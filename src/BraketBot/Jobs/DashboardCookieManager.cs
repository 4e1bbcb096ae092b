using Microsoft.AspNetCore.Authentication.Cookies;

namespace BraketBot.Jobs;

/// <summary>
/// The session cookie is Secure whenever the browser came over HTTPS: directly, or through a proxy that ended TLS and
/// says so (X-Forwarded-Proto), as Fly.io's and most load balancers do; the request the host sees is then plain HTTP.
/// </summary>
public sealed class DashboardCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, key);

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, key, value, Secured(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, key, Secured(context, options));

    private static CookieOptions Secured(HttpContext context, CookieOptions options)
    {
        var forwardedHttps = string.Equals(context.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase);
        if (context.Request.IsHttps || forwardedHttps)
            options.Secure = true;
        return options;
    }
}
