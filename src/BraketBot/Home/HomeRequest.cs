namespace BraketBot.Home;

/// <summary>One Home tab to draw and publish.</summary>
/// <param name="Access">What the user may cancel: their view offers "Cancel all queued" of those scopes.</param>
/// <param name="Viewing">
/// The user opened the tab or clicked in it (not a republish): they are looking, so later changes are republished to them.
/// </param>
/// <param name="Notice">A line shown at the top, answering what the user just did there.</param>
public sealed record HomeRequest(string UserId, HomeAccess Access, bool Viewing, string? Notice = null);
