using BraketBot.Braket;
using BraketBot.Queue;
using BraketBot.Slack;
using BraketBot.Slack.SocketMode;

namespace BraketBot.Tests.Configuration;

public sealed class ValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new CapsOptionsValidator().Validate(null, new CapsOptions()).Succeeded);
        Assert.True(new BraketOptionsValidator().Validate(null, new BraketOptions()).Succeeded);
        Assert.True(new PricingOptionsValidator().Validate(null, new PricingOptions()).Succeeded);
        Assert.True(new SlackOptionsValidator().Validate(null, new SlackOptions()).Succeeded);
        Assert.True(new SocketModeOptionsValidator().Validate(null, new SocketModeOptions()).Succeeded);
        Assert.True(new QueueOptionsValidator().Validate(null, new QueueOptions()).Succeeded);
    }

    [Theory]
    [InlineData("xoxb-123-456", false)]
    [InlineData("xapp-1-A123-456-abc", true)]
    public void Only_an_app_level_token_opens_socket_mode(string token, bool valid)
    {
        var result = new SocketModeOptionsValidator().Validate(null, new SocketModeOptions { AppToken = token });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
            Assert.Contains("Slack:AppToken", result.FailureMessage);
    }

    [Theory]
    [InlineData("https://sqs.us-west-1.amazonaws.com/111122223333/braketbot-events", "us-west-1")]
    [InlineData("https://sqs.eu-north-1.amazonaws.com/111122223333/q", "eu-north-1")]
    [InlineData("https://us-east-1.queue.amazonaws.com/111122223333/q", "us-east-1")]
    [InlineData("https://sqs.us-gov-west-1.amazonaws.com/111122223333/q", "us-gov-west-1")]
    [InlineData("http://127.0.0.1:4566/111122223333/q", null)]
    public void The_queue_region_is_read_from_the_queue_url(string url, string? region) =>
        Assert.Equal(region, new QueueOptions { QueueUrl = new Uri(url) }.Region);

    public static TheoryData<QueueOptions, string> BadQueues =>
        new()
        {
            {
                new QueueOptions { QueueUrl = new Uri("braketbot-events", UriKind.Relative) },
                "EventBridge:QueueUrl"
            },
            {
                new QueueOptions { QueueUrl = new Uri("ftp://sqs.us-east-1.amazonaws.com/1/q") },
                "EventBridge:QueueUrl"
            },
            {
                new QueueOptions { QueueUrl = new Uri("http://127.0.0.1:4566/1/q") },
                "EventBridge:QueueRegion must be set"
            },
            {
                new QueueOptions { QueueUrl = new Uri("https://sqs.us-east-1.amazonaws.com/1/q"), QueueRegion = "Virginia" },
                "EventBridge:QueueRegion"
            },
            {
                new QueueOptions { SqsServiceUrl = new Uri("localhost", UriKind.Relative) },
                "EventBridge:SqsServiceUrl"
            },
        };

    [Theory]
    [MemberData(nameof(BadQueues))]
    public void Bad_queue_settings_are_refused_naming_the_key(QueueOptions options, string key)
    {
        var result = new QueueOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }

    public static TheoryData<CapsOptions, string> BadCaps =>
        new()
        {
            {
                new CapsOptions { MaxShotsPerDay = -1 },
                "Caps:MaxShotsPerDay"
            },
            {
                new CapsOptions { MaxCostPerDay = -0.01m },
                "Caps:MaxCostPerDay"
            },
            {
                new CapsOptions { Devices = { ["Garnet"] = new DeviceCaps { MaxShotsPerDay = -3 } } },
                "Caps:Devices:Garnet:MaxShotsPerDay"
            },
            {
                new CapsOptions { TimeZone = "Europe/Atlantis" },
                "Caps:TimeZone"
            },
            {
                new CapsOptions { WarnAt = 0 },
                "Caps:WarnAt"
            },
            {
                new CapsOptions { WarnAt = 1.2 },
                "Caps:WarnAt"
            },
            {
                new CapsOptions { ReconcileCron = "* * *" },
                "Caps:ReconcileCron"
            },
            {
                new CapsOptions { ReconcileCron = "99 * * * *" },
                "Caps:ReconcileCron"
            },
            {
                new CapsOptions { MaxCostPerMonth = -1 },
                "Caps:MaxCostPerMonth"
            },
            {
                new CapsOptions { Devices = { ["Garnet"] = new DeviceCaps { MaxShotsPerMonth = -1 } } },
                "Caps:Devices:Garnet:MaxShotsPerMonth"
            },
            {
                new CapsOptions { DigestCron = "every morning" },
                "Caps:DigestCron"
            },
        };

    [Theory]
    [MemberData(nameof(BadCaps))]
    public void Bad_caps_are_refused_naming_the_key(CapsOptions options, string key)
    {
        var result = new CapsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage);
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("*/30 * * * * *")]
    public void Five_and_six_field_crons_pass(string cron) =>
        Assert.True(new CapsOptionsValidator().Validate(null, new CapsOptions { ReconcileCron = cron }).Succeeded);

    [Fact]
    public void Bad_braket_settings_are_refused_naming_the_key()
    {
        var result = new BraketOptionsValidator().Validate(
            null,
            new BraketOptions { Quotas = { ["CancelQuantumTask"] = new Quota(0, 20), ["LaunchRocket"] = new Quota(1, 1) } }
        );
        var watch = new WatchOptionsValidator().Validate(null, new WatchOptions { Regions = ["us-west-1", "mars-1"], AccountId = "12345" });

        Assert.Contains("Braket:Regions: 'mars-1'", watch.FailureMessage);
        Assert.Contains("Braket:AccountId", watch.FailureMessage);
        Assert.Contains("Braket:Quotas:CancelQuantumTask", result.FailureMessage);
        Assert.Contains("Braket:Quotas:LaunchRocket", result.FailureMessage);
    }

    [Fact]
    public void Negative_prices_are_refused_naming_the_key()
    {
        var result = new PricingOptionsValidator().Validate(null, new PricingOptions { PerTask = -1, PerShot = { ["Garnet"] = -0.1m } });

        Assert.Contains("Pricing:PerTask", result.FailureMessage);
        Assert.Contains("Pricing:PerShot:Garnet", result.FailureMessage);
    }

    [Fact]
    public void A_slack_token_that_is_not_a_token_is_refused() =>
        Assert.Contains(
            "Slack:BotToken",
            new SlackOptionsValidator().Validate(null, new SlackOptions { BotToken = "hunter2" }).FailureMessage
        );
}
