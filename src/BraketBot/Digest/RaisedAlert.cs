namespace BraketBot.Digest;

/// <summary>An alert raised for a cap in the digest's day (for a monthly cap: in its month so far), at its highest level.</summary>
public sealed record RaisedAlert(Cap Cap, CapLevel Level);
