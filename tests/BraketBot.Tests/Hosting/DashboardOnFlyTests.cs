using System.Net;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Hosting;

/// <summary>
/// The Hangfire dashboard on a Fly.io machine, where every connection comes from Fly's proxy and its Fly-Client-IP names
/// the client. The limiter keeps its counts between tests: a test here names clients no other test names.
/// </summary>
[Collection(DashboardHosts.Name)]
public sealed class DashboardOnFlyTests(DashboardOnFly fixture) : DashboardIntegrationTests(fixture)
{
    [Fact]
    public async Task On_Fly_each_client_named_by_the_proxy_has_its_own_limit_so_one_guesser_locks_out_nobody_else()
    {
        using var client = Browser(Bot);

        var guesses = await GuessAsync(client, _ => "203.0.113.7");
        var guesser = await SignInAsync(client, "ops", "s3cret", flyClientIp: "203.0.113.7");
        var operatorSignIn = await SignInAsync(client, "ops", "s3cret", flyClientIp: "198.51.100.20");

        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g));
        Assert.Equal(HttpStatusCode.TooManyRequests, guesser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, operatorSignIn.StatusCode);
        Assert.NotNull(SessionCookie(operatorSignIn));
    }
}
