using System.Runtime.CompilerServices;
using BraketBot.Hosting;
using BraketBot.Ports;

namespace BraketBot.Usage;

[HotPath]
public static class TaskSearch
{
    /// <summary>Every task matching the filters, page after page; a failed page throws <see cref="BraketException"/>.</summary>
    public static async IAsyncEnumerable<QuantumTaskSummary> SearchAllQuantumTasksAsync(
        this IBraketApi braket,
        string region,
        IReadOnlyList<QuantumTaskFilter> filters,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var pages = braket.SearchAllQuantumTasksAsync(region, filters, ScanPace.Urgent, TimeProvider.System, cancellationToken);
        await foreach (var task in pages)
            yield return task;
    }

    /// <summary>Every task matching the filters, a page at a time no faster than <paramref name="pace"/> allows.</summary>
    public static async IAsyncEnumerable<QuantumTaskSummary> SearchAllQuantumTasksAsync(
        this IBraketApi braket,
        string region,
        IReadOnlyList<QuantumTaskFilter> filters,
        ScanPace pace,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        string? nextToken = null;
        var tokens = new PageTokens(BraketOperations.SearchQuantumTasks);
        do
        {
            if (nextToken is not null && pace.PageInterval > TimeSpan.Zero)
                await Task.Delay(pace.PageInterval, time, cancellationToken);
            var page = await braket.SearchQuantumTasksAsync(region, filters, nextToken, QuantumTaskPage.MaxSize, cancellationToken);
            if (!page.IsSuccess)
                throw new BraketException(page.Error!);
            foreach (var task in page.Value!.QuantumTasks)
                yield return task;
            nextToken = page.Value.NextToken;
            if (tokens.Repeated(nextToken) is { } repeated)
                throw new BraketException(repeated);
        } while (nextToken is not null);
    }

    /// <summary>
    /// The tasks created in [start, end) in the given regions, of one device or of all: one pass per
    /// region over every status, filtered by Braket (createdAt, deviceArn), never a history scan.
    /// All or nothing: one region's failure is the answer.
    /// </summary>
    public static async Task<BraketResult<IReadOnlyList<QuantumTaskSummary>>> TasksCreatedAsync(
        this IBraketApi braket,
        IEnumerable<string> regions,
        string? deviceArn,
        DateTimeOffset start,
        DateTimeOffset end,
        CancellationToken cancellationToken
    ) =>
        (
            await braket.SearchRegionsAsync(
                regions,
                CreatedFilters(deviceArn, start, end),
                t => t.CreatedAt >= start && t.CreatedAt < end,
                ScanPace.Urgent,
                TimeProvider.System,
                cancellationToken
            )
        ).AllOrNothing();

    /// <summary>The filters of the tasks created in [start, end), of one device or of all.</summary>
    public static IReadOnlyList<QuantumTaskFilter> CreatedFilters(string? deviceArn, DateTimeOffset start, DateTimeOffset end)
    {
        List<QuantumTaskFilter> filters =
        [
            QuantumTaskFilter.CreatedAt(FilterOperator.Gte, start),
            QuantumTaskFilter.CreatedAt(FilterOperator.Lt, end),
        ];
        if (deviceArn is not null)
            filters.Add(QuantumTaskFilter.Device(deviceArn));
        return filters;
    }

    /// <summary>
    /// One search in each region at once; a region that fails (denied, throttled, unreachable) is told
    /// apart and does not stop the others. <paramref name="keep"/> checks Braket's filtering.
    /// </summary>
    public static async Task<RegionalTasks> SearchRegionsAsync(
        this IBraketApi braket,
        IEnumerable<string> regions,
        IReadOnlyList<QuantumTaskFilter> filters,
        Func<QuantumTaskSummary, bool> keep,
        ScanPace pace,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        async Task<(string Region, List<QuantumTaskSummary> Tasks, BraketError? Error)> ScanAsync(string region)
        {
            var tasks = new List<QuantumTaskSummary>();
            try
            {
                await foreach (var task in braket.SearchAllQuantumTasksAsync(region, filters, pace, time, cancellationToken))
                    if (keep(task))
                        tasks.Add(task);
                return (region, tasks, null);
            }
            catch (BraketException e)
            {
                return (region, [], e.Error);
            }
        }

        var perRegion = await Task.WhenAll(regions.Distinct().Select(ScanAsync));
        return new RegionalTasks(
            perRegion.Where(r => r.Error is null).SelectMany(r => r.Tasks).DistinctBy(t => t.QuantumTaskArn).ToList(),
            perRegion.Where(r => r.Error is null).Select(r => r.Region).ToList(),
            perRegion.Where(r => r.Error is not null).ToDictionary(r => r.Region, r => r.Error!, StringComparer.Ordinal)
        );
    }
}
