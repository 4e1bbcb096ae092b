namespace BraketBot.Commands;

/// <summary>Why a command has no result, in words for the person who asked.</summary>
public readonly record struct Refusal(string Problem);
