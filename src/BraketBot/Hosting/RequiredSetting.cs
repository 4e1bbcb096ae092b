namespace BraketBot.Hosting;

/// <summary>A setting without which part of the bot is switched off.</summary>
public sealed record RequiredSetting(string Key, string Consequence, Func<bool> IsSet);
