using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Braket;

public sealed class DeviceCatalogTests : IDisposable
{
    private readonly FakeBraket braket = new();

    public void Dispose() => braket.Dispose();

    private DeviceCatalog Catalog(ServiceProvider? services = null) =>
        (services ?? BraketServices.Create(braket.Url)).GetRequiredService<DeviceCatalog>();

    [Theory]
    [InlineData("Aspen-M-1")]
    [InlineData("aspen-m-1")]
    [InlineData("ASPEN-M-1")]
    [InlineData(Tasks.AspenArn)]
    public async Task Finds_a_device_by_name_in_any_case_or_by_arn(string query)
    {
        braket.Devices.AddRange(Tasks.AllDevices);

        var found = Assert.IsType<DeviceLookup.Found>(await Catalog().ResolveAsync(query, CancellationToken.None));

        Assert.Equal(Tasks.AspenArn, found.Device.DeviceArn);
    }

    [Fact]
    public async Task Suggests_the_nearest_names_for_a_typo()
    {
        braket.Devices.AddRange(Tasks.AllDevices);

        var notFound = Assert.IsType<DeviceLookup.NotFound>(await Catalog().ResolveAsync("Aspen-M1", CancellationToken.None));

        Assert.Equal("Aspen-M-1", notFound.Suggestions[0]);
    }

    [Fact]
    public async Task Accepts_an_unlisted_device_arn_rather_than_giving_up()
    {
        const string arn = "arn:aws:braket:eu-north-1::device/qpu/iqm/Emerald";

        var found = Assert.IsType<DeviceLookup.Found>(await Catalog().ResolveAsync(arn, CancellationToken.None));

        Assert.Equal(("Emerald", "iqm", "eu-north-1"), (found.Device.DeviceName, found.Device.ProviderName, found.Device.Region));
    }

    [Fact]
    public async Task Caches_the_list_across_lookups()
    {
        braket.Devices.AddRange(Tasks.AllDevices);
        var services = BraketServices.Create(braket.Url);

        await Catalog(services).ResolveAsync("Aspen-M-1", CancellationToken.None);
        await Catalog(services).ResolveAsync("Forte-1", CancellationToken.None);

        Assert.Equal(2, braket.RequestsOf(BraketOperations.SearchDevices).Count); // one per region, once
    }

    [Fact]
    public async Task Says_why_when_braket_refuses()
    {
        braket.Fail(BraketOperations.SearchDevices, HttpStatusCode.Forbidden, times: 2);

        var failed = Assert.IsType<DeviceLookup.Failed>(await Catalog().ResolveAsync("Aspen-M-1", CancellationToken.None));

        Assert.Equal("braket:SearchDevices", failed.Error.MissingPermission);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("Garnet", "Garnet", 0)]
    [InlineData("", "abc", 3)]
    public void Measures_edit_distance(string a, string b, int distance) => Assert.Equal(distance, NameSuggestions.Distance(a, b));
}
