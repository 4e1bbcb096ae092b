using System.Net;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Hosting;

/// <summary>The Hangfire dashboard as configured by default: read-only, whoever signed in.</summary>
[Collection(DashboardHosts.Name)]
public sealed class ReadOnlyDashboardTests(ReadOnlyDashboard fixture) : DashboardIntegrationTests(fixture)
{
    [Fact]
    public async Task The_dashboard_is_read_only_by_default_even_with_a_session_and_a_valid_token()
    {
        using var client = Browser(Bot);
        await SignInAsync(client, "ops", "s3cret");

        var (status, page) = await PageAsync(client);
        var trigger = await client.SendAsync(TriggerReconcile(Token(page)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
        Assert.Equal(0, ReconcileJobs());
    }
}
