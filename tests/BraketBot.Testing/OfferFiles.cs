using System.Globalization;
using System.Text;

namespace BraketBot.Testing;

/// <summary>
/// Fake AWS price lists: the bulk offer file of AmazonBraket as AWS publishes it (five metadata lines,
/// the header, one quoted line per price; see /work/shared/samples/aws-price-list-amazonbraket.sample.csv).
/// </summary>
public static class OfferFiles
{
    public const string Published = "2026-11-20";

    /// <summary>The prices of the sample offer file: today's QPUs, simulators and job instances (the retired devices are not on
    /// it).</summary>
    public static readonly IReadOnlyList<OfferRow> SampleRows =
    [
        .. OfferRow.Qpu("us-east-1", "Forte-1", 0.08m),
        .. OfferRow.Qpu("us-east-1", "Forte-Enterprise-1", 0.08m),
        .. OfferRow.Qpu("us-east-1", "Aquila", 0.01m),
        .. OfferRow.Qpu("eu-north-1", "Garnet", 0.00145m),
        .. OfferRow.Qpu("eu-north-1", "Emerald", 0.0016m),
        .. OfferRow.Qpu("eu-north-1", "IBEX-Q1", 0.0235m),
        .. OfferRow.Qpu("us-west-1", "Cepheus-1-108Q", 0.000425m),
        OfferRow.Simulator("us-east-1", "SV1", 0.075m),
        OfferRow.Simulator("us-east-1", "DM1", 0.075m),
        OfferRow.Instance("us-east-1", "ml.m5.large", 0.00128m),
        OfferRow.Instance("us-east-1", "ml.m5.xlarge", 0.00256m),
        OfferRow.Instance("us-east-1", "ml.p3.2xlarge", 0.06375m),
    ];

    public static string Sample => Build(Published, SampleRows);

    private static readonly string[] Header =
    [
        "SKU",
        "OfferTermCode",
        "RateCode",
        "TermType",
        "PriceDescription",
        "EffectiveDate",
        "StartingRange",
        "EndingRange",
        "Unit",
        "PricePerUnit",
        "Currency",
        "Product Family",
        "serviceCode",
        "Location",
        "Location Type",
        "Device Name",
        "DeviceName",
        "Region Code",
        "Version",
        "operation",
        "usageType",
        "Instance Type",
    ];

    public static string Build(string published, IEnumerable<OfferRow> rows)
    {
        var text = new StringBuilder();
        void Line(params string[] fields) =>
            text.Append(string.Join(',', fields.Select(f => '"' + f.Replace("\"", "\"\"") + '"'))).Append('\n');
        Line("FormatVersion", "v1.0");
        Line("Disclaimer", "This pricing list is for informational purposes only.");
        Line("Publication Date", $"{published}T00:00:00Z");
        Line("Version", published.Replace("-", "") + "000000");
        Line("OfferCode", "AmazonBraket");
        Line(Header);
        var sku = 0;
        foreach (var row in rows)
        {
            var job = row.Family.StartsWith("Braket Managed Jobs QPU", StringComparison.Ordinal);
            var onDemand = row.Family.StartsWith("Quantum Task", StringComparison.Ordinal);
            var price = row.Price.ToString("0.0000000000", CultureInfo.InvariantCulture);
            var id = $"SKU{sku++:00000}BRAKET";
            Line(
                id,
                "JRTCKXETXF",
                $"{id}.JRTCKXETXF.6YS6EN2CT7",
                "OnDemand",
                $"${price} per {row.Unit} for {row.Family} {row.Device}",
                "2026-11-01",
                "0",
                "Inf",
                row.Unit,
                price,
                "USD",
                row.Family,
                "AmazonBraket",
                row.Region,
                "AWS Region",
                job ? row.Device : "",
                onDemand ? row.Device : "",
                row.Region,
                row.Version,
                row.Version.Length > 0 ? "CompleteTask" : "",
                $"{row.Region}-{row.Family.Replace(" ", "")}",
                row.InstanceType
            );
        }
        return text.ToString();
    }
}
