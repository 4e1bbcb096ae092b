using System.Text.Json;
using BraketBot.Braket;
using BraketBot.Tests.Support;
using BraketBot.Webhooks;
using Microsoft.AspNetCore.Routing;
using YamlDotNet.RepresentationModel;

namespace BraketBot.Tests.Deploy;

/// <summary>The deployment files agree with the code: routes, header, Braket operations.</summary>
public sealed class DeployFilesTests
{
    private static YamlMappingNode Yaml(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repository.Path("deploy", file))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static IReadOnlyList<string> Routes()
    {
        using var bot = new BotFactory(realHttp: false);
        _ = bot.Server;
        return bot.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToList();
    }

    [Fact]
    public void The_slack_manifest_points_at_the_bots_routes_with_the_scopes_it_needs()
    {
        var manifest = Yaml("slack-app-manifest.yaml");
        var routes = Routes();

        var command = (YamlMappingNode)((YamlSequenceNode)At(manifest, "features", "slash_commands")).Single();
        Assert.Equal("/braket", Scalar(command, "command"));
        Assert.Contains(new Uri(Scalar(command, "url")).AbsolutePath, routes);
        Assert.Equal("/slack/commands", new Uri(Scalar(command, "url")).AbsolutePath);
        Assert.Equal("true", Scalar(manifest, "settings", "interactivity", "is_enabled"));
        Assert.Equal("/slack/interactions", new Uri(Scalar(manifest, "settings", "interactivity", "request_url")).AbsolutePath);
        Assert.Contains("/slack/interactions", routes);
        var scopes = ((YamlSequenceNode)At(manifest, "oauth_config", "scopes", "bot")).Select(s => ((YamlScalarNode)s).Value).ToList();
        Assert.Equal(["commands", "chat:write", "channels:history", "groups:history", "channels:read", "groups:read"], scopes);
    }

    [Fact]
    public void The_iam_policy_allows_exactly_the_operations_braketbot_calls()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Repository.Path("deploy", "iam-policy.json")));

        var actions = policy.RootElement.GetProperty("Statement").EnumerateArray()
            .SelectMany(s => s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!)).Order().ToList();

        Assert.Equal(Quota.Documented.Keys.Select(op => "braket:" + op).Order(), actions);
        Assert.All(policy.RootElement.GetProperty("Statement").EnumerateArray(), s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
    }

    [Fact]
    public void The_eventbridge_stack_sends_created_and_queued_tasks_to_the_webhook_with_the_key_and_a_dead_letter_queue()
    {
        var stack = Yaml("eventbridge.yaml");
        var resources = (YamlMappingNode)At(stack, "Resources");
        string Type(string name) => Scalar(resources, name, "Type");

        Assert.Equal("true", Scalar(stack, "Parameters", "ApiKey", "NoEcho"));
        Assert.Equal("AWS::Events::Connection", Type("Connection"));
        Assert.Equal("API_KEY", Scalar(resources, "Connection", "Properties", "AuthorizationType"));
        Assert.Equal(new EventBridgeOptions().ApiKeyHeader, Scalar(resources, "Connection", "Properties", "AuthParameters", "ApiKeyAuthParameters", "ApiKeyName"));
        Assert.Equal("ApiKey", Scalar(resources, "Connection", "Properties", "AuthParameters", "ApiKeyAuthParameters", "ApiKeyValue"));

        Assert.Equal("AWS::Events::ApiDestination", Type("Destination"));
        Assert.EndsWith("/webhooks/eventbridge", Scalar(resources, "Destination", "Properties", "InvocationEndpoint"));
        Assert.Contains("/webhooks/eventbridge", Routes());
        Assert.Equal("POST", Scalar(resources, "Destination", "Properties", "HttpMethod"));
        Assert.Equal("Connection.Arn", Scalar(resources, "Destination", "Properties", "ConnectionArn"));

        var pattern = At(resources, "Rule", "Properties", "EventPattern");
        Assert.Equal(TaskStateChange.Source, ((YamlScalarNode)((YamlSequenceNode)At(pattern, "source")).Single()).Value);
        Assert.Equal(TaskStateChange.DetailType, ((YamlScalarNode)((YamlSequenceNode)At(pattern, "detail-type")).Single()).Value);
        Assert.Equal(["CREATED", "QUEUED"], ((YamlSequenceNode)At(pattern, "detail", "status")).Select(s => ((YamlScalarNode)s).Value));

        var target = (YamlMappingNode)((YamlSequenceNode)At(resources, "Rule", "Properties", "Targets")).Single();
        Assert.Equal("Destination.Arn", Scalar(target, "Arn"));
        Assert.Equal("InvokeRole.Arn", Scalar(target, "RoleArn"));
        Assert.Equal("DeadLetterQueue.Arn", Scalar(target, "DeadLetterConfig", "Arn"));
        Assert.NotNull(At(target, "RetryPolicy", "MaximumRetryAttempts"));
        Assert.Equal("AWS::SQS::Queue", Type("DeadLetterQueue"));
        Assert.Equal("events:InvokeApiDestination", Scalar(((YamlSequenceNode)At(((YamlSequenceNode)At(resources, "InvokeRole", "Properties", "Policies"))[0], "PolicyDocument", "Statement"))[0], "Action"));
    }

    [Fact]
    public void Every_reference_in_the_eventbridge_stack_resolves()
    {
        var stack = Yaml("eventbridge.yaml");
        var names = ((YamlMappingNode)At(stack, "Resources")).Children.Keys
            .Concat(((YamlMappingNode)At(stack, "Parameters")).Children.Keys)
            .Select(k => ((YamlScalarNode)k).Value!).ToHashSet();

        var references = stack.AllNodes.OfType<YamlScalarNode>()
            .Where(n => !n.Tag.IsNonSpecific && !n.Tag.IsEmpty && n.Tag.Value is "!Ref" or "!GetAtt")
            .Select(n => n.Value!.Split('.')[0])
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, names));
    }
}
