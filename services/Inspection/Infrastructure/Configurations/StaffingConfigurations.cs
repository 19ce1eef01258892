using EduPlatform.Inspection.Domain;
using EduPlatform.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlatform.Inspection.Infrastructure.Configurations;

// Read models of staffing's events: teachers and their per-section counts, pay references, training, honours, exchanges.

internal sealed class TeacherViewConfiguration : IEntityTypeConfiguration<TeacherView>
{
    public void Configure(EntityTypeBuilder<TeacherView> t)
    {
        t.ToTable("teachers");
        t.HasKey(x => x.TeacherId);
        t.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        t.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        t.Property(x => x.AnnualPay).HasPrecision(12, 2);
        t.Property(x => x.Subjects).HasIntegerArrayConversion();
        t.HasIndex(x => x.SchoolCode);
        // Every scorecard counts one county's teachers (TeacherCounts): without it, each read scanned the whole table.
        t.HasIndex(x => x.CountyCode);
    }
}

internal sealed class SectionStaffViewConfiguration : IEntityTypeConfiguration<SectionStaffView>
{
    public void Configure(EntityTypeBuilder<SectionStaffView> s)
    {
        s.ToTable("section_staff");
        s.HasKey(x => new { x.CountyCode, x.SchoolCode, x.Section });
        s.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        s.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        s.HasIndex(x => x.SchoolCode);
    }
}

internal sealed class PayReferenceViewConfiguration : IEntityTypeConfiguration<PayReferenceView>
{
    public void Configure(EntityTypeBuilder<PayReferenceView> p)
    {
        p.ToTable("pay_references");
        p.HasKey(x => new { x.CountyCode, x.Year });
        p.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        p.Property(x => x.CivilServantAveragePay).HasPrecision(14, 2);
        p.Property(x => x.TownRanks).HasIntegerArrayConversion();
    }
}

internal sealed class TrainingViewConfiguration : IEntityTypeConfiguration<TrainingView>
{
    public void Configure(EntityTypeBuilder<TrainingView> t)
    {
        t.ToTable("training");
        t.HasKey(x => x.TrainingId);
        t.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        t.Property(x => x.Hours).HasPrecision(8, 2);
        // Exact: hours have two decimals, and 999,999.99 hours fit an int in hundredths.
        t.Property(x => x.Hundredths).HasComputedColumnSql("(hours * 100)::int4", stored: true);
        // A county's training in teacher order, with what the summary sums: read from the index alone, grouped as it is read.
        t.HasIndex(x => new { x.CountyCode, x.TeacherId, x.EndDate }).IncludeProperties(x => x.Hundredths);
    }
}

internal sealed class HonourViewConfiguration : IEntityTypeConfiguration<HonourView>
{
    public void Configure(EntityTypeBuilder<HonourView> h)
    {
        h.ToTable("honours");
        h.HasKey(x => new { x.TeacherId, x.Level });
        h.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        h.HasIndex(x => x.CountyCode);
    }
}

internal sealed class ExchangeViewConfiguration : IEntityTypeConfiguration<ExchangeView>
{
    public void Configure(EntityTypeBuilder<ExchangeView> e)
    {
        e.ToTable("exchanges");
        e.HasKey(x => x.ExchangeId);
        e.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        e.HasIndex(x => new { x.CountyCode, x.Year });
    }
}

internal sealed class ExchangeEligibilityViewConfiguration : IEntityTypeConfiguration<ExchangeEligibilityView>
{
    public void Configure(EntityTypeBuilder<ExchangeEligibilityView> e)
    {
        e.ToTable("exchange_eligibility");
        e.HasKey(x => new { x.CountyCode, x.Year });
        e.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
    }
}
