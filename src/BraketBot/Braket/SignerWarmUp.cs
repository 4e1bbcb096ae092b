using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Braket;

/// <summary>
/// Signs and reads one made-up Braket call at start, without sending it anywhere: the AWS SDK's
/// signer and the wire serializers are slow the first time, and the first cancel of a new process
/// should not pay for that.
/// </summary>
public sealed class SignerWarmUp(TimeProvider time, ILogger<SignerWarmUp> logger) : StartupWarmUp(logger)
{
    protected override async Task RunAsync()
    {
        using var handler = new SigV4Handler(new MadeUpCredentials(), time) { InnerHandler = new NoNetwork() };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(
            HttpMethod.Put,
            "https://braket.us-east-1.amazonaws.com/quantum-task/"
                + "arn%3Aaws%3Abraket%3Aus-east-1%3A000000000000%3Aquantum-task%2Fwarm-up/cancel"
        )
        {
            Content = JsonContent.Create(new CancelRequest("warm-up"), options: BraketWire.Json),
        };
        request.Options.Set(SigV4Handler.Region, "us-east-1");
        using var response = await invoker.SendAsync(request, CancellationToken.None);
        JsonSerializer.Deserialize<CancelQuantumTaskResponse>(
            """{"quantumTaskArn":"x","cancellationStatus":"CANCELLING"}""",
            BraketWire.Json
        );
        // A breach's own calls: the event's look-up, the confirming scan's request and page.
        JsonSerializer.Deserialize<GetQuantumTaskResponse>(
            """
            {"quantumTaskArn":"x","status":"QUEUED","deviceArn":"y","shots":1,"createdAt":"2022-04-10T00:00:00Z",
             "associations":[{"arn":"z","type":"RESERVATION_TIME_WINDOW_ARN"}],"tags":{"team":"a"}}
            """,
            BraketWire.Json
        );
        JsonSerializer.Serialize(
            new SearchRequest(
                [FilterWire.From(QuantumTaskFilter.CreatedAt(FilterOperator.Gte, DateTimeOffset.UnixEpoch))],
                QuantumTaskPage.MaxSize,
                null
            ),
            BraketWire.Json
        );
        JsonSerializer.Deserialize<SearchQuantumTasksResponse>(
            """
            {"quantumTasks":[{"quantumTaskArn":"x","status":"QUEUED","deviceArn":"y","shots":1,
             "createdAt":"2022-04-10T00:00:00Z","tags":{"team":"a"}}],"nextToken":"n"}
            """,
            BraketWire.Json
        );
    }

    private sealed class MadeUpCredentials : IAwsCredentialsSource
    {
        public Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new ImmutableCredentials("AKIDWARMUP", "warm-up-secret", null));
    }

    private sealed class NoNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
