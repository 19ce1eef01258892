using EduPlatform.ServiceDefaults;

namespace EduPlatform.StudentWelfare.Infrastructure;

public static class CountyLock
{
    /// <summary>Serialises one county's writes until the transaction ends, so revisions and duplicate checks see each other.</summary>
    public static Task LockCountyAsync(this WelfareDbContext db, string countyCode, CancellationToken ct) =>
        db.LockAsync("welfare-county:" + countyCode, ct);
}
