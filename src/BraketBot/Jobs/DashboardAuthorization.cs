using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace BraketBot.Jobs;

/// <summary>HTTP basic authentication in front of the Hangfire dashboard, compared in constant time.</summary>
public sealed class DashboardAuthorization(JobsDashboardOptions options) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } parameter
            && Matches(parameter))
            return true;
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"BraketBot jobs\"";
        return false;
    }

    private bool Matches(string parameter)
    {
        var expected = Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(parameter));
    }
}
