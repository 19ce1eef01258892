using EduPlatform.Inspection.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlatform.Inspection.Infrastructure.Configurations;

// Read models of facilities' and welfare's per-section returns: enrolment, buildings and equipment, classes.

internal sealed class SectionEnrolmentConfiguration : IEntityTypeConfiguration<SectionEnrolment>
{
    public void Configure(EntityTypeBuilder<SectionEnrolment> e)
    {
        e.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
        e.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
    }
}

internal sealed class SectionFacilitiesConfiguration : IEntityTypeConfiguration<SectionFacilities>
{
    public void Configure(EntityTypeBuilder<SectionFacilities> f)
    {
        f.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
        f.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        f.Property(x => x.TeachingArea).HasPrecision(14, 2);
        f.Property(x => x.SportsArea).HasPrecision(14, 2);
        f.Property(x => x.EquipmentValue).HasPrecision(16, 2);
        f.Property(x => x.BroadbandMbps).HasPrecision(10, 2);
    }
}

internal sealed class SectionClassesConfiguration : IEntityTypeConfiguration<SectionClasses>
{
    public void Configure(EntityTypeBuilder<SectionClasses> c)
    {
        c.HasKey(x => new { x.SchoolCode, x.Year, x.Section });
        c.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
    }
}
