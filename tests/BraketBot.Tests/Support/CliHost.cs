using Amazon.Runtime;
using BraketBot.Braket;
using BraketBot.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Spectre.Console.Testing;

namespace BraketBot.Tests.Support;

public static class CliSettings
{
    /// <summary>Storage on PostgreSQL at this connection string.</summary>
    public static void OnPostgres(this Dictionary<string, string?> settings, string connectionString)
    {
        settings["Storage:Provider"] = "PostgreSql";
        settings["ConnectionStrings:Postgres"] = connectionString;
    }
}

/// <summary>
/// BraketBot run as a command, in process, the way Program runs it (the same features, the same
/// configuration sources, the settings given here on top), against WireMock fakes of Braket and Slack,
/// with a clock set to <see cref="BotFactory.Today"/> and a console whose output the test reads.
/// </summary>
public sealed class CliHost : IDisposable
{
    public FakeBraket Braket { get; } = new();

    public FakeSlack Slack { get; } = new();

    public TestClock Clock { get; } = new(BotFactory.Today);

    /// <summary>A complete set-up, as every bot under test has.</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>The credentials the AWS chain finds; null: it finds none.</summary>
    public ImmutableCredentials? Credentials { get; set; } = TestSettings.Credentials;

    /// <summary>Someone at a terminal who answers the confirmation; otherwise no one can (a script, a pipe).</summary>
    public string? Answer { get; set; }

    /// <summary>Changes to the command's services (a dependency that fails), made after its own.</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    /// <summary>A terminal that draws live displays (ANSI, interactive); otherwise output is redirected.</summary>
    public bool Live { get; set; }

    public CliHost()
    {
        Settings = TestSettings.For(Braket.Url, Slack.ApiBase);
    }

    /// <summary>Runs <c>BraketBot ARGS…</c> and returns its exit code and everything it printed.</summary>
    public async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(Settings);
        Program.AddFeatures(builder.Services, builder.Configuration);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton<IAwsCredentialsSource>(new Source(Credentials));
        builder.Services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(5));
        foreach (var change in TestServices)
            change(builder.Services);

        var console = new TestConsole().Width(160);
        if (Answer is not null)
        {
            console.Interactive();
            console.Input.PushTextWithEnter(Answer);
        }
        if (Live)
        {
            console.Interactive();
            console.EmitAnsiSequences = true;
        }
        var exit = await CliApp.RunAsync(builder, args, console);
        return (exit, console.Output);
    }

    public void Dispose()
    {
        Braket.Dispose();
        Slack.Dispose();
    }

    private sealed class Source(ImmutableCredentials? credentials) : IAwsCredentialsSource
    {
        public Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken) =>
            credentials is null
                ? throw new AmazonClientException(
                    "Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following "
                        + "errors: …"
                )
                : Task.FromResult(credentials);

        public async Task<string> DescribeAsync(CancellationToken cancellationToken)
        {
            await GetAsync(cancellationToken);
            return "environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)";
        }
    }
}
