using System.Net;
using BraketBot.Jobs;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Hosting;

/// <summary>The dashboard's credentials, on the host of its default kind (read-only, "ops" and "s3cret" set at start).</summary>
[Collection(DashboardHosts.Name)]
public sealed class DashboardCredentialsTests(ReadOnlyDashboard fixture) : DashboardIntegrationTests(fixture)
{
    [Fact]
    public async Task Hangfire_dashboard_asks_for_its_credentials()
    {
        var anonymous = await Client.GetAsync("/hangfire");
        var wrong = Basic(new HttpRequestMessage(HttpMethod.Get, "/hangfire"), "guess");
        var right = Basic(new HttpRequestMessage(HttpMethod.Get, "/hangfire"), "s3cret");

        // A browser is shown the sign-in form (its session: DashboardTests); a script reads with Basic credentials.
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(DashboardSession.SignInPath, anonymous.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(right)).StatusCode);
    }
}
