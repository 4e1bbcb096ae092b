namespace BraketBot.Tests.Prices;

public sealed class DeviceNamesTests
{
    private static readonly DeviceSummary ListedForte = new(Tasks.ForteArn, "Forte 1", "IonQ", "QPU", "ONLINE");
    private static readonly DeviceSummary ListedIbex = new(
        "arn:aws:braket:eu-north-1::device/qpu/aqt/Ibex-Q1",
        "IBEX Q1",
        "AQT",
        "QPU",
        "ONLINE"
    );

    [Theory]
    [InlineData("Forte-1")]
    [InlineData("Forte 1")]
    [InlineData("forte 1")]
    [InlineData("FORTE-1")]
    [InlineData("arn:aws:braket:us-east-1::device/qpu/ionq/Forte-1")]
    public void Names_forte_as_users_write_it_listed_or_not(string name)
    {
        Assert.True(ListedForte.Names(name));
        DeviceArn.TryParse(Tasks.ForteArn, out var arn);
        Assert.True(DeviceSummary.FromArn(arn!).Names(name)); // before the device list is read
    }

    [Theory]
    [InlineData("Ibex-Q1")]
    [InlineData("IBEX Q1")]
    [InlineData("ibex_q1")]
    public void Names_ibex_as_users_write_it(string name) => Assert.True(ListedIbex.Names(name));

    [Theory]
    [InlineData("Forte-Enterprise-1")]
    [InlineData("Forte")]
    [InlineData("Forte1")]
    [InlineData("arn:aws:braket:us-east-1::device/qpu/ionq/Forte-2")]
    public void Does_not_name_another_device(string name) => Assert.False(ListedForte.Names(name));

    [Fact]
    public void A_missing_separator_is_another_name() => Assert.False(Tasks.Aspen.Names("Aspen-M1"));

    [Theory]
    [InlineData("Ibex-Q1", "IBEX-Q1")]
    [InlineData("forte-1", "Forte-1")]
    [InlineData("Cepheus-1-108Q", "Cepheus-1-108Q")]
    [InlineData("Advantage_system6.4", "Advantage_system")]
    [InlineData("DW_2000Q_6", "2000Q")]
    public void Names_devices_as_the_price_list_does(string arnName, string listed) =>
        Assert.Equal(listed, DeviceNames.PriceListName(arnName));

    [Theory]
    [InlineData("Forte-1")]
    [InlineData("Forte 1")]
    [InlineData("forte-1")]
    public void A_device_cap_covers_its_device_whether_or_not_the_device_list_was_read(string key)
    {
        DeviceArn.TryParse(Tasks.ForteArn, out var arn);
        var scope = new CapScope(key);

        Assert.True(scope.Covers(ListedForte));
        Assert.True(scope.Covers(DeviceSummary.FromArn(arn!)));
        Assert.False(scope.Covers(Tasks.Ankaa));
    }
}
