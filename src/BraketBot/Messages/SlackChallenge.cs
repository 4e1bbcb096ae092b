namespace BraketBot.Messages;

/// <summary>The answer to Slack's url_verification: its challenge, given back.</summary>
public sealed record SlackChallenge(string Challenge);
