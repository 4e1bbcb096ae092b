namespace BraketBot.Domain;

/// <summary>What a cap run does to the hybrid jobs whose queued tasks are in its scope (Caps:Jobs).</summary>
public enum JobsMode
{
    /// <summary>Cancels each running job once (CancelJob), then its queued tasks: a job would only make more.</summary>
    Cancel,

    /// <summary>Leaves job tasks alone and lists them as spared.</summary>
    Spare,
}
