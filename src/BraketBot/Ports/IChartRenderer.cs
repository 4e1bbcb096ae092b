namespace BraketBot.Ports;

/// <summary>Draws a usage chart as a PNG. Behind a port so that the drawing library stays at the edge and the rest is tested without
/// it.</summary>
public interface IChartRenderer
{
    /// <summary>Logical size of a chart: Slack's preview size. The PNG has twice as many pixels each way, for sharp screens.</summary>
    const int Width = 800;
    const int Height = 400;
    const int Scale = 2;

    /// <summary>The chart as PNG bytes, <see cref="Width"/>×<see cref="Height"/> times <see cref="Scale"/>.</summary>
    byte[] RenderPng(UsageChart chart);
}
