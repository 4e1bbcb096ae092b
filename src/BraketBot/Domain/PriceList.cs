namespace BraketBot.Domain;

/// <summary>The AWS price list as BraketBot last read it: its publication date, when it was read, and its USD prices.</summary>
public sealed record PriceList(DateOnly Published, DateTimeOffset ReadAt, IReadOnlyList<PriceRow> Rows)
{
    public const string TaskFamily = "Quantum Task";
    public const string ShotFamily = "Quantum Task-Shot";
    public const string JobTaskFamily = "Braket Managed Jobs QPU Task";
    public const string JobShotFamily = "Braket Managed Jobs QPU Task Shot";
    public const string JobInstanceFamily = "Braket Managed Jobs Instance";
    public const string SimulatorFamily = "Simulator Task";

    /// <summary>The product families BraketBot prices with; the offer file's other rows are not kept.</summary>
    public static readonly IReadOnlySet<string> Families = new HashSet<string>(
        [TaskFamily, ShotFamily, JobTaskFamily, JobShotFamily, JobInstanceFamily, SimulatorFamily],
        StringComparer.Ordinal
    );

    /// <summary>How many QPUs (region and device) the list prices per shot.</summary>
    public int PricedQpus => Rows.Where(r => r.ProductFamily == ShotFamily).Select(r => (r.RegionCode, r.DeviceName)).Distinct().Count();
}
