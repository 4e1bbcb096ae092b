using System.Net.Http.Json;
using Amazon.Runtime;
using BraketBot.Braket;
using Microsoft.Extensions.Time.Testing;

namespace BraketBot.Tests.Braket;

/// <summary>
/// The signatures are checked against vectors that botocore's SigV4Auth (an independent
/// implementation) computed for the same requests, credentials and instant.
/// </summary>
public sealed class SigV4HandlerTests
{
    private static readonly DateTimeOffset SignedAt = new(2022, 4, 10, 9, 32, 27, TimeSpan.Zero);
    private const string LimitPath = "spending-limit/arn%3Aaws%3Abraket%3Aus-west-1%3A111122223333%3Aspending-limit%2Fabc";
    private const string TaskPath =
        "quantum-task/arn%3Aaws%3Abraket%3Aus-west-1%3A111122223333%3Aquantum-task%2F4b5c6d7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f";

    [Fact]
    public async Task Signs_a_get_with_temporary_credentials_as_botocore_does()
    {
        var sent = await SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "https://braket.us-west-1.amazonaws.com/" + TaskPath),
            new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "FQoGZXIvYXdzEXAMPLETOKEN")
        );

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20220410/us-west-1/braket/aws4_request, "
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "
                + "Signature=c19d147ce5dba60979b02055d5038f548628e28aa76b8a9a55a564ffaebebd4a",
            sent.Headers.GetValues("Authorization").Single()
        );
        Assert.Equal("20220410T093227Z", sent.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("FQoGZXIvYXdzEXAMPLETOKEN", sent.Headers.GetValues("X-Amz-Security-Token").Single());
    }

    [Theory]
    [InlineData(
        "POST",
        "quantum-tasks",
        """{"filters":[{"name":"deviceArn","operator":"EQUAL","values":["arn:aws:braket:us-west-1::device/qpu/rigetti/Aspen-M-1"]}],"max"""
            + """Results":100}""",
        "content-type;host;x-amz-content-sha256;x-amz-date",
        "c5b16fa1a6e9a3bf61c5446f1215cfdc997225f9a8fd2a262fc88335cb38d6b7"
    )]
    [InlineData(
        "PATCH",
        LimitPath + "/update",
        """{"clientToken":"t1","spendingLimit":"20.00","timePeriod":{"startAt":1649541600,"endAt":1649628000}}""",
        "content-type;host;x-amz-content-sha256;x-amz-date",
        "b31c111bc6df2a79fcdf0d09277d930656adbca765183a2e6c9a72621b8f30c1"
    )]
    [InlineData(
        "DELETE",
        LimitPath + "/delete",
        null,
        "host;x-amz-content-sha256;x-amz-date",
        "2cd4f8e7595ac11610b8129fc0911d3790e74d9d6cdcc8ef3709589f0a828b30"
    )]
    public async Task Signs_a_request_with_or_without_a_json_body_as_botocore_does(
        string method,
        string path,
        string? body,
        string signedHeaders,
        string signature
    )
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "https://braket.us-west-1.amazonaws.com/" + path);
        if (body is not null)
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var sent = await SendAsync(request, new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null));

        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20220410/us-west-1/braket/aws4_request, SignedHeaders={signedHeaders}, "
                + $"Signature={signature}",
            sent.Headers.GetValues("Authorization").Single()
        );
        Assert.False(sent.Headers.Contains("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task Refuses_a_request_without_a_region() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SendAsync(
                new HttpRequestMessage(HttpMethod.Get, "https://braket.us-west-1.amazonaws.com/devices"),
                new ImmutableCredentials("a", "b", null),
                region: null
            )
        );

    private static async Task<HttpRequestMessage> SendAsync(
        HttpRequestMessage request,
        ImmutableCredentials credentials,
        string? region = "us-west-1"
    )
    {
        var capture = new Capture();
        var handler = new SigV4Handler(new StaticCredentials(credentials), new FakeTimeProvider(SignedAt)) { InnerHandler = capture };
        if (region is not null)
            request.Options.Set(SigV4Handler.Region, region);
        using var invoker = new HttpMessageInvoker(handler);
        await invoker.SendAsync(request, CancellationToken.None);
        return capture.Sent!;
    }

    private sealed class Capture : HttpMessageHandler
    {
        public HttpRequestMessage? Sent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent = request;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = JsonContent.Create(new { }) });
        }
    }
}
