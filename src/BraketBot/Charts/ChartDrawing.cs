namespace BraketBot.Charts;

/// <summary>A drawn chart: the PNG and where each panel's data is in it.</summary>
public sealed record ChartDrawing(byte[] Png, IReadOnlyList<PanelFrame> Frames);
