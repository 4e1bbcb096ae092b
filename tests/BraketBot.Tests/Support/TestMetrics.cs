using System.Diagnostics.Metrics;
using BraketBot.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace BraketBot.Tests.Support;

/// <summary>The bot's meter for classes built by hand in unit tests.</summary>
public static class TestMetrics
{
    public static BraketBotMetrics Create() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
