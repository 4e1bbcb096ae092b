using System.Globalization;
using BraketBot.Prices;
using BraketBot.Usage;
using Microsoft.Extensions.Options;

namespace BraketBot.Cli;

/// <summary>
/// `doctor`'s prices: whether the AWS price list reads now (else how old the prices in force are), and
/// the devices of the watched regions it does not price (estimated at the highest QPU price), with the
/// retired ones named. Nothing is stored.
/// </summary>
public sealed class PriceCheck(
    PriceListClient client,
    PriceListStore store,
    DeviceCatalog catalog,
    IOptionsMonitor<PricingOptions> options,
    TimeProvider time
)
{
    public const string Name = "Prices";
    public const string DevicesName = "Device prices";

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken)
    {
        var url = options.CurrentValue.PriceListUrl;
        PriceList? list;
        DoctorCheck listCheck;
        try
        {
            list = await client.ReadAsync(cancellationToken);
            listCheck = DoctorCheck.Pass(Name, $"AWS price list of {Date(list.Published)}: {list.PricedQpus} QPU prices");
        }
        catch (PriceListException e)
        {
            list = await StoredAsync(cancellationToken);
            var book = new Pricing(options.CurrentValue, list);
            listCheck = DoctorCheck.Fail(
                Name,
                $"the price list cannot be read ({e.Message}); estimates use the {book.PricesUsed} ({PriceAge.Of(book, time.GetUtcNow())})",
                $"let this host reach {url} (HTTPS, no credentials), or set Pricing:PriceListUrl to a copy of the AmazonBraket offer "
                    + $"file (CSV)"
            );
        }
        return [listCheck, .. await DevicesAsync(new Pricing(options.CurrentValue, list), cancellationToken)];
    }

    private async Task<IReadOnlyList<DoctorCheck>> DevicesAsync(Pricing book, CancellationToken cancellationToken)
    {
        var devices = await catalog.GetDevicesAsync(cancellationToken);
        if (!devices.IsSuccess)
            return [DoctorCheck.Skip(DevicesName, $"not checked: the device list cannot be read ({devices.Error!.Describe()})")];
        var retired = devices.Value!.Where(BuiltInPrices.IsRetired).Select(d => d.DeviceName).Distinct().Order().ToList();
        var estimated = devices
            .Value!.Where(d => !BuiltInPrices.IsRetired(d) && book.PriceOf(d)?.IsEstimate == true)
            .Select(d =>
                DoctorCheck.Fail(
                    DevicesName,
                    $"{d.DeviceName} ({d.Region}) is not on the {book.PricesUsed}: its tasks are estimated at the highest QPU price, "
                        + $"{Usd(book.HighestPerShot)} a shot",
                    $"set Pricing:PerShot:{DeviceNames.ArnName(d)} to its price from aws.amazon.com/braket/pricing (environment variable "
                        + $"{Doctor.Variable($"Pricing:PerShot:{DeviceNames.ArnName(d)}")})"
                )
            )
            .ToList();
        if (estimated.Count > 0)
            return estimated;
        var retiredText = retired.Count > 0 ? $"; retired: {string.Join(", ", retired)} (at their last prices)" : "";
        return
        [
            DoctorCheck.Pass(
                DevicesName,
                $"every QPU in the watched regions is priced; simulators are billed per minute, not estimated{retiredText}"
            ),
        ];
    }

    private async Task<PriceList?> StoredAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await store.LoadAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null; // the storage check says why the store cannot be read; prices are then the built-in table's
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Usd(decimal price) => "$" + price.ToString("0.#####", CultureInfo.InvariantCulture);
}
