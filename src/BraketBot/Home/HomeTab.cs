namespace BraketBot.Home;

/// <summary>Draws one user's Home tab from the ledger and publishes it; notes who is looking.</summary>
public sealed partial class HomeTab(HomeReader reader, HomeViewers viewers, HomeTabTurns turns, ISlackViews slack, ILogger<HomeTab> logger)
{
    public async Task PublishAsync(HomeRequest request, CancellationToken cancellationToken)
    {
        // Noted first: a change while this one is drawn is then republished to them.
        if (request.Viewing)
            await viewers.SeenAsync(request.UserId, request.Access, cancellationToken);
        var published = await turns.TakeAsync(
            request.UserId,
            async () =>
            {
                var snapshot = await reader.ReadAsync(cancellationToken);
                var blocks = HomeView.Render(snapshot, request.Access, request.Notice);
                return await slack.PublishHomeAsync(request.UserId, blocks, cancellationToken);
            },
            cancellationToken
        );
        if (!published.Ok)
            LogNotPublished(request.UserId, published.Error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Home tab of {UserId} was not published: {Error}")]
    private partial void LogNotPublished(string userId, string? error);
}
