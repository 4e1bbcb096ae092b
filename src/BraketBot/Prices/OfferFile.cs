using System.Globalization;
using System.Text;
using CsvHelper;

namespace BraketBot.Prices;

/// <summary>
/// Reads the AWS price list's bulk offer file (CSV): five metadata lines (the publication date among
/// them), then the header, then one line per price. Only the USD rows of the product families BraketBot
/// prices with are kept (<see cref="PriceList.Families"/>).
/// </summary>
public static class OfferFile
{
    private const int MetadataLines = 5;

    private static readonly string[] Columns =
    [
        "Region Code",
        "Product Family",
        "DeviceName",
        "Device Name",
        "Instance Type",
        "Version",
        "PricePerUnit",
        "Unit",
        "Currency",
    ];

    /// <exception cref="PriceListException">The file is not an offer file, or prices no QPU.</exception>
    public static PriceList Parse(Stream content, DateTimeOffset readAt)
    {
        try
        {
            using var reader = CsvReader.Create(content, new CsvReaderOptions { HasHeader = false, Separator = ',' }, leaveOpen: true);
            var published = Metadata(reader);
            if (!reader.Read())
                throw new PriceListException("the offer file has no header line");
            var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? "").ToList();
            var missing = Columns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
                throw new PriceListException($"the offer file lacks the column(s) {string.Join(", ", missing)}");
            var at = Columns.ToDictionary(c => c, c => header.IndexOf(c));
            var rows = new List<PriceRow>();
            while (reader.Read())
            {
                string Field(string column) => at[column] < reader.FieldCount ? reader.GetString(at[column]) ?? "" : "";
                var family = Field("Product Family");
                if (!PriceList.Families.Contains(family) || Field("Currency") != "USD")
                    continue;
                if (!decimal.TryParse(Field("PricePerUnit"), NumberStyles.Number, CultureInfo.InvariantCulture, out var price) || price < 0)
                    throw new PriceListException($"line {reader.RowNumber + MetadataLines + 1} has the price '{Field("PricePerUnit")}'");
                rows.Add(
                    new PriceRow(
                        Field("Region Code"),
                        family,
                        Field("DeviceName"),
                        Field("Device Name"),
                        Field("Instance Type"),
                        Field("Version"),
                        price,
                        Field("Unit")
                    )
                );
            }
            var list = new PriceList(published, readAt, rows);
            return list.PricedQpus > 0
                ? list
                : throw new PriceListException("the offer file prices no QPU (no 'Quantum Task-Shot' row in USD)");
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException or IOException or DecoderFallbackException)
        {
            throw new PriceListException($"the offer file cannot be parsed: {e.Message}", e);
        }
    }

    /// <summary>The publication date, from the metadata lines before the header.</summary>
    private static DateOnly Metadata(CsvReader reader)
    {
        DateOnly? published = null;
        for (var line = 0; line < MetadataLines; line++)
        {
            if (!reader.Read())
                throw new PriceListException("the offer file ends within its metadata lines");
            if (
                reader.FieldCount >= 2
                && reader.GetString(0) == "Publication Date"
                && DateTimeOffset.TryParse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            )
                published = DateOnly.FromDateTime(date.UtcDateTime);
        }
        return published ?? throw new PriceListException("the offer file has no 'Publication Date' in its metadata lines");
    }
}
