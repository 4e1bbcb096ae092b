using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BraketBot.Jobs;
using BraketBot.Tests.Support;
using Hangfire;

namespace BraketBot.Tests.Hosting;

/// <summary>The Hangfire dashboard: read-only unless told otherwise, and no change made without its antiforgery token.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task The_dashboard_is_read_only_by_default_even_with_a_valid_token()
    {
        using var bot = Dashboard(readWrite: false);
        using var client = bot.Client();

        var (status, page) = await PageAsync(client);
        var trigger = await client.SendAsync(TriggerReconcile(Token(page)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
        Assert.Equal(0, ReconcileJobs(bot));
    }

    [Fact]
    public async Task A_read_write_dashboard_refuses_a_change_without_its_antiforgery_token_and_makes_it_with_one()
    {
        using var bot = Dashboard(readWrite: true);
        using var client = bot.Client();

        var (_, page) = await PageAsync(client);
        var forged = await client.SendAsync(TriggerReconcile(token: null));
        var refusedBefore = ReconcileJobs(bot);
        var made = await client.SendAsync(TriggerReconcile(Token(page)));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(0, refusedBefore);
        Assert.Equal(HttpStatusCode.NoContent, made.StatusCode);
        Assert.Equal(1, ReconcileJobs(bot));
    }

    private static BotFactory Dashboard(bool readWrite)
    {
        var bot = new BotFactory();
        bot.Settings["Hangfire:Dashboard:Username"] = "ops";
        bot.Settings["Hangfire:Dashboard:Password"] = "s3cret";
        bot.Settings["Hangfire:Dashboard:ReadWrite"] = readWrite ? "true" : "false";
        return bot;
    }

    private static async Task<(HttpStatusCode Status, string Page)> PageAsync(HttpClient client)
    {
        var request = Authorized(new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring"));
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Token(string page) => CsrfToken().Match(page) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The dashboard's page carries no antiforgery token.");

    /// <summary>The recurring page's "Trigger now", as its script sends it (the token in a header, the cookie with the client).</summary>
    private static HttpRequestMessage TriggerReconcile(string? token)
    {
        var request = Authorized(new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", ReconcileJob.Id)]),
        });
        if (token is not null) request.Headers.Add(JobsExtensions.AntiforgeryHeader, token);
        return request;
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("ops:s3cret"u8.ToArray()));
        return request;
    }

    /// <summary>Reconcile jobs made so far: none or the last one (its cron is never due in tests: only a trigger makes one).</summary>
    private static int ReconcileJobs(BotFactory bot)
    {
        using var connection = bot.Service<JobStorage>().GetConnection();
        var recurring = connection.GetAllEntriesFromHash($"recurring-job:{ReconcileJob.Id}");
        return recurring?.GetValueOrDefault("LastJobId") is { Length: > 0 } ? 1 : 0;
    }

    [GeneratedRegex("""<meta name="csrf-token" content="([^"]+)">""")]
    private static partial Regex CsrfToken();
}
