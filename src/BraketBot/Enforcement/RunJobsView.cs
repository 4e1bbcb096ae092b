using BraketBot.Views;

namespace BraketBot.Enforcement;

/// <summary>
/// What a run's message says of hybrid jobs and of the tasks it leaves alone: each job with its
/// instance, minutes so far and their estimated cost, and what became of it; each reservation (and,
/// under Caps:Jobs = Spare, each job) whose queued tasks are spared.
/// </summary>
public static class RunJobsView
{
    /// <summary>The lines to add to a run's message; none when the run has no jobs and spares nothing.</summary>
    public static IReadOnlyList<string> Lines(EnforcementRun run) =>
        [.. run.Jobs.Select(j => JobLine(j, run)), .. run.Spared.Select(SparedLine), .. UncheckedLine(run)];

    /// <summary>The run's tasks still to be checked for a reservation or a job: the figures above price them on demand till then.</summary>
    private static IEnumerable<string> UncheckedLine(EnforcementRun run)
    {
        var @unchecked = run.Pending.Where(t => t.OriginUnchecked).ToList();
        if (@unchecked.Count > 0)
            yield return $":mag: {Format.Count(@unchecked.Count)} of these tasks ({Format.Count(@unchecked.Sum(t => t.Shots))} shots) "
                + "are checked for a reservation or hybrid job just before their cancel: the figures above count them as on "
                + "demand till then, and reserved ones are left alone.";
    }

    private static string JobLine(RunJob job, EnforcementRun run)
    {
        var instance = job.InstanceType is null ? "instance unknown" : $"{job.InstanceCount} × {job.InstanceType}";
        var what =
            $":gear: Hybrid job *{job.Name}* ({instance}, {job.Minutes:0.#} min so far, about {Format.Money(job.InstanceCost)} of "
            + $"instance time)";
        return job.State switch
        {
            RunTaskState.Pending when run.CancelsTasks => $"{what}: cancelled first (CancelJob), then its queued tasks.",
            RunTaskState.Pending => $"{what}: would have been cancelled.",
            RunTaskState.Cancelled => $"{what}: cancelled ({job.Detail}).",
            _ => $"{what}: not cancelled ({job.Detail}).",
        };
    }

    private static string SparedLine(SparedTasks spared) =>
        spared switch
        {
            { OriginUnknown: true } =>
                $":grey_question: Not cancelled: {Format.Count(spared.Tasks)} tasks, {Format.Count(spared.Shots)} shots "
                    + "whose reservation or job Braket did not tell (GetQuantumTask failed); a later run checks them again.",
            { Billing: TaskBilling.Reserved } =>
                $":lock: Left alone: reserved, {Format.Count(spared.Tasks)} tasks, {Format.Count(spared.Shots)} shots, reservation "
                    + $"{spared.Arn} (paid by the reservation).",
            _ => $":lock: Spared: hybrid job {spared.Arn}, {Format.Count(spared.Tasks)} queued tasks, {Format.Count(spared.Shots)} shots "
                + $"(`Caps:Jobs` is Spare).",
        };
}
