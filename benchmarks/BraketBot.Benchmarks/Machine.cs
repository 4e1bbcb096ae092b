internal static class Machine
{
    public static string Cpu() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1]
                .Trim()
                ?? "unknown CPU"
            : "unknown CPU";

    public static string MemoryGiB()
    {
        if (!File.Exists("/proc/meminfo"))
            return "?";
        var kib = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"{long.Parse(kib, System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024}";
    }
}
