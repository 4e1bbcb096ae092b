using System.Text.Json;
using BraketBot.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace BraketBot.Tests.Home;

/// <summary>What a lab sets up for the Home tab agrees with the code: the manifests and the OpenAPI document.</summary>
public sealed class HomeSetupTests
{
    private static YamlMappingNode Manifest(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repository.Path("deploy", file))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    [Theory]
    [InlineData("slack-app-manifest.yaml", "/slack/events")]
    [InlineData("slack-app-manifest.socket-mode.yaml", null)]
    public void Both_manifests_enable_the_home_tab_and_subscribe_to_app_home_opened(string file, string? requestPath)
    {
        var manifest = Manifest(file);

        Assert.Equal("true", ((YamlScalarNode)At(manifest, "features", "app_home", "home_tab_enabled")).Value);
        var events = (YamlMappingNode)At(manifest, "settings", "event_subscriptions");
        Assert.Equal(["app_home_opened"], ((YamlSequenceNode)At(events, "bot_events")).Select(e => ((YamlScalarNode)e).Value));
        var url = events.Children.TryGetValue(new YamlScalarNode("request_url"), out var found) ? ((YamlScalarNode)found).Value : null;
        Assert.Equal(requestPath, url is null ? null : new Uri(url).AbsolutePath);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_events_route_with_a_summary()
    {
        using var bot = new BotFactory();
        using var client = bot.Client();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var post = document.RootElement.GetProperty("paths").GetProperty("/slack/events").GetProperty("post");
        Assert.Contains("app_home_opened", post.GetProperty("summary").GetString());
    }
}
