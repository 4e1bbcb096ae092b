namespace BraketBot.Domain;

/// <summary>A "Cancel all queued" button as an alert offers it: its scope and what was queued there when the alert was planned.</summary>
public sealed record CancelOffer(CancelScope Scope, int Tasks, long Shots);
