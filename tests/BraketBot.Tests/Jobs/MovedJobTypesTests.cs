using BraketBot.Digest;
using BraketBot.Jobs;

namespace BraketBot.Tests.Jobs;

public sealed class MovedJobTypesTests
{
    [Fact]
    public void A_digest_queued_under_its_old_namespace_loads_as_the_digest_job()
    {
        Assert.Equal(typeof(DigestJob), MovedJobTypes.Resolve("BraketBot.Enforcement.DigestJob, BraketBot"));
        Assert.Equal(typeof(DigestArgs), MovedJobTypes.Resolve("BraketBot.Enforcement.DigestArgs, BraketBot"));
    }

    [Fact]
    public void A_type_that_did_not_move_keeps_its_name()
    {
        Assert.Equal(
            "BraketBot.Enforcement.ReconcileJob, BraketBot",
            MovedJobTypes.Rename("BraketBot.Enforcement.ReconcileJob, BraketBot")
        );
        Assert.Equal("BraketBot.Enforcement.DigestJobs", MovedJobTypes.Rename("BraketBot.Enforcement.DigestJobs"));
    }
}
