using EduPlatform.Contracts.Facilities;
using EduPlatform.Messaging;
using EduPlatform.Messaging.Inbox;
using EduPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Registry;

/// <summary>A county as the facilities service last announced it.</summary>
public sealed class RegistryCounty
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public long Version { get; set; }
}

/// <summary>A school as the facilities service last announced it (the highest version seen).</summary>
public sealed class RegistrySchool
{
    public required string Code { get; init; }
    public required string CountyCode { get; set; }
    public required string Name { get; set; }
    public Location Location { get; set; }
    public SchoolType Type { get; set; }
    public bool Boarding { get; set; }
    public SchoolStatus Status { get; set; }
    public long Version { get; set; }
}

public static class RegistryCopy
{
    /// <summary>The copy's two tables, in the service's own DbContext.</summary>
    public static ModelBuilder AddRegistryCopy(this ModelBuilder model)
    {
        model.Entity<RegistryCounty>(county =>
        {
            county.ToTable("registry_counties");
            county.HasKey(c => c.Code);
            county.Property(c => c.Code).HasMaxLength(6).IsFixedLength();
            county.Property(c => c.Name).HasMaxLength(100);
        });
        model.Entity<RegistrySchool>(school =>
        {
            school.ToTable("registry_schools");
            school.HasKey(s => s.Code);
            school.Property(s => s.Code).HasMaxLength(10).IsFixedLength();
            school.Property(s => s.CountyCode).HasMaxLength(6).IsFixedLength();
            school.Property(s => s.Name).HasMaxLength(100);
            school.HasIndex(s => s.CountyCode);
        });
        return model;
    }

    /// <summary>Subscribes the service to facilities' CountyRecorded and SchoolRecorded events.</summary>
    public static void AddRegistryCopy<TContext>(this IBusRegistrationConfigurator bus, string serviceName) where TContext : DbContext
    {
        bus.AddConsumer<CountyCopyConsumer<TContext>>().Endpoint(e => e.Name = $"{serviceName}-registry-counties");
        bus.AddConsumer<SchoolCopyConsumer<TContext>>().Endpoint(e => e.Name = $"{serviceName}-registry-schools");
    }
}

/// <summary>Keeps the county copy; an older version (arriving late) never overwrites a newer one.</summary>
public sealed class CountyCopyConsumer<TContext>(TContext db, MessagingMetrics metrics)
    : ReplayableInboxConsumer<CountyRecorded, TContext>(db, metrics) where TContext : DbContext
{
    protected override string ConsumerName => "registry-counties";

    protected override async Task ApplyAsync(CountyRecorded message, CancellationToken ct)
    {
        // Locked first: concurrent deliveries of two versions read, compare and write one after the other.
        await Db.LockAsync($"registry-county:{message.CountyCode}", ct);
        var county = await Db.Set<RegistryCounty>().FindAsync([message.CountyCode], ct);
        if (county is null)
        {
            Db.Add(new RegistryCounty { Code = message.CountyCode, Name = message.Name, Version = message.Version });
        }
        else if (message.Version > county.Version)
        {
            (county.Name, county.Version) = (message.Name, message.Version);
        }
    }
}

/// <summary>
/// What a service does when a school in its copy changed (a closure, a new type): called in the same
/// transaction as the copy's update, after it was saved, on the copy's own context (given to the follower, so a
/// rebuild's replay and the live intake each use their own).
/// </summary>
public interface ISchoolChangeFollower<in TContext> where TContext : DbContext
{
    Task SchoolChangedAsync(TContext db, RegistrySchool school, CancellationToken ct);
}

/// <summary>Keeps the school copy; an older version (arriving late) never overwrites a newer one.</summary>
public sealed class SchoolCopyConsumer<TContext>(TContext db, MessagingMetrics metrics, IEnumerable<ISchoolChangeFollower<TContext>> followers)
    : ReplayableInboxConsumer<SchoolRecorded, TContext>(db, metrics) where TContext : DbContext
{
    protected override string ConsumerName => "registry-schools";

    protected override async Task ApplyAsync(SchoolRecorded message, CancellationToken ct)
    {
        await Db.LockAsync($"registry-school:{message.SchoolCode}", ct);
        var school = await Db.Set<RegistrySchool>().FindAsync([message.SchoolCode], ct);
        if (school is null)
        {
            school = new RegistrySchool { Code = message.SchoolCode, CountyCode = message.CountyCode, Name = message.Name };
            Db.Add(school);
        }
        else if (message.Version <= school.Version)
        {
            return;
        }
        (school.CountyCode, school.Name, school.Location, school.Type, school.Boarding, school.Status, school.Version) =
            (message.CountyCode, message.Name, message.Location, message.Type, message.Boarding, message.Status, message.Version);
        if (followers.Any())
        {
            await Db.SaveChangesAsync(ct);
            foreach (var follower in followers)
            {
                await follower.SchoolChangedAsync(Db, school, ct);
            }
        }
    }
}

/// <summary>Which county a school is in, from the registry copy (for a county office's access).</summary>
public sealed class RegistrySchoolCounties<TContext>(TContext db) : EduPlatform.WebApi.Access.ISchoolCounties where TContext : DbContext
{
    public Task<string?> CountyOfAsync(string schoolCode, CancellationToken ct) =>
        db.Set<RegistrySchool>().Where(s => s.Code == schoolCode).Select(s => (string?)s.CountyCode).FirstOrDefaultAsync(ct);

    public Task<bool> CountyKnownAsync(string countyCode, CancellationToken ct) => db.Set<RegistryCounty>().AnyAsync(c => c.Code == countyCode, ct);
}
