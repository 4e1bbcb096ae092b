using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace BraketBot.Tests.Support;

/// <summary>Every request as if it came from another machine (a documentation address): what the world sees.</summary>
public sealed class RemoteCaller : IStartupFilter
{
    public static readonly IPAddress Address = IPAddress.Parse("203.0.113.9");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Use(
                (context, rest) =>
                {
                    context.Connection.RemoteIpAddress = Address;
                    return rest(context);
                }
            );
            next(app);
        };
}
