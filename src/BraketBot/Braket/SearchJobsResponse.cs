namespace BraketBot.Braket;

internal sealed record SearchJobsResponse(IReadOnlyList<JobSummaryWire> Jobs, string? NextToken);
