namespace BraketBot.Braket;

internal sealed record CreateSpendingLimitResponse(string SpendingLimitArn);
