namespace BraketBot.Tests.Support;

/// <summary>
/// One default host shared, one class after another and each test in its own reset scope, by the tests of
/// slash commands and clicks (info, cancel, caps and limits), the Slack entry and the host's own routes.
/// The other default collections run beside it, so the suite keeps both cores busy.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CommandsHost : ICollectionFixture<AppFixture>
{
    public const string Name = nameof(CommandsHost);
}
