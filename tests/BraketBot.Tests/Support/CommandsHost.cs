namespace BraketBot.Tests.Support;

/// <summary>
/// One default host shared by the test classes of slash commands and clicks: info, cancel, caps and limits, and hostile requests at the Slack entry (one after
/// another, each test in its own reset scope); the other default collections run beside it, so the suite keeps both cores busy.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CommandsHost : ICollectionFixture<AppFixture>
{
    public const string Name = nameof(CommandsHost);
}
