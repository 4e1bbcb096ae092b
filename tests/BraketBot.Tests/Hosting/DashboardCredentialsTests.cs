using System.Net;
using System.Net.Http.Headers;
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
        var wrong = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("ops:guess"u8.ToArray()));
        var right = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        right.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("ops:s3cret"u8.ToArray()));

        // A browser is shown the sign-in form (its session: DashboardTests); a script reads with Basic credentials.
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(DashboardSession.SignInPath, anonymous.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(right)).StatusCode);
    }
}
