using System.Net;
using BraketBot.Jobs;

namespace BraketBot.Tests.Support;

/// <summary>
/// A host serving the Hangfire dashboard, one kind of it (<see cref="DashboardHosts"/>). Its sign-in guess limiter counts
/// per client and per minute and keeps its count between tests, as it does in production; so each test comes as a
/// client of its own (an address no test used before): one test's guesses lock none of the next out.
/// </summary>
public abstract class DashboardFixture : AppFixture
{
    public const string Username = "ops";

    public const string Password = "s3cret";

    /// <param name="readWrite">Hangfire:Dashboard:ReadWrite, read at start.</param>
    /// <param name="onFly">FLY_APP_NAME set, as on a Fly.io machine: the limiter believes Fly-Client-IP (read at start too).</param>
    protected DashboardFixture(bool readWrite, bool onFly = false)
        : base(bot =>
        {
            Configure(bot, readWrite);
            if (onFly)
                bot.Settings[DashboardGuessLimiter.FlyAppVariable] = "braketbot";
            RemoteCaller.On(bot);
        }) => caller = Bot.Service<RemoteCaller>();

    private readonly RemoteCaller caller;

    private int clients;

    /// <summary>The dashboard's settings, for a host of a test's own.</summary>
    public static BotFactory Configure(BotFactory bot, bool readWrite)
    {
        bot.Settings["Hangfire:Dashboard:Username"] = Username;
        bot.Settings["Hangfire:Dashboard:Password"] = Password;
        bot.Settings["Hangfire:Dashboard:ReadWrite"] = readWrite ? "true" : "false";
        return bot;
    }

    /// <summary>Also a new client for the next test: a loopback address (this machine, as before) of its own.</summary>
    public override async Task ResetAsync()
    {
        await base.ResetAsync();
        clients++;
        caller.Current = new IPAddress([127, 1, (byte)(clients >> 8), (byte)clients]);
    }
}
