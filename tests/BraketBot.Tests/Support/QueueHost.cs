namespace BraketBot.Tests.Support;

/// <summary>
/// One host polling an SQS queue (<see cref="QueueFixture"/>) shared, each test in its own reset scope, by the tests of Braket's
/// events from the queue. It runs beside the default collections.
/// </summary>
[CollectionDefinition(Name)]
public sealed class QueueHost : ICollectionFixture<QueueFixture>
{
    public const string Name = nameof(QueueHost);
}
