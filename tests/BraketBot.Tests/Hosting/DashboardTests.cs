using System.Net;
using BraketBot.Jobs;
using BraketBot.Tests.Support;
using Npgsql;

namespace BraketBot.Tests.Hosting;

/// <summary>
/// The Hangfire dashboard: a signed-in session (SameSite=Strict) or a script's Basic read, read-only unless told
/// otherwise, and no change made without its antiforgery token.
/// </summary>
[Collection(DashboardHosts.Name)]
public sealed class DashboardTests(ReadWriteDashboard fixture) : DashboardIntegrationTests(fixture)
{
    [Fact]
    public async Task A_visitor_without_a_session_is_sent_to_the_sign_in_form()
    {
        using var client = Browser(Bot);

        var page = await client.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        var form = await client.GetAsync(page.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/hangfire/sign-in?returnUrl=%2Fhangfire%2Frecurring", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("""name="password" type="password""", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong_and_sets_no_session()
    {
        using var client = Browser(Bot);

        var refused = await SignInAsync(client, "ops", "wrong");
        var wrongUser = await SignInAsync(client, "root", "s3cret");
        var page = await client.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongUser.StatusCode);
        Assert.Contains("Wrong user name or password.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Wrong user name or password.", await wrongUser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SessionCookie(refused));
        Assert.Null(SessionCookie(wrongUser));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task Guessing_is_slowed_to_ten_sign_in_attempts_a_minute()
    {
        using var client = Browser(Bot);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= DashboardSession.SignInAttemptsPerMinute; i++)
            answers.Add((await SignInAsync(client, "ops", $"guess{i}")).StatusCode);
        var right = await SignInAsync(client, "ops", "s3cret");

        Assert.All(answers.Take(DashboardSession.SignInAttemptsPerMinute), a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Null(SessionCookie(right));
    }

    [Fact]
    public async Task Wrong_Basic_passwords_count_against_the_sign_in_limit_and_beyond_it_even_the_right_one_is_refused()
    {
        using var client = Browser(Bot);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= DashboardSession.SignInAttemptsPerMinute; i++)
            answers.Add((await client.SendAsync(Basic(new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring"), $"g{i}"))).StatusCode);
        var right = await client.SendAsync(Basic(new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring"), "s3cret"));
        var form = await SignInAsync(client, "ops", "s3cret");

        Assert.All(answers.Take(DashboardSession.SignInAttemptsPerMinute), a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.DoesNotContain("Recurring", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Null(SessionCookie(form));
    }

    [Fact]
    public async Task Off_Fly_a_Fly_Client_IP_header_is_anyones_to_write_and_does_not_escape_the_limit()
    {
        using var client = Browser(Bot);

        var guesses = await GuessAsync(client, i => $"203.0.113.{i}");
        var rotated = await SignInAsync(client, "ops", "s3cret", flyClientIp: "198.51.100.20");

        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g));
        Assert.Equal(HttpStatusCode.TooManyRequests, rotated.StatusCode);
        Assert.Null(SessionCookie(rotated));
    }

    [Theory]
    [InlineData("/hangfire/\u00e9")]
    [InlineData("/hangfire/jobs\r\nSet-Cookie: planted=1")]
    [InlineData("/hangfire/\tjobs")]
    [InlineData("/hangfireevil")]
    public async Task A_way_back_with_control_or_non_ASCII_characters_goes_to_the_dashboards_home(string returnUrl)
    {
        using var client = Browser(Bot);

        var signedIn = await SignInAsync(client, "ops", "s3cret", returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/hangfire", signedIn.Headers.Location!.OriginalString);
        Assert.NotNull(SessionCookie(signedIn));
    }

    [Fact]
    public async Task A_well_formed_percent_encoded_way_back_is_kept()
    {
        using var client = Browser(Bot);

        var signedIn = await SignInAsync(client, "ops", "s3cret", returnUrl: "/hangfire/jobs/details/%C3%A9?x=1");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/hangfire/jobs/details/%C3%A9?x=1", signedIn.Headers.Location!.OriginalString);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_a_session_issued_by_one_host_opens_the_dashboard_on_another()
    {
        // Hosts of its own: two instances on a fresh database, whose keys it counts (the shared host keeps its state in memory).
        await using var database = await TestDatabase.CreateAsync();
        using var a = DashboardFixture.Configure(new BotFactory(), readWrite: false).OnPostgres(database.ConnectionString);
        using var b = DashboardFixture.Configure(new BotFactory(), readWrite: false).OnPostgres(database.ConnectionString);
        using var browserA = Browser(a);
        using var probeB = b.Client();
        using var clientB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = probeB.BaseAddress,
        };

        var signedIn = await SignInAsync(browserA, "ops", "s3cret");
        var cookie = SessionCookie(signedIn)!.Split(';')[0];
        var onB = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        onB.Headers.Add("Cookie", cookie);
        var page = await clientB.SendAsync(onB);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Recurring", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // In the shared database, not in a directory of one machine (here both hosts share one, as machines do not).
        Assert.True(await KeysInDatabaseAsync(database) > 0);
    }

    private static async Task<long> KeysInDatabaseAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM braketbot.data_protection_keys", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_right_credentials_give_an_HttpOnly_SameSite_Strict_session_that_opens_the_page_asked_for()
    {
        using var client = Browser(Bot);

        var signedIn = await SignInAsync(client, "ops", "s3cret", returnUrl: "/hangfire/recurring");
        var page = await client.GetAsync(signedIn.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/hangfire/recurring", signedIn.Headers.Location!.OriginalString);
        var cookie = SessionCookie(signedIn)!.ToLowerInvariant();
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/hangfire", cookie, StringComparison.Ordinal);
        // A session cookie; the ticket inside lapses after 8 idle hours.
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Recurring", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_proxy_that_ended_TLS_the_session_cookie_is_Secure_and_the_way_back_never_leaves_the_dashboard()
    {
        using var client = Browser(Bot);

        var signedIn = await SignInAsync(client, "ops", "s3cret", returnUrl: "//evil.example/hangfire", forwardedHttps: true);

        Assert.Contains("secure", SessionCookie(signedIn)!.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Equal("/hangfire", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_sign_in_posted_from_another_site_without_the_forms_antiforgery_token_is_refused()
    {
        using var client = Browser(Bot);

        var forged = await client.PostAsync(
            new Uri(DashboardSession.SignInPath, UriKind.Relative),
            new FormUrlEncodedContent([
                new(DashboardSignIn.UsernameField, "ops"),
                new(DashboardSignIn.PasswordField, "s3cret"),
                new(DashboardSession.ReturnUrlField, "/hangfire"),
            ])
        );

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(SessionCookie(forged));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_read_write_dashboard_refuses_a_change_without_its_antiforgery_token_and_makes_it_with_one()
    {
        using var client = Browser(Bot);
        await SignInAsync(client, "ops", "s3cret");

        var (_, page) = await PageAsync(client);
        var forged = await client.SendAsync(TriggerReconcile(token: null));
        var refusedBefore = ReconcileJobs();
        var made = await client.SendAsync(TriggerReconcile(Token(page)));

        Assert.Contains("js-jobs-list-command", page, StringComparison.Ordinal); // its buttons, which a read-only page lacks
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(0, refusedBefore);
        Assert.Equal(HttpStatusCode.NoContent, made.StatusCode);
        Assert.Equal(1, ReconcileJobs());
    }

    [Fact]
    public async Task A_script_reads_with_Basic_credentials_but_changes_nothing_with_them_as_a_browser_would_send_them_cross_site()
    {
        using var client = Browser(Bot);

        var page = await client.SendAsync(Basic(new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring"), "s3cret"));
        var wrong = await client.SendAsync(Basic(new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring"), "wrong"));
        var body = await page.Content.ReadAsStringAsync();
        var trigger = await client.SendAsync(Basic(TriggerReconcile(Token(body)), "s3cret"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("js-jobs-list-command", body, StringComparison.Ordinal); // read-only: no buttons for it
        Assert.NotEqual(HttpStatusCode.NoContent, trigger.StatusCode);
        Assert.Equal(0, ReconcileJobs());
    }
}
