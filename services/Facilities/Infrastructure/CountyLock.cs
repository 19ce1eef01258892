using EduPlatform.ServiceDefaults;

namespace EduPlatform.Facilities.Infrastructure;

public static class CountyLock
{
    /// <summary>
    /// Serialises writes for one county until the transaction ends, so two submissions for the same
    /// county (a clerk's retry racing the original) read and bump revisions one after the other.
    /// </summary>
    public static Task LockCountyAsync(this FacilitiesDbContext db, string countyCode, CancellationToken ct) =>
        db.LockAsync("facilities-county:" + countyCode, ct);
}
