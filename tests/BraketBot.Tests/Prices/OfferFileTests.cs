using System.Text;
using BraketBot.Prices;

namespace BraketBot.Tests.Prices;

public sealed class OfferFileTests
{
    private static PriceList Parse(string text) =>
        OfferFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), DateTimeOffset.UnixEpoch);

    [Fact]
    public void Reads_the_shared_sample_with_its_publication_date()
    {
        var list = Parse(File.ReadAllText("/work/shared/samples/aws-price-list-amazonbraket.sample.csv"));

        Assert.Equal(new DateOnly(2026, 11, 20), list.Published);
        Assert.Equal(4, list.PricedQpus);
        Assert.Contains(new PriceRow("eu-north-1", "Quantum Task-Shot", "IBEX-Q1", "", "", "", 0.0235m, "Shot"), list.Rows);
        Assert.Contains(new PriceRow("us-east-1", "Braket Managed Jobs QPU Task", "", "Forte-1", "", "", 0.30m, "Task"), list.Rows);
        Assert.Contains(
            new PriceRow("us-east-1", "Braket Managed Jobs Instance", "", "", "ml.m5.large", "", 0.00128m, "minutes"),
            list.Rows
        );
    }

    [Theory]
    [InlineData("<html><body>Access Denied</body></html>")]
    [InlineData("")]
    [InlineData(
        "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"x\"\n\"Version\",\"1\"\n\"OfferCode\",\"AmazonBraket\"\n\"x\",\"y\"\n\"Region "
            + "Code\"\n"
    )]
    public void Refuses_what_is_not_an_offer_file(string text) => Assert.Throws<PriceListException>(() => Parse(text));

    [Fact]
    public void Refuses_a_list_that_prices_no_qpu()
    {
        var problem = Assert.Throws<PriceListException>(() =>
            Parse(OfferFiles.Build("2026-11-20", [OfferRow.Simulator("us-east-1", "SV1", 0.075m)]))
        );

        Assert.Contains("prices no QPU", problem.Message);
    }

    [Fact]
    public void Refuses_a_price_that_is_not_a_number()
    {
        var text = OfferFiles
            .Build("2026-11-20", OfferRow.Qpu("us-east-1", "Forte-1", 0.08m))
            .Replace("\"0.0800000000\"", "\"eight cents\"");

        Assert.Throws<PriceListException>(() => Parse(text));
    }
}
