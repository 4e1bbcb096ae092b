namespace BraketBot.Testing;

/// <summary>
/// One price of a fake AWS price list, in the words of the offer file: its product family, region, the
/// device (in <c>DeviceName</c> for on-demand families, <c>Device Name</c> for a hybrid job's), or an
/// instance type, or a simulator's version.
/// </summary>
public sealed record OfferRow(
    string Family,
    string Region,
    string Device,
    decimal Price,
    string Unit = "",
    string InstanceType = "",
    string Version = ""
)
{
    public static OfferRow Shot(string region, string device, decimal price) => new("Quantum Task-Shot", region, device, price, "Shot");

    public static OfferRow Task(string region, string device, decimal price = 0.30m) => new("Quantum Task", region, device, price, "Task");

    public static OfferRow JobShot(string region, string device, decimal price) =>
        new("Braket Managed Jobs QPU Task Shot", region, device, price, "Shot");

    public static OfferRow JobTask(string region, string device, decimal price = 0.30m) =>
        new("Braket Managed Jobs QPU Task", region, device, price, "Task");

    public static OfferRow Instance(string region, string instanceType, decimal perMinute) =>
        new("Braket Managed Jobs Instance", region, "", perMinute, "minutes", InstanceType: instanceType);

    public static OfferRow Simulator(string region, string version, decimal perMinute) =>
        new("Simulator Task", region, "", perMinute, "minutes", Version: version);

    /// <summary>A QPU's four prices: per task and per shot, on demand and in hybrid jobs.</summary>
    public static IEnumerable<OfferRow> Qpu(string region, string device, decimal perShot, decimal perTask = 0.30m) =>
        [Shot(region, device, perShot), Task(region, device, perTask), JobShot(region, device, perShot), JobTask(region, device, perTask)];
}
