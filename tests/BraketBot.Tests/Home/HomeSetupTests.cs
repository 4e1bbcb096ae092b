using System.Text.Json;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Home;

/// <summary>The Home tab's route is in the OpenAPI document (the manifests' part is in DeployFilesTests).</summary>
[Collection(ReportsHost.Name)]
public sealed class HomeSetupTests(AppFixture fixture) : IntegrationTests(fixture)
{
    [Fact]
    public async Task The_openapi_document_lists_the_events_route_with_a_summary()
    {
        var client = Client;

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var post = document.RootElement.GetProperty("paths").GetProperty("/slack/events").GetProperty("post");
        Assert.Contains("app_home_opened", post.GetProperty("summary").GetString());
    }
}
