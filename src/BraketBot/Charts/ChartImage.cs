namespace BraketBot.Charts;

/// <summary>A chart Slack holds as a file: its id, and the words that stand for it.</summary>
public sealed record ChartImage(string FileId, string Title, string AltText);
