using BraketBot.Benchmarks;

// Prints the table of the README's Performance section. Scenarios can be picked: a b c d e f; "f=20000" runs (f) at one day size.
var picked = args.Length > 0 ? args.Select(a => a.ToLowerInvariant().Split('=')[0]).ToHashSet() : ["a", "b", "c", "d", "e", "f"];
int[] reconcileSizes = args.FirstOrDefault(a => a.StartsWith("f=", StringComparison.OrdinalIgnoreCase)) is { } sized
    ? [int.Parse(sized[2..], System.Globalization.CultureInfo.InvariantCulture)]
    : [20_000, 100_000];
var rows = new List<Row>();
TimeSpan? startup = null;
long? workingSet = null;

if (picked.Contains("a"))
{
    foreach (var tasks in new[] { 1_000, 10_000 })
        rows.AddRange(await Scenarios.InfoReportAsync(tasks));
    rows.AddRange(await Scenarios.InfoFromLedgerAsync(100_000));
}
if (picked.Contains("b"))
    foreach (var events in new[] { 50, 500, 5_000 })
        rows.AddRange(await Scenarios.EventBurstAsync(events));
if (picked.Contains("c"))
{
    rows.AddRange(await Scenarios.BreachAsync(200));
    rows.AddRange(await Scenarios.ColdBreachAsync());
}
if (picked.Contains("f"))
    foreach (var tasks in reconcileSizes)
    {
        var reconcile = await Scenarios.ReconcileAsync(tasks);
        rows.AddRange(reconcile);
        foreach (var row in reconcile)
            Console.Error.WriteLine($"{row.Scenario}: {row.Measured} ({row.Reference})"); // long: say each as it comes
    }
if (picked.Contains("e"))
    rows.AddRange(await Scenarios.SustainedAsync(5_000, TimeSpan.FromMinutes(1)));
if (picked.Contains("d"))
{
    var (ack, started, memory) = await Scenarios.AcknowledgementAsync(2_000, 20);
    rows.AddRange(ack);
    (startup, workingSet) = (started, memory);
}

Console.WriteLine(
    $"Command: dotnet run -c Release --project benchmarks/BraketBot.Benchmarks -- "
        + $"{string.Join(' ', args.Length > 0 ? args.AsEnumerable() : picked.Order())}"
);
Console.WriteLine(
    $"Machine: {Environment.ProcessorCount} cores, {Machine.Cpu()}, {Machine.MemoryGiB()} GiB, "
        + $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}"
);
Console.WriteLine(
    "Fake Braket: SearchQuantumTasks 5/s burst 50, CancelQuantumTask 2/s burst 20 (429 beyond), 30 ms a call; the bot runs as its own "
        + "process."
);
Console.WriteLine();
Console.WriteLine("| scenario | measured | reference | target | met |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
foreach (var row in rows)
    Console.WriteLine($"| {row.Scenario} | {row.Measured} | {row.Reference} | {row.Target} | {(row.Met ? "yes" : "NO")} |");
if (startup is not null)
    Console.WriteLine($"| start-up to first healthy answer | {Scenarios.Seconds(startup.Value)} | | | |");
if (workingSet is not null)
    Console.WriteLine($"| bot working set after (d) | {workingSet / 1024 / 1024} MiB | | | |");
return rows.All(r => r.Met) ? 0 : 1;
