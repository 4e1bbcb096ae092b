namespace BraketBot.Tests.Support;

/// <summary>
/// The Braket SDK's cost tracker's rule (braket.tracking.tracker._get_qpu_task_cost), ported as written,
/// over the rows of a fake price list: the figures the bot must reach, computed apart from its code.
/// </summary>
public static class TrackerRule
{
    public static decimal QpuTaskCost(
        IReadOnlyList<OfferRow> rows,
        string taskArn,
        string deviceArn,
        long shots,
        string status,
        bool jobTask = false
    )
    {
        if (status is "FAILED" or "CANCELLED")
            return 0m;
        var region = taskArn.Split(':')[3];
        var name = deviceArn.Split('/')[^1];
        name = char.ToUpperInvariant(name[0]) + name[1..];
        if (name.Contains("Ibex", StringComparison.Ordinal))
            name = name.Replace("Ibex", "IBEX", StringComparison.Ordinal);
        var (shotFamily, taskFamily) = jobTask
            ? ("Braket Managed Jobs QPU Task Shot", "Braket Managed Jobs QPU Task")
            : ("Quantum Task-Shot", "Quantum Task");
        decimal Single(string family)
        {
            var matching = rows.Where(r => r.Region == region && r.Family == family && r.Device == name).ToList();
            return matching.Count == 1
                ? matching[0].Price
                : throw new InvalidOperationException($"Found {matching.Count} products matching {region} {family} {name}");
        }
        return Single(shotFamily) * shots + Single(taskFamily);
    }
}
