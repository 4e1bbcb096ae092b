using BraketBot.Charts;
using SkiaSharp;

namespace BraketBot.Tests.Charts;

/// <summary>The PNG people see in Slack, drawn from fixed data and read back pixel by pixel.</summary>
public sealed class ChartRenderingTests
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
    private static readonly DayWindow Day = new Day(new DateOnly(2026, 11, 27)).Window(Zurich);
    private static readonly Pricing Pricing = new(new PricingOptions());
    private static readonly ScottPlotChartRenderer Renderer = new();

    /// <summary>The cap's dashed line in the Okabe-Ito palette's vermillion.</summary>
    private static readonly SKColor CapColour = new(0xD5, 0x5E, 0x00);

    private static UsageChart DayChart(long shotsCap) =>
        UsageCharts.Day(
            Day,
            [
                .. Tasks.Many(5, Tasks.AnkaaArn, QuantumTaskStatus.Completed, 1000, Day.Start.AddHours(9)),
                .. Tasks.Many(3, Tasks.ForteArn, QuantumTaskStatus.Queued, 100, Day.Start.AddHours(14)),
            ],
            null,
            Describe,
            Pricing,
            new CapsOptions
            {
                TimeZone = "Europe/Zurich",
                MaxShotsPerDay = shotsCap,
                MaxCostPerDay = 50,
            },
            Day.End
        );

    private static DeviceSummary Describe(string arn) => Tasks.AllDevices.First(d => d.DeviceArn == arn);

    [Fact]
    public void A_day_chart_is_slacks_preview_size_twice_over_and_not_blank()
    {
        var png = Renderer.RenderPng(DayChart(8000));
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "braketbot-day-chart.png"), png);

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((1600, 800), (bitmap.Width, bitmap.Height));
        var colours = Enumerable
            .Range(0, 200)
            .SelectMany(x => Enumerable.Range(0, 100).Select(y => bitmap.GetPixel(x * 8, y * 8)))
            .Distinct()
            .Count();
        Assert.True(colours > 10, $"the chart has {colours} colours: blank");
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(8000)]
    public void The_shots_cap_is_a_vermillion_line_at_its_value_on_the_shots_axis(long cap)
    {
        var drawing = Renderer.Draw(DayChart(cap));
        using var bitmap = SKBitmap.Decode(drawing.Png);
        var shots = drawing.Frames[0];
        var row = shots.RowOf(cap);

        // Dashed: along the cap's row (give or take its width) a good part of the data area is vermillion.
        var onLine = Enumerable
            .Range(shots.Left, shots.Right - shots.Left)
            .Count(x => Enumerable.Range(row - 2, 5).Any(y => Near(bitmap.GetPixel(x, y), CapColour)));
        Assert.True(onLine > (shots.Right - shots.Left) / 3, $"only {onLine} vermillion pixels on row {row}");
        // …and well above or below it, nothing is.
        var offLine = Enumerable.Range(shots.Left, shots.Right - shots.Left).Count(x => Near(bitmap.GetPixel(x, row + 30), CapColour));
        Assert.True(offLine < 5, $"{offLine} vermillion pixels 30 rows below the cap");
    }

    [Fact]
    public void The_axes_span_what_the_chart_shows_the_total_and_the_cap()
    {
        var chart = DayChart(2000);
        var drawing = Renderer.Draw(chart);

        Assert.Equal(0, drawing.Frames[0].Min);
        Assert.True(drawing.Frames[0].Max >= 5300, "the shots axis reaches the day's 5,300 shots");
        Assert.True(drawing.Frames[1].Max >= 50, "the cost axis reaches the $50 cap");
    }

    [Fact]
    public void A_month_chart_draws_the_projection_and_the_monthly_cap()
    {
        var month = new Month(2026, 11);
        var days = month
            .Days.Take(20)
            .Select(
                (d, i) =>
                    DayUsage.From(
                        d.Window(Zurich),
                        [
                            Tasks.Task(
                                i % 2 == 0 ? Tasks.AnkaaArn : Tasks.ForteArn,
                                QuantumTaskStatus.Completed,
                                400 + 50 * (i % 5),
                                d.Window(Zurich).Start.AddHours(10)
                            ),
                        ],
                        Describe,
                        Pricing
                    )
            )
            .ToList();
        var chart = UsageCharts.Month(
            new MonthUsage(month, days, []),
            null,
            new CapsOptions
            {
                TimeZone = "Europe/Zurich",
                MaxShotsPerMonth = 15_000,
                MaxCostPerMonth = 400,
            },
            month.Days.ElementAt(19).Window(Zurich).End
        );

        var drawing = Renderer.Draw(chart);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "braketbot-month-chart.png"), drawing.Png);

        using var bitmap = SKBitmap.Decode(drawing.Png);
        var shots = drawing.Frames[0];
        Assert.True(shots.Max >= chart.Panels[0].Projection[^1], "the axis reaches the projection");
        Assert.Contains(Enumerable.Range(shots.Left, shots.Right - shots.Left), x =>
            Near(bitmap.GetPixel(x, shots.RowOf(15_000)), CapColour)
        );
    }

    [Fact]
    public void The_charts_font_comes_from_the_app_not_from_the_host()
    {
        EmbeddedFonts.Register();

        Assert.Same(EmbeddedFonts.Instance.Regular, ScottPlot.Fonts.GetTypeface(EmbeddedFonts.Family, bold: false, italic: false));
        Assert.Same(EmbeddedFonts.Instance.Bold, ScottPlot.Fonts.GetTypeface(EmbeddedFonts.Family, bold: true, italic: false));
        Assert.Equal("DejaVu Sans", EmbeddedFonts.Instance.Regular.FamilyName);
    }

    private static bool Near(SKColor a, SKColor b) =>
        Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) < 60;
}
