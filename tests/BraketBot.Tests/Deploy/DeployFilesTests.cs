using System.Text.Json;
using BraketBot.Braket;
using BraketBot.Queue;
using BraketBot.Tests.Support;
using BraketBot.Webhooks;
using Microsoft.AspNetCore.Routing;
using YamlDotNet.RepresentationModel;

namespace BraketBot.Tests.Deploy;

/// <summary>The deployment files agree with the code: routes, header, Braket operations.</summary>
/// <remarks>The routes are those of the commands' shared host, read without a request: there is nothing of its state to reset.</remarks>
[Collection(CommandsHost.Name)]
public sealed class DeployFilesTests(AppFixture fixture)
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

    private IReadOnlyList<string> Routes() =>
        fixture
            .Bot.Service<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToList();

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
        Assert.Equal(
            ["commands", "chat:write", "files:write", "channels:history", "groups:history", "channels:read", "groups:read"],
            scopes
        );
    }

    [Fact]
    public void The_socket_mode_manifest_is_the_http_one_without_request_urls()
    {
        var http = Yaml("slack-app-manifest.yaml");
        var socket = Yaml("slack-app-manifest.socket-mode.yaml");

        Assert.Equal("false", Scalar(http, "settings", "socket_mode_enabled"));
        Assert.Equal("true", Scalar(socket, "settings", "socket_mode_enabled"));
        Assert.Equal("true", Scalar(socket, "settings", "interactivity", "is_enabled"));
        Assert.DoesNotContain(socket.AllNodes.OfType<YamlMappingNode>().SelectMany(m => m.Children.Keys).OfType<YamlScalarNode>(), key =>
            key.Value is "url" or "request_url"
        );
        var command = (YamlMappingNode)((YamlSequenceNode)At(socket, "features", "slash_commands")).Single();
        var httpCommand = (YamlMappingNode)((YamlSequenceNode)At(http, "features", "slash_commands")).Single();
        Assert.Equal(Scalar(httpCommand, "command"), Scalar(command, "command"));
        Assert.Equal(Scalar(httpCommand, "usage_hint"), Scalar(command, "usage_hint"));
        Assert.Equal(At(http, "oauth_config").ToString(), At(socket, "oauth_config").ToString());
        Assert.Equal(At(http, "display_information").ToString(), At(socket, "display_information").ToString());
    }

    [Theory]
    [InlineData("slack-app-manifest.yaml", "/slack/events")]
    [InlineData("slack-app-manifest.socket-mode.yaml", null)]
    public void Both_manifests_enable_the_home_tab_and_subscribe_to_app_home_opened(string file, string? requestPath)
    {
        var manifest = Yaml(file);

        Assert.Equal("true", Scalar(manifest, "features", "app_home", "home_tab_enabled"));
        var events = (YamlMappingNode)At(manifest, "settings", "event_subscriptions");
        Assert.Equal(["app_home_opened"], ((YamlSequenceNode)At(events, "bot_events")).Select(e => ((YamlScalarNode)e).Value));
        var url = events.Children.TryGetValue(new YamlScalarNode("request_url"), out var found) ? ((YamlScalarNode)found).Value : null;
        Assert.Equal(requestPath, url is null ? null : new Uri(url).AbsolutePath);
        if (requestPath is not null)
            Assert.Contains(requestPath, Routes());
    }

    [Fact]
    public void The_iam_policy_allows_exactly_the_operations_braketbot_calls()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Repository.Path("deploy", "iam-policy.json")));

        var actions = policy
            .RootElement.GetProperty("Statement")
            .EnumerateArray()
            .SelectMany(s => s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!))
            .Order()
            .ToList();

        Assert.Equal(Quota.Documented.Keys.Select(op => "braket:" + op).Concat(QueuePoller.Actions).Order(), actions);
        Assert.All(policy.RootElement.GetProperty("Statement").EnumerateArray(), s =>
            Assert.Equal("Allow", s.GetProperty("Effect").GetString())
        );
    }

    [Fact]
    public void The_iam_policy_lets_the_poller_use_only_the_queue_the_readme_deploys()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(Repository.Path("deploy", "iam-policy.json")));
        var queue = policy
            .RootElement.GetProperty("Statement")
            .EnumerateArray()
            .Single(s => s.GetProperty("Action").EnumerateArray().Any(a => a.GetString()!.StartsWith("sqs:", StringComparison.Ordinal)));

        var resource = queue.GetProperty("Resource").GetString()!;

        Assert.Equal(QueuePoller.Actions.Order(), queue.GetProperty("Action").EnumerateArray().Select(a => a.GetString()).Order());
        Assert.StartsWith("arn:aws:sqs:*:*:", resource);
        // The stack names its queue after itself (QueueName: !Ref AWS::StackName).
        Assert.Contains("--stack-name " + resource.Split(':')[^1], File.ReadAllText(Repository.Path("README.md")));
    }

    [Fact]
    public void The_eventbridge_stack_sends_every_task_status_to_the_webhook_with_the_key_and_a_dead_letter_queue()
    {
        var stack = Yaml("eventbridge.yaml");
        var resources = (YamlMappingNode)At(stack, "Resources");
        string Type(string name) => Scalar(resources, name, "Type");

        Assert.Equal("true", Scalar(stack, "Parameters", "ApiKey", "NoEcho"));
        Assert.Equal("AWS::Events::Connection", Type("Connection"));
        Assert.Equal("API_KEY", Scalar(resources, "Connection", "Properties", "AuthorizationType"));
        Assert.Equal(
            new EventBridgeOptions().ApiKeyHeader,
            Scalar(resources, "Connection", "Properties", "AuthParameters", "ApiKeyAuthParameters", "ApiKeyName")
        );
        Assert.Equal("ApiKey", Scalar(resources, "Connection", "Properties", "AuthParameters", "ApiKeyAuthParameters", "ApiKeyValue"));

        Assert.Equal("AWS::Events::ApiDestination", Type("Destination"));
        Assert.EndsWith("/webhooks/eventbridge", Scalar(resources, "Destination", "Properties", "InvocationEndpoint"));
        Assert.Contains("/webhooks/eventbridge", Routes());
        Assert.Equal("POST", Scalar(resources, "Destination", "Properties", "HttpMethod"));
        Assert.Equal("Connection.Arn", Scalar(resources, "Destination", "Properties", "ConnectionArn"));

        var pattern = At(resources, "Rule", "Properties", "EventPattern");
        Assert.Equal(TaskStateChange.Source, ((YamlScalarNode)((YamlSequenceNode)At(pattern, "source")).Single()).Value);
        Assert.Equal(TaskStateChange.DetailType, ((YamlScalarNode)((YamlSequenceNode)At(pattern, "detail-type")).Single()).Value);
        // The ledger follows tasks to their end: every status the code knows, in the order of a task's life.
        Assert.Equal(
            QuantumTaskStatuses.All.Select(s => s.ToWire()),
            ((YamlSequenceNode)At(pattern, "detail", "status")).Select(s => ((YamlScalarNode)s).Value)
        );

        Assert.Equal("ApiDestination", Scalar(stack, "Parameters", "Target", "Default"));
        Assert.Equal("UseApiDestination", Scalar(resources, "Destination", "Condition"));
        var target = Target(resources, "ApiDestination");
        Assert.Equal("Destination.Arn", Scalar(target, "Arn"));
        Assert.Equal("InvokeRole.Arn", Scalar(target, "RoleArn"));
        Assert.Equal("DeadLetterQueue.Arn", Scalar(target, "DeadLetterConfig", "Arn"));
        Assert.NotNull(At(target, "RetryPolicy", "MaximumRetryAttempts"));
        Assert.Equal("AWS::SQS::Queue", Type("DeadLetterQueue"));
        Assert.Equal(
            "events:InvokeApiDestination",
            Scalar(
                (
                    (YamlSequenceNode)At(
                        ((YamlSequenceNode)At(resources, "InvokeRole", "Properties", "Policies"))[0],
                        "PolicyDocument",
                        "Statement"
                    )
                )[0],
                "Action"
            )
        );
    }

    [Fact]
    public void With_target_queue_the_eventbridge_stack_sends_the_same_events_to_an_sqs_queue_with_redrive_and_a_policy_for_eventbridge()
    {
        var stack = Yaml("eventbridge.yaml");
        var resources = (YamlMappingNode)At(stack, "Resources");

        Assert.Equal(
            ["ApiDestination", "Queue", "Forward"],
            ((YamlSequenceNode)At(stack, "Parameters", "Target", "AllowedValues")).Select(v => ((YamlScalarNode)v).Value)
        );
        Assert.Equal("AWS::SQS::Queue", Scalar(resources, "EventQueue", "Type"));
        Assert.Equal("UseQueue", Scalar(resources, "EventQueue", "Condition"));
        Assert.Equal("DeadLetterQueue.Arn", Scalar(resources, "EventQueue", "Properties", "RedrivePolicy", "deadLetterTargetArn"));
        Assert.InRange(int.Parse(Scalar(resources, "EventQueue", "Properties", "RedrivePolicy", "maxReceiveCount")), 2, 10);
        Assert.Equal(
            QueuePoller.WaitTimeSeconds.ToString(),
            Scalar(resources, "EventQueue", "Properties", "ReceiveMessageWaitTimeSeconds")
        );

        var target = Target(resources, "Queue");
        Assert.Equal("EventQueue.Arn", Scalar(target, "Arn"));
        Assert.False(
            target.Children.ContainsKey(new YamlScalarNode("RoleArn")),
            "a queue target is allowed by the queue's policy, not a role"
        );
        Assert.Equal("DeadLetterQueue.Arn", Scalar(target, "DeadLetterConfig", "Arn"));

        var policy = At(resources, "EventQueuePolicy", "Properties");
        Assert.Equal("EventQueue", ((YamlScalarNode)((YamlSequenceNode)At(policy, "Queues")).Single()).Value);
        var grant = (YamlMappingNode)((YamlSequenceNode)At(policy, "PolicyDocument", "Statement")).Single();
        Assert.Equal("events.amazonaws.com", Scalar(grant, "Principal", "Service"));
        Assert.Equal("sqs:SendMessage", Scalar(grant, "Action"));
        Assert.Equal("EventQueue.Arn", Scalar(grant, "Resource"));
        Assert.Equal("Rule.Arn", Scalar(grant, "Condition", "ArnEquals", "aws:SourceArn"));
        Assert.Equal("UseQueue", Scalar(stack, "Outputs", "QueueUrl", "Condition"));
        Assert.Equal("EventQueue", Scalar(stack, "Outputs", "QueueUrl", "Value"));
    }

    [Fact]
    public void With_target_forward_a_region_sends_the_same_events_to_the_home_regions_bus()
    {
        var stack = Yaml("eventbridge.yaml");
        var resources = (YamlMappingNode)At(stack, "Resources");

        var target = Target(resources, "Forward");

        Assert.Equal("arn:${AWS::Partition}:events:${HomeRegion}:${AWS::AccountId}:event-bus/default", Scalar(target, "Arn"));
        Assert.Equal("ForwardRole.Arn", Scalar(target, "RoleArn"));
        Assert.Equal("UseForward", Scalar(resources, "ForwardRole", "Condition"));
        var grant = (YamlMappingNode)
            (
                (YamlSequenceNode)At(
                    ((YamlSequenceNode)At(resources, "ForwardRole", "Properties", "Policies"))[0],
                    "PolicyDocument",
                    "Statement"
                )
            ).Single();
        Assert.Equal("events:PutEvents", Scalar(grant, "Action"));
        Assert.Equal(Scalar(target, "Arn"), Scalar(grant, "Resource"));
    }

    /// <summary>The rule's target for a value of the Target parameter: a branch of its nested !If.</summary>
    private static YamlMappingNode Target(YamlMappingNode resources, string target)
    {
        YamlNode choice = At(resources, "Rule", "Properties", "Targets");
        while (choice is YamlSequenceNode { Tag.IsEmpty: false, Tag.IsNonSpecific: false } branch && branch.Tag.Value == "!If")
            choice = ((YamlScalarNode)branch[0]).Value == "Use" + target ? branch[1] : branch[2];
        return (YamlMappingNode)((YamlSequenceNode)choice).Single();
    }

    [Fact]
    public void Every_reference_in_the_eventbridge_stack_resolves()
    {
        var stack = Yaml("eventbridge.yaml");
        var names = ((YamlMappingNode)At(stack, "Resources"))
            .Children.Keys.Concat(((YamlMappingNode)At(stack, "Parameters")).Children.Keys)
            .Select(k => ((YamlScalarNode)k).Value!)
            .ToHashSet();

        var references = stack
            .AllNodes.OfType<YamlScalarNode>()
            .Where(n => !n.Tag.IsNonSpecific && !n.Tag.IsEmpty && n.Tag.Value is "!Ref" or "!GetAtt")
            .Select(n => n.Value!.Split('.')[0])
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references.Where(r => !r.StartsWith("AWS::", StringComparison.Ordinal)), r => Assert.Contains(r, names));

        // Conditions: named by resources and outputs, and first in every !If.
        var conditions = ((YamlMappingNode)At(stack, "Conditions")).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var used = ((YamlMappingNode)At(stack, "Resources"))
            .Children.Values.Concat(((YamlMappingNode)At(stack, "Outputs")).Children.Values)
            .OfType<YamlMappingNode>()
            .Where(m => m.Children.ContainsKey(new YamlScalarNode("Condition")))
            .Select(m => Scalar(m, "Condition"))
            .Concat(
                stack
                    .AllNodes.OfType<YamlSequenceNode>()
                    .Where(n => !n.Tag.IsEmpty && !n.Tag.IsNonSpecific && n.Tag.Value == "!If")
                    .Select(n => ((YamlScalarNode)n[0]).Value!)
            )
            .ToList();
        Assert.NotEmpty(used);
        Assert.All(used, c => Assert.Contains(c, conditions));
    }
}
