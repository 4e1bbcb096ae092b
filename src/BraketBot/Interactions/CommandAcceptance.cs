using BraketBot.Commands;

namespace BraketBot.Interactions;

/// <summary>What to do with a command: whether it was taken, and the immediate answer.</summary>
public sealed record CommandAcceptance(Admission Admission, SlashReply? Reply = null);
