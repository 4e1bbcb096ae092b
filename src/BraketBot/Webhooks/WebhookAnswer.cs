namespace BraketBot.Webhooks;

/// <summary>What the webhook did with an event.</summary>
public sealed record WebhookAnswer(string Status, string Detail);
