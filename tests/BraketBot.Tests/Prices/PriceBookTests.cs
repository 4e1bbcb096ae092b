using System.Text;
using BraketBot.Prices;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Prices;

/// <summary>The price book (Domain/Pricing.cs) over the rows of an offer file, against the Braket SDK's cost tracker's rule.</summary>
public sealed class PriceBookTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    private static readonly DeviceSummary Forte = new(Tasks.ForteArn, "Forte 1", "IonQ", "QPU", "ONLINE");
    private static readonly DeviceSummary Ibex = new(
        "arn:aws:braket:eu-north-1::device/qpu/aqt/Ibex-Q1",
        "IBEX Q1",
        "AQT",
        "QPU",
        "ONLINE"
    );
    private static readonly DeviceSummary Cepheus = new(
        "arn:aws:braket:us-west-1::device/qpu/rigetti/Cepheus-1-108Q",
        "Cepheus-1-108Q",
        "Rigetti",
        "QPU",
        "ONLINE"
    );
    private static readonly DeviceSummary Garnet = new(
        "arn:aws:braket:eu-north-1::device/qpu/iqm/Garnet",
        "Garnet",
        "IQM",
        "QPU",
        "ONLINE"
    );
    private static readonly DeviceSummary Unknown = new("arn:aws:braket:us-east-1::device/qpu/acme/Q", "Q", "Acme", "QPU", "ONLINE");

    private static PriceList Read(string offerFile) => OfferFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(offerFile)), ReadAt);

    private static Pricing Book(IEnumerable<OfferRow> rows, PricingOptions? options = null) =>
        new(options ?? new PricingOptions(), Read(OfferFiles.Build(OfferFiles.Published, rows)));

    public static TheoryData<string, long> Tasks_of_the_sample =>
        new()
        {
            { "arn:aws:braket:us-east-1::device/qpu/ionq/Forte-1", 1000 },
            { "arn:aws:braket:us-east-1::device/qpu/ionq/Forte-Enterprise-1", 37 },
            { "arn:aws:braket:eu-north-1::device/qpu/aqt/Ibex-Q1", 2500 },
            { "arn:aws:braket:eu-north-1::device/qpu/iqm/Garnet", 12345 },
            { "arn:aws:braket:eu-north-1::device/qpu/iqm/Emerald", 999 },
            { "arn:aws:braket:us-west-1::device/qpu/rigetti/Cepheus-1-108Q", 100_000 },
            { "arn:aws:braket:us-east-1::device/qpu/quera/Aquila", 100 },
        };

    [Theory]
    [MemberData(nameof(Tasks_of_the_sample))]
    public void Prices_every_listed_qpu_as_the_trackers_rule_does_on_the_same_rows(string deviceArn, long shots)
    {
        var book = Book(OfferFiles.SampleRows);
        var task = Tasks.Task(deviceArn, QuantumTaskStatus.Completed, shots, ReadAt);
        DeviceArn.TryParse(deviceArn, out var arn);

        var cost = book.CostOf(task, DeviceSummary.FromArn(arn!));

        Assert.Equal(TrackerRule.QpuTaskCost(OfferFiles.SampleRows, task.QuantumTaskArn, deviceArn, shots, "COMPLETED"), cost);
        Assert.Equal(PriceOrigin.PriceList, book.PriceOf(DeviceSummary.FromArn(arn!))!.Origin);
    }

    [Fact]
    public void Prices_a_device_listed_under_its_display_name_by_its_arn()
    {
        var book = Book(OfferFiles.SampleRows);

        Assert.Equal(new DevicePrice(0.30m, 0.08m, PriceOrigin.PriceList), book.PriceOf(Forte));
        Assert.Equal(new DevicePrice(0.30m, 0.0235m, PriceOrigin.PriceList), book.PriceOf(Ibex)); // IBEX-Q1 on the list
    }

    [Fact]
    public void Prices_a_hybrid_jobs_tasks_and_instances_from_their_own_families()
    {
        var book = Book([
            .. OfferFiles.SampleRows.Where(r => !r.Family.StartsWith("Braket Managed Jobs QPU", StringComparison.Ordinal)),
            .. OfferRow
                .Qpu("us-east-1", "Forte-1", 0.08m)
                .Where(r => r.Family.StartsWith("Braket Managed Jobs QPU", StringComparison.Ordinal))
                .Select(r => r with { Price = r.Family.EndsWith("Shot", StringComparison.Ordinal) ? 0.07m : 0.25m }),
            new OfferRow("Braket Managed Jobs Instance", "us-west-1", "", 1.2m, "Hrs", InstanceType: "ml.m5.large"),
        ]);
        var rows = OfferFiles.SampleRows.Where(r => !r.Family.StartsWith("Braket Managed Jobs QPU", StringComparison.Ordinal)).ToList();
        var task = Tasks.Task(Tasks.ForteArn, QuantumTaskStatus.Queued, 100, ReadAt);

        Assert.Equal(new DevicePrice(0.25m, 0.07m, PriceOrigin.PriceList), book.JobTaskPriceOf(Forte));
        Assert.Equal(0.25m + 100 * 0.07m, book.JobTaskPriceOf(Forte)!.CostOf(task.Shots));
        Assert.Equal(0.08m, book.PriceOf(Forte)!.PerShot); // on-demand tasks keep their own rows
        Assert.Equal(0.00128m, book.InstancePerMinute("us-east-1", "ml.m5.large"));
        Assert.Equal(0.02m, book.InstancePerMinute("us-west-1", "ml.m5.large")); // $1.20 an hour
        Assert.Null(book.InstancePerMinute("eu-north-1", "ml.m5.large"));
        Assert.Null(book.JobTaskPriceOf(Tasks.Sv1));
        Assert.Equal(0.30m + 100 * 0.08m, TrackerRule.QpuTaskCost(rows, task.QuantumTaskArn, Tasks.ForteArn, 100, "QUEUED"));
    }

    [Fact]
    public void A_qpu_the_list_does_not_price_is_estimated_at_the_highest_qpu_price_never_zero()
    {
        var book = Book([
            .. OfferFiles.SampleRows.Where(r => r.Device != "Garnet"),
            OfferRow.Shot("us-west-1", "Cepheus-1-108Q-Pro", 0.11m),
        ]);

        Assert.Equal(new DevicePrice(0.30m, 0.11m, PriceOrigin.HighestQpuPrice), book.PriceOf(Unknown));
        // a current device gone from the list
        Assert.Equal(new DevicePrice(0.30m, 0.11m, PriceOrigin.HighestQpuPrice), book.PriceOf(Garnet));
        Assert.Equal(
            "AWS price list of 2026-11-20; Garnet, Q are not priced there, estimated at the highest QPU price ($0.11 a shot)",
            book.Describe([Forte, Garnet, Unknown, Tasks.Sv1])
        );
        Assert.Equal("AWS price list of 2026-11-20", book.Describe([Forte, Cepheus]));
    }

    [Fact]
    public void A_retired_device_the_list_no_longer_carries_keeps_its_last_price()
    {
        var book = Book(OfferFiles.SampleRows);

        Assert.Equal(new DevicePrice(0.30m, 0.00035m, PriceOrigin.BuiltInTable), book.PriceOf(Tasks.Aspen));
        Assert.Equal(new DevicePrice(0.30m, 0.0009m, PriceOrigin.BuiltInTable), book.PriceOf(Tasks.Ankaa));
    }

    [Fact]
    public void Before_a_list_is_read_the_built_in_table_prices_todays_qpus()
    {
        var book = new Pricing(new PricingOptions());

        Assert.Equal("built-in table of " + BuiltInPrices.Date, book.PricesUsed);
        Assert.Equal(0.08m, book.PerShot(Forte));
        Assert.Equal(0.0235m, book.PerShot(Ibex));
        Assert.Equal(0.000425m, book.PerShot(Cepheus));
        Assert.Equal(0.0016m, book.PerShot(DeviceSummary.FromArn(Arn("arn:aws:braket:eu-north-1::device/qpu/iqm/Emerald"))));
        Assert.Equal(0.08m, book.PerShot(DeviceSummary.FromArn(Arn("arn:aws:braket:us-east-1::device/qpu/ionq/Forte-Enterprise-1"))));
        Assert.Equal(0.01m, book.PerShot(DeviceSummary.FromArn(Arn("arn:aws:braket:us-east-1::device/qpu/quera/Aquila"))));
        Assert.Equal(new DevicePrice(0.30m, 0.08m, PriceOrigin.HighestQpuPrice), book.PriceOf(Unknown));
        Assert.Null(book.PriceOf(Tasks.Sv1));
    }

    [Fact]
    public void Configured_prices_override_the_list_by_device_in_any_spelling_or_by_provider()
    {
        var options = new PricingOptions { PerTask = 0.5m, PerShot = { ["Forte-1"] = 0.09m, ["iqm"] = 0.002m } };
        var book = Book(OfferFiles.SampleRows, options);

        Assert.Equal(new DevicePrice(0.5m, 0.09m, PriceOrigin.Configured), book.PriceOf(Forte)); // "Forte 1" as Braket lists it
        Assert.Equal(new DevicePrice(0.5m, 0.002m, PriceOrigin.Configured), book.PriceOf(Garnet));
        Assert.Equal(new DevicePrice(0.5m, 0.0235m, PriceOrigin.PriceList), book.PriceOf(Ibex));
    }

    [Fact]
    public void Retired_devices_are_known_as_retired_before_the_device_list_is_read()
    {
        Assert.True(BuiltInPrices.IsRetired(DeviceSummary.FromArn(Arn(Tasks.AspenArn))));
        Assert.True(BuiltInPrices.IsRetired(DeviceSummary.FromArn(Arn(Tasks.AnkaaArn))));
        Assert.False(BuiltInPrices.IsRetired(Forte));
        Assert.False(BuiltInPrices.IsRetired(Tasks.Sv1));
    }

    private static DeviceArn Arn(string text) => DeviceArn.TryParse(text, out var arn) ? arn : throw new ArgumentException(text);
}
