using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BraketBot.Jobs;
using Hangfire;

namespace BraketBot.Tests.Support;

/// <summary>A test of the Hangfire dashboard on its kind's shared host (<see cref="DashboardHosts"/>): a browser's and a
/// script's ways in.</summary>
public abstract partial class DashboardIntegrationTests(DashboardFixture fixture) : IntegrationTests(fixture)
{
    private string? reconcileBefore;

    /// <summary>The reconcile job the shared host made before this test (earlier tests triggered it).</summary>
    protected sealed override void Arrange() => reconcileBefore = LastReconcileJob(Bot);

    /// <summary>A browser of the host's address: its own cookies, and redirects shown rather than followed.</summary>
    protected static HttpClient Browser(BotFactory bot)
    {
        using var probe = bot.Client();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = probe.BaseAddress,
        };
    }

    /// <summary>As many wrong sign-ins as the limit allows, each from the client the proxy names.</summary>
    protected static async Task<List<HttpStatusCode>> GuessAsync(HttpClient client, Func<int, string> flyClientIp)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < DashboardSession.SignInAttemptsPerMinute; i++)
            answers.Add((await SignInAsync(client, "ops", $"guess{i}", flyClientIp: flyClientIp(i))).StatusCode);
        return answers;
    }

    /// <summary>Fills the sign-in form as a browser does: the form first (its antiforgery cookie and token), then the post.</summary>
    protected static async Task<HttpResponseMessage> SignInAsync(
        HttpClient client,
        string username,
        string password,
        string returnUrl = "/hangfire",
        bool forwardedHttps = false,
        string? flyClientIp = null
    )
    {
        var form = await (await client.GetAsync(new Uri(DashboardSession.SignInPath, UriKind.Relative))).Content.ReadAsStringAsync();
        var token = FormToken().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in form carries no antiforgery token.");
        var post = new HttpRequestMessage(HttpMethod.Post, DashboardSession.SignInPath)
        {
            Content = new FormUrlEncodedContent([
                new("__RequestVerificationToken", token),
                new(DashboardSignIn.UsernameField, username),
                new(DashboardSignIn.PasswordField, password),
                new(DashboardSession.ReturnUrlField, returnUrl),
            ]),
        };
        if (forwardedHttps)
            post.Headers.Add("X-Forwarded-Proto", "https");
        if (flyClientIp is not null)
            post.Headers.Add(DashboardGuessLimiter.FlyClientIpHeader, flyClientIp);
        return await client.SendAsync(post);
    }

    protected static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(DashboardSession.CookieName + "=", StringComparison.Ordinal))
            : null;

    protected static async Task<(HttpStatusCode Status, string Page)> PageAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    protected static string Token(string page) =>
        CsrfToken().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The dashboard's page carries no antiforgery token.");

    /// <summary>The recurring page's "Trigger now", as its script sends it (the token in a header, the cookies with the client).</summary>
    protected static HttpRequestMessage TriggerReconcile(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", ReconcileJob.Id)]),
        };
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        if (token is not null)
            request.Headers.Add(JobsExtensions.AntiforgeryHeader, token);
        return request;
    }

    protected static HttpRequestMessage Basic(HttpRequestMessage request, string password)
    {
        var credentials = System.Text.Encoding.UTF8.GetBytes("ops:" + password);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));
        return request;
    }

    /// <summary>Reconcile jobs this test made so far: none or the last one (its cron is never due in tests: only a trigger makes
    /// one).</summary>
    protected int ReconcileJobs() => LastReconcileJob(Bot) is { Length: > 0 } last && last != reconcileBefore ? 1 : 0;

    private static string? LastReconcileJob(BotFactory bot)
    {
        using var connection = bot.Service<JobStorage>().GetConnection();
        return connection.GetAllEntriesFromHash($"recurring-job:{ReconcileJob.Id}")?.GetValueOrDefault("LastJobId");
    }

    [GeneratedRegex("""<meta name="csrf-token" content="([^"]+)">""")]
    private static partial Regex CsrfToken();

    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)">""")]
    private static partial Regex FormToken();
}
