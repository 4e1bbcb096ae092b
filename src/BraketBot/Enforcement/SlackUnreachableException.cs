namespace BraketBot.Enforcement;

/// <summary>Slack did not answer whether a post landed; the post waits until it can be asked.</summary>
internal sealed class SlackUnreachableException(string? error) : Exception($"Slack could not be asked ({error}).");
