using System.Runtime.CompilerServices;
using BraketBot.Ports;

namespace BraketBot.Usage;

public static class TaskSearch
{
    /// <summary>Every task matching the filters, page after page; a failed page throws <see cref="BraketException"/>.</summary>
    public static async IAsyncEnumerable<QuantumTaskSummary> SearchAllQuantumTasksAsync(
        this IBraketApi braket, string region, IReadOnlyList<QuantumTaskFilter> filters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? nextToken = null;
        var tokens = new PageTokens(BraketOperations.SearchQuantumTasks);
        do
        {
            var page = await braket.SearchQuantumTasksAsync(region, filters, nextToken, QuantumTaskPage.MaxSize, cancellationToken);
            if (!page.IsSuccess) throw new BraketException(page.Error!);
            foreach (var task in page.Value!.QuantumTasks) yield return task;
            nextToken = page.Value.NextToken;
            if (tokens.Repeated(nextToken) is { } repeated) throw new BraketException(repeated);
        } while (nextToken is not null);
    }

    /// <summary>
    /// The tasks created in [start, end) in the given regions, of one device or of all: one pass per
    /// region over every status, filtered by Braket (createdAt, deviceArn), never a history scan.
    /// </summary>
    public static async Task<BraketResult<IReadOnlyList<QuantumTaskSummary>>> TasksCreatedAsync(
        this IBraketApi braket, IEnumerable<string> regions, string? deviceArn,
        DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        List<QuantumTaskFilter> filters =
        [
            QuantumTaskFilter.CreatedAt(FilterOperator.Gte, start),
            QuantumTaskFilter.CreatedAt(FilterOperator.Lt, end),
        ];
        if (deviceArn is not null) filters.Add(QuantumTaskFilter.Device(deviceArn));

        async Task<List<QuantumTaskSummary>> ScanAsync(string region)
        {
            var tasks = new List<QuantumTaskSummary>();
            await foreach (var task in braket.SearchAllQuantumTasksAsync(region, filters, cancellationToken))
                if (task.CreatedAt >= start && task.CreatedAt < end) tasks.Add(task);
            return tasks;
        }

        try
        {
            var perRegion = await Task.WhenAll(regions.Distinct().Select(ScanAsync));
            return perRegion.SelectMany(tasks => tasks).DistinctBy(t => t.QuantumTaskArn).ToList();
        }
        catch (BraketException e)
        {
            return e.Error;
        }
    }
}
