using BraketBot.Ports;
using ScottPlot;
using SkiaSharp;

namespace BraketBot.Charts;

/// <summary>
/// Draws usage charts with ScottPlot 5 at Slack's preview size (twice over for sharp screens): a title
/// with the period and the zone, one legend, then a panel per metric side by side with units on their
/// axes, stacked bars in the Okabe-Ito colour-blind-safe palette, the running total in black, its
/// projection dotted, and each cap a dashed vermillion line labelled with its limit. No chart junk: no
/// vertical grid, no top frame, nothing the data does not need.
/// </summary>
public sealed class ScottPlotChartRenderer : IChartRenderer
{
    private static readonly Color Total = Colors.Black;
    private static readonly Color Cap = Palette()[6];

    /// <summary>ScottPlot's colour-blind-friendly palette (Okabe and Ito) without black and vermillion, which the total and the caps
    /// use.</summary>
    private static readonly Color[] StackColors = Palette().Where(c => c != Total && c != Cap).ToArray();

    private const int HeaderHeight = 52;

    /// <summary>Room on the right of each panel, so that its data never touches the next one or the edge.</summary>
    private const int PanelGap = 16;
    private const float TitleSize = 15;
    private const float LegendSize = 11;

    public byte[] RenderPng(UsageChart chart) => Draw(chart).Png;

    /// <summary>The PNG and its panels' frames (the tests find the caps' rows from them).</summary>
    public ChartDrawing Draw(UsageChart chart)
    {
        // Here, not at construction: loading the fonts is SkiaSharp's first native call, and a failure
        // of it must stay a failed chart, not a service that cannot be made.
        EmbeddedFonts.Register();
        const int scale = IChartRenderer.Scale;
        var (width, height) = (IChartRenderer.Width * scale, IChartRenderer.Height * scale);
        var colours = chart
            .SeriesNames.Select((name, i) => (name, i))
            .ToDictionary(p => p.name, p => StackColors[p.i % StackColors.Length]);
        using var surface = SKSurface.Create(new SKImageInfo(width, height))
            ?? throw new InvalidOperationException("Skia could not make a surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        var frames = new List<PanelFrame>();
        var panelWidth = width / Math.Max(1, chart.Panels.Count);
        var top = HeaderHeight * scale;
        for (var i = 0; i < chart.Panels.Count; i++)
        {
            var plot = Panel(chart, chart.Panels[i], colours);
            using var image = SKBitmap.Decode(plot.GetImageBytes(panelWidth - PanelGap * scale, height - top, ImageFormat.Png));
            canvas.DrawBitmap(image, i * panelWidth, top);
            var limits = plot.Axes.GetLimits();
            var (low, high) = (
                plot.GetPixel(new Coordinates(limits.Left, limits.Bottom)),
                plot.GetPixel(new Coordinates(limits.Right, limits.Top))
            );
            frames.Add(
                new PanelFrame(
                    i * panelWidth + (int)Math.Round(low.X),
                    top + (int)Math.Round(high.Y),
                    i * panelWidth + (int)Math.Round(high.X),
                    top + (int)Math.Round(low.Y),
                    limits.Bottom,
                    limits.Top
                )
            );
        }
        Header(canvas, chart, colours, scale);
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return new ChartDrawing(png.ToArray(), frames);
    }

    private static Plot Panel(UsageChart chart, ChartPanel panel, IReadOnlyDictionary<string, Color> colours)
    {
        var plot = new Plot { ScaleFactor = IChartRenderer.Scale };
        plot.Font.Set(EmbeddedFonts.Family);
        var buckets = chart.BucketLabels.Count;

        var bases = new double[buckets];
        foreach (var series in panel.Stacks)
        {
            plot.Add.Bars(
                series
                    .Values.Select(
                        (value, bucket) =>
                        {
                            var bar = new Bar
                            {
                                Position = bucket,
                                ValueBase = bases[bucket],
                                Value = bases[bucket] + value,
                                FillColor = colours[series.Name],
                                LineWidth = 0,
                                Size = 0.8,
                            };
                            bases[bucket] += value;
                            return bar;
                        }
                    )
                    .ToList()
            );
        }

        // The running total steps at each bucket's end: point i is the total when bucket i-1 ends.
        var total = plot.Add.ScatterLine(panel.RunningTotal.Select((_, i) => i - 0.5).ToArray(), panel.RunningTotal.ToArray(), Total);
        total.LineWidth = 1.5f;
        total.MarkerSize = 0;
        total.ConnectStyle = ConnectStyle.StepHorizontal;
        if (panel.Projection.Count > 1)
        {
            var start = panel.RunningTotal.Count - 1;
            var projection = plot.Add.ScatterLine(
                panel.Projection.Select((_, i) => start + i - 0.5).ToArray(),
                panel.Projection.ToArray(),
                Total
            );
            projection.LineWidth = 1.5f;
            projection.MarkerSize = 0;
            projection.LinePattern = LinePattern.Dotted;
        }
        foreach (var cap in panel.Caps)
        {
            plot.Add.HorizontalLine(cap.Limit, 1.5f, Cap, LinePattern.Dashed);
            var label = plot.Add.Text($"{cap.Label} {Amount(cap.Limit, panel.Unit)}", buckets - 0.5, cap.Limit);
            label.LabelAlignment = Alignment.LowerRight;
            label.LabelFontColor = Cap;
            label.LabelFontSize = 10;
            label.LabelBold = true;
        }

        var peak = panel.Peak > 0 ? panel.Peak : 1;
        plot.Axes.SetLimits(-0.6, buckets - 0.4, 0, peak * 1.12);
        var step = buckets > 25 ? 5 : 3;
        var ticks = Enumerable.Range(0, buckets).Where(b => buckets > 25 ? (b + 1) % step == 0 || b == 0 : b % step == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            ticks.Select(b => (double)b).ToArray(),
            ticks.Select(b => chart.BucketLabels[b]).ToArray()
        );
        plot.Axes.Bottom.Label.Text = chart.BucketAxis;
        plot.Axes.Left.Label.Text = panel.Unit == "USD" ? "USD (estimated)" : panel.Unit;
        plot.Axes.Title.Label.Text = panel.Title;
        plot.Axes.Title.Label.FontSize = 12;
        plot.Axes.Title.Label.Bold = false;
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.Label.FontSize = 11;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = 10;
        }
        plot.Axes.Top.IsVisible = false;
        plot.Axes.Right.IsVisible = false;
        plot.Grid.XAxisStyle.IsVisible = false;
        return plot;
    }

    /// <summary>The title, then one legend for every panel: the series' colours, the running total, the projection, the caps.</summary>
    private static void Header(SKCanvas canvas, UsageChart chart, IReadOnlyDictionary<string, Color> colours, int scale)
    {
        var fonts = EmbeddedFonts.Instance;
        using var title = new SKFont(fonts.Bold, TitleSize * scale);
        using var legend = new SKFont(fonts.Regular, LegendSize * scale);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        float margin = 12 * scale;
        canvas.DrawText(chart.Title, margin, 22 * scale, SKTextAlign.Left, title, ink);

        var x = margin;
        var baseline = 42f * scale;
        var swatch = 10f * scale;
        foreach (var (name, colour) in colours)
        {
            using var fill = new SKPaint { Color = new SKColor(colour.ARGB), IsAntialias = true };
            canvas.DrawRect(x, baseline - swatch, swatch, swatch, fill);
            x = Label(x + swatch + 4 * scale, name);
        }
        x = Line(x, Total, null, "total so far");
        if (chart.Panels.Any(p => p.Projection.Count > 1))
            x = Line(x, Total, [2 * scale, 3 * scale], "projection");
        if (chart.Panels.Any(p => p.Caps.Count > 0))
            Line(x, Cap, [6 * scale, 4 * scale], "cap");

        float Label(float at, string text)
        {
            canvas.DrawText(text, at, baseline, SKTextAlign.Left, legend, ink);
            return at + legend.MeasureText(text) + 14 * scale;
        }

        float Line(float at, Color colour, float[]? dashes, string text)
        {
            using var pen = new SKPaint
            {
                Color = new SKColor(colour.ARGB),
                StrokeWidth = 1.5f * scale,
                IsAntialias = true,
                Style = SKPaintStyle.Stroke,
            };
            using var effect = dashes is null ? null : SKPathEffect.CreateDash(dashes, 0);
            pen.PathEffect = effect;
            canvas.DrawLine(at, baseline - swatch / 2, at + 2 * swatch, baseline - swatch / 2, pen);
            return Label(at + 2 * swatch + 4 * scale, text);
        }
    }

    private static string Amount(double value, string unit) =>
        unit == "USD"
            ? value.ToString("$#,0.##", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    private static Color[] Palette() => new ScottPlot.Palettes.ColorblindFriendly().Colors;
}
