namespace BraketBot.Prices;

/// <summary>The AWS price list could not be read or parsed; the message says why, for people.</summary>
public sealed class PriceListException(string message, Exception? inner = null) : Exception(message, inner);
