using System.Buffers.Binary;
using BraketBot.Ports;

namespace BraketBot.Cli;

/// <summary>
/// `doctor`'s check that charts can be drawn on this host: a sample chart through the real renderer,
/// so a missing native library or font shows here, not in a chart that never comes.
/// </summary>
public sealed class ChartCheck(Lazy<IChartRenderer> renderer)
{
    public const string Name = "Charts";

    /// <summary>A blank PNG of the chart's size packs into a few KiB; a drawn chart, with its text and bars, into tens.</summary>
    private const int MinimumBytes = 16 * 1024;

    private static readonly UsageChart Sample = new(
        "BraketBot sample chart (UTC)",
        "hour (UTC)",
        [.. Enumerable.Range(0, 24).Select(h => h.ToString("00", System.Globalization.CultureInfo.InvariantCulture))],
        [
            new ChartPanel(
                "Shots per hour",
                "shots",
                [new ChartSeries("Sample", [.. Enumerable.Range(0, 24).Select(h => h is >= 9 and < 17 ? 500.0 : 0)])],
                [.. Enumerable.Range(0, 25).Select(h => 500.0 * Math.Clamp(h - 9, 0, 8))],
                [],
                [new ChartCap("daily cap", 5000)]
            ),
        ]
    );

    public DoctorCheck Run()
    {
        try
        {
            var png = renderer.Value.RenderPng(Sample); // made here, so a renderer that cannot load fails this check, not doctor
            var (width, height) = SizeOf(png);
            const int expectedWidth = IChartRenderer.Width * IChartRenderer.Scale,
                expectedHeight = IChartRenderer.Height * IChartRenderer.Scale;
            if ((width, height) != (expectedWidth, expectedHeight))
                return DoctorCheck.Fail(Name, $"the sample chart is {width}×{height}, not {expectedWidth}×{expectedHeight}", Fix);
            return png.Length < MinimumBytes
                ? DoctorCheck.Fail(Name, $"the sample chart came out blank ({png.Length} bytes)", Fix)
                : DoctorCheck.Pass(Name, $"a sample chart draws ({width}×{height} PNG)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return DoctorCheck.Fail(Name, $"a chart cannot be drawn here: {e.GetBaseException().Message}", Fix);
        }
    }

    private const string Fix =
        "run the published app as it is (SkiaSharp's native libraries are in its runtimes folder, the font inside the app); on Alpine, "
        + "publish for linux-musl-x64";

    /// <summary>Width and height from a PNG's header (the IHDR chunk comes first); zero when it is not a PNG.</summary>
    private static (int Width, int Height) SizeOf(byte[] png) =>
        png.Length >= 24 && png.AsSpan(0, 8).SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            ? (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)))
            : (0, 0);
}
