using System.Text.Json;
using System.Text.Json.Nodes;
using BraketBot.Home;
using BraketBot.Messages;
using BraketBot.Ports;

namespace BraketBot.Slack;

public sealed partial class SlackApiClient : ISlackViews
{
    public const string PublishMethod = "views.publish";

    /// <summary>views.publish replaces the user's whole tab, so repeating it after a lost answer does no harm.</summary>
    public async Task<SlackResult> PublishHomeAsync(string userId, IReadOnlyList<Block> blocks, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["user_id"] = userId,
            ["view"] = new JsonObject
            {
                ["type"] = SlackView.HomeType,
                ["blocks"] = JsonSerializer.SerializeToNode(blocks, SlackMessage.Json),
            },
        };
        var answer = await CallForJsonAsync(PublishMethod, JsonContent.Create(body), repeatable: true, cancellationToken);
        return answer.Result ?? new SlackResult(true);
    }
}
