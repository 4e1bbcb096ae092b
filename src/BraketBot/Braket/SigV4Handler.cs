using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Amazon.Runtime.Internal.Util;
using Amazon.Util;
using BraketBot.Hosting;

namespace BraketBot.Braket;

/// <summary>
/// Signs every attempt (retries included, so each carries a fresh X-Amz-Date) with the AWS SDK's
/// own SigV4 signer, service name "braket", in the region the request names.
/// </summary>
[HotPath]
public sealed class SigV4Handler(IAwsCredentialsSource credentials, TimeProvider time) : DelegatingHandler
{
    public const string ServiceName = "braket";
    public static readonly HttpRequestOptionsKey<string> Region = new("braket.region");

    private static readonly ConcurrentDictionary<string, SigningConfig> Configs = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(Region, out var region) || request.RequestUri is null)
            throw new InvalidOperationException("A Braket request must name its region and URI.");

        var identity = await credentials.GetAsync(cancellationToken);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        using var unsigned = Describe(request, body);
        if (identity.UseToken)
            unsigned.Headers[HeaderKeys.XAmzSecurityTokenHeader] = identity.Token;

        var result = new AWS4Signer().SignRequest(
            unsigned,
            Configs.GetOrAdd(region, r => new SigningConfig(r)),
            new RequestMetrics(),
            identity.AccessKey,
            identity.SecretKey,
            time.GetUtcNow().UtcDateTime
        );

        foreach (var name in new[] { HeaderKeys.XAmzDateHeader, HeaderKeys.XAmzContentSha256Header, HeaderKeys.XAmzSecurityTokenHeader })
        {
            request.Headers.Remove(name);
            if (unsigned.Headers.TryGetValue(name, out var value))
                request.Headers.TryAddWithoutValidation(name, value);
        }
        request.Headers.Remove(HeaderKeys.AuthorizationHeader);
        request.Headers.TryAddWithoutValidation(HeaderKeys.AuthorizationHeader, result.ForAuthorizationHeader);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The request as the SDK's signer reads it. Path segments go in as resources so that the
    /// signer applies SigV4's canonical (double) encoding itself, as it does for its own clients.
    /// </summary>
    private static DefaultRequest Describe(HttpRequestMessage request, byte[] body)
    {
        var uri = request.RequestUri!;
        var described = new DefaultRequest(new BraketRequest(), "Braket")
        {
            HttpMethod = request.Method.Method,
            Endpoint = new Uri(uri.GetLeftPart(UriPartial.Authority)),
            Content = body,
        };
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        described.ResourcePath = "/" + string.Join('/', segments.Select((_, i) => $"{{p{i}}}"));
        for (var i = 0; i < segments.Length; i++)
            described.AddPathResource($"{{p{i}}}", Uri.UnescapeDataString(segments[i]));
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            described.Parameters[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        if (request.Content?.Headers.ContentType is { } contentType)
            described.Headers[HeaderKeys.ContentTypeHeader] = contentType.ToString();
        return described;
    }

    private sealed class BraketRequest : AmazonWebServiceRequest;

    /// <summary>The little of a service client's configuration the signer reads.</summary>
    private sealed class SigningConfig : ClientConfig
    {
        public SigningConfig(string region)
            : base(new NoDefaults())
        {
            AuthenticationRegion = region;
            AuthenticationServiceName = ServiceName;
        }

        public override string RegionEndpointServiceName => ServiceName;

        public override string ServiceVersion => "2019-09-01";

        public override string UserAgent => "BraketBot";

        public override Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(
            ServiceOperationEndpointParameters parameters
        ) => throw new NotSupportedException("BraketBot chooses its endpoints itself.");
    }

    private sealed class NoDefaults : IDefaultConfigurationProvider
    {
        public IDefaultConfiguration GetDefaultConfiguration(
            Amazon.RegionEndpoint clientRegion,
            DefaultConfigurationMode? requestedMode = null
        ) => new DefaultConfiguration();
    }
}
