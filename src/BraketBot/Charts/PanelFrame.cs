namespace BraketBot.Charts;

/// <summary>Where a panel's data area is in the PNG, and the values its vertical axis spans: enough to find any value's pixel
/// row.</summary>
public sealed record PanelFrame(int Left, int Top, int Right, int Bottom, double Min, double Max)
{
    public int RowOf(double value) => (int)Math.Round(Bottom - (value - Min) / (Max - Min) * (Bottom - Top));
}
