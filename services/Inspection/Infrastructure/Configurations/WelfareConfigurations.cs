using EduPlatform.Inspection.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlatform.Inspection.Infrastructure.Configurations;

// Read models of student welfare's county figures, boarding, procedures and subsidies.

internal sealed class CountyWelfareViewConfiguration : IEntityTypeConfiguration<CountyWelfareView>
{
    public void Configure(EntityTypeBuilder<CountyWelfareView> w)
    {
        w.ToTable("county_welfare");
        w.HasKey(x => new { x.CountyCode, x.Year });
        w.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
    }
}

internal sealed class BoardingViewConfiguration : IEntityTypeConfiguration<BoardingView>
{
    public void Configure(EntityTypeBuilder<BoardingView> b)
    {
        b.ToTable("boarding");
        b.HasKey(x => new { x.SchoolCode, x.Year });
        b.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
    }
}

internal sealed class ProcedureViewConfiguration : IEntityTypeConfiguration<ProcedureView>
{
    public void Configure(EntityTypeBuilder<ProcedureView> p)
    {
        p.ToTable("procedures");
        p.HasKey(x => x.ProcedureId);
        p.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        p.Property(x => x.ReceivingSchoolCode).HasMaxLength(10).IsFixedLength();
        p.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        p.HasIndex(x => x.CountyCode);
    }
}

internal sealed class SubsidyViewConfiguration : IEntityTypeConfiguration<SubsidyView>
{
    public void Configure(EntityTypeBuilder<SubsidyView> v)
    {
        v.ToTable("subsidies");
        v.HasKey(x => new { x.SchoolCode, x.Year, x.Term });
        v.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
    }
}
