using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Support;

/// <summary>
/// Every request as if it came from another machine (a documentation address): what the world sees. A shared host's
/// tests choose their own caller (<see cref="Current"/>); <see langword="null"/> leaves the connection's address (this machine).
/// </summary>
public sealed class RemoteCaller : IStartupFilter
{
    public static readonly IPAddress Address = IPAddress.Parse("203.0.113.9");

    public IPAddress? Current { get; set; } = Address;

    /// <summary>Puts a caller, as yet this machine, in front of <paramref name="bot"/> before it starts; the host's
    /// <c>Service&lt;RemoteCaller&gt;()</c> then chooses it.</summary>
    public static void On(BotFactory bot)
    {
        var caller = new RemoteCaller { Current = null };
        bot.TestServices.Add(services => services.AddSingleton(caller).AddSingleton<IStartupFilter>(caller));
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Use(
                (context, rest) =>
                {
                    if (Current is { } address)
                        context.Connection.RemoteIpAddress = address;
                    return rest(context);
                }
            );
            next(app);
        };
}
