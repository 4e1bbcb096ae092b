using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BraketBot.Testing;

/// <summary>The AWS price list's offer file for AmazonBraket, served beside the fake Braket (the bot's Pricing:PriceListUrl in
/// tests).</summary>
public sealed partial class FakeBraket
{
    public const string PriceListPath = "/offers/v1.0/aws/AmazonBraket/current/index.csv";

    public Uri PriceListUrl => new(Url, PriceListPath.TrimStart('/'));

    /// <summary>The offer file served; a test changes it to change AWS's prices.</summary>
    public string OfferFile { get; set; } = OfferFiles.Sample;

    /// <summary>When set, the price list answers with this status instead of the file.</summary>
    public HttpStatusCode? PriceListStatus { get; set; }

    private int priceListReads;

    /// <summary>How many times the price list was fetched.</summary>
    public int PriceListReads => Volatile.Read(ref priceListReads);

    private void MapPriceList() =>
        Server
            .Given(Request.Create().UsingGet().WithPath(PriceListPath))
            .RespondWith(
                Response
                    .Create()
                    .WithCallback(_ =>
                    {
                        Interlocked.Increment(ref priceListReads);
                        return PriceListStatus is { } status
                            ? new WireMock.ResponseMessage { StatusCode = (int)status }
                            : new WireMock.ResponseMessage
                            {
                                StatusCode = 200,
                                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>>
                                {
                                    ["Content-Type"] = new("text/csv"),
                                },
                                BodyData = new WireMock.Util.BodyData
                                {
                                    BodyAsString = OfferFile,
                                    DetectedBodyType = WireMock.Types.BodyType.String,
                                    Encoding = System.Text.Encoding.UTF8,
                                },
                            };
                    })
            );

    private void ResetPriceList()
    {
        OfferFile = OfferFiles.Sample;
        PriceListStatus = null;
        Interlocked.Exchange(ref priceListReads, 0);
    }
}
