using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BraketBot.Jobs;
using BraketBot.Tests.Support;
using Hangfire;
using Npgsql;

namespace BraketBot.Tests.Hosting;

/// <summary>
/// The Hangfire dashboard: a signed-in session (SameSite=Strict) or a script's Basic read, read-only unless told
/// otherwise, and no change made without its antiforgery token.
/// </summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task A_visitor_without_a_session_is_sent_to_the_sign_in_form()
    {
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

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
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

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
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

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
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

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
    public async Task On_Fly_each_client_named_by_the_proxy_has_its_own_limit_so_one_guesser_locks_out_nobody_else()
    {
        using var bot = Dashboard(readWrite: true);
        bot.Settings[DashboardGuessLimiter.FlyAppVariable] = "braketbot";
        using var client = Browser(bot);

        var guesses = await GuessAsync(client, _ => "203.0.113.7");
        var guesser = await SignInAsync(client, "ops", "s3cret", flyClientIp: "203.0.113.7");
        var operatorSignIn = await SignInAsync(client, "ops", "s3cret", flyClientIp: "198.51.100.20");

        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g));
        Assert.Equal(HttpStatusCode.TooManyRequests, guesser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, operatorSignIn.StatusCode);
        Assert.NotNull(SessionCookie(operatorSignIn));
    }

    [Fact]
    public async Task Off_Fly_a_Fly_Client_IP_header_is_anyones_to_write_and_does_not_escape_the_limit()
    {
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

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
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

        var signedIn = await SignInAsync(client, "ops", "s3cret", returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/hangfire", signedIn.Headers.Location!.OriginalString);
        Assert.NotNull(SessionCookie(signedIn));
    }

    [Fact]
    public async Task A_well_formed_percent_encoded_way_back_is_kept()
    {
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

        var signedIn = await SignInAsync(client, "ops", "s3cret", returnUrl: "/hangfire/jobs/details/%C3%A9?x=1");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/hangfire/jobs/details/%C3%A9?x=1", signedIn.Headers.Location!.OriginalString);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_a_session_issued_by_one_host_opens_the_dashboard_on_another()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var a = Dashboard(readWrite: false).OnPostgres(database.ConnectionString);
        using var b = Dashboard(readWrite: false).OnPostgres(database.ConnectionString);
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
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

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
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

        var signedIn = await SignInAsync(client, "ops", "s3cret", returnUrl: "//evil.example/hangfire", forwardedHttps: true);

        Assert.Contains("secure", SessionCookie(signedIn)!.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Equal("/hangfire", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_sign_in_posted_from_another_site_without_the_forms_antiforgery_token_is_refused()
    {
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

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
    public async Task The_dashboard_is_read_only_by_default_even_with_a_session_and_a_valid_token()
    {
        using var bot = Dashboard(readWrite: false);
        using var client = Browser(bot);
        await SignInAsync(client, "ops", "s3cret");

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
        using var client = Browser(bot);
        await SignInAsync(client, "ops", "s3cret");

        var (_, page) = await PageAsync(client);
        var forged = await client.SendAsync(TriggerReconcile(token: null));
        var refusedBefore = ReconcileJobs(bot);
        var made = await client.SendAsync(TriggerReconcile(Token(page)));

        Assert.Contains("js-jobs-list-command", page, StringComparison.Ordinal); // its buttons, which a read-only page lacks
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(0, refusedBefore);
        Assert.Equal(HttpStatusCode.NoContent, made.StatusCode);
        Assert.Equal(1, ReconcileJobs(bot));
    }

    [Fact]
    public async Task A_script_reads_with_Basic_credentials_but_changes_nothing_with_them_as_a_browser_would_send_them_cross_site()
    {
        using var bot = Dashboard(readWrite: true);
        using var client = Browser(bot);

        var page = await client.SendAsync(Basic(new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring"), "s3cret"));
        var wrong = await client.SendAsync(Basic(new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring"), "wrong"));
        var body = await page.Content.ReadAsStringAsync();
        var trigger = await client.SendAsync(Basic(TriggerReconcile(Token(body)), "s3cret"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("js-jobs-list-command", body, StringComparison.Ordinal); // read-only: no buttons for it
        Assert.NotEqual(HttpStatusCode.NoContent, trigger.StatusCode);
        Assert.Equal(0, ReconcileJobs(bot));
    }

    /// <summary>A browser of the host's address: its own cookies, and redirects shown rather than followed.</summary>
    private static HttpClient Browser(BotFactory bot)
    {
        using var probe = bot.Client();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = probe.BaseAddress,
        };
    }

    private static BotFactory Dashboard(bool readWrite)
    {
        var bot = new BotFactory();
        bot.Settings["Hangfire:Dashboard:Username"] = "ops";
        bot.Settings["Hangfire:Dashboard:Password"] = "s3cret";
        bot.Settings["Hangfire:Dashboard:ReadWrite"] = readWrite ? "true" : "false";
        return bot;
    }

    /// <summary>As many wrong sign-ins as the limit allows, each from the client the proxy names.</summary>
    private static async Task<List<HttpStatusCode>> GuessAsync(HttpClient client, Func<int, string> flyClientIp)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < DashboardSession.SignInAttemptsPerMinute; i++)
            answers.Add((await SignInAsync(client, "ops", $"guess{i}", flyClientIp: flyClientIp(i))).StatusCode);
        return answers;
    }

    /// <summary>Fills the sign-in form as a browser does: the form first (its antiforgery cookie and token), then the post.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(
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

    private static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(DashboardSession.CookieName + "=", StringComparison.Ordinal))
            : null;

    private static async Task<(HttpStatusCode Status, string Page)> PageAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Token(string page) =>
        CsrfToken().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The dashboard's page carries no antiforgery token.");

    /// <summary>The recurring page's "Trigger now", as its script sends it (the token in a header, the cookies with the client).</summary>
    private static HttpRequestMessage TriggerReconcile(string? token)
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

    private static HttpRequestMessage Basic(HttpRequestMessage request, string password)
    {
        var credentials = System.Text.Encoding.UTF8.GetBytes("ops:" + password);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));
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

    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)">""")]
    private static partial Regex FormToken();
}
