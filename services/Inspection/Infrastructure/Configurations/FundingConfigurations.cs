using EduPlatform.Inspection.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlatform.Inspection.Infrastructure.Configurations;

// Read model of the finance bureau's per-school funding.

internal sealed class FundingViewConfiguration : IEntityTypeConfiguration<FundingView>
{
    public void Configure(EntityTypeBuilder<FundingView> f)
    {
        f.ToTable("funding");
        f.HasKey(x => new { x.SchoolCode, x.Year });
        f.Property(x => x.SchoolCode).HasMaxLength(10).IsFixedLength();
        f.Property(x => x.PublicFundsRequired).HasPrecision(16, 2);
        f.Property(x => x.PublicFundsAllocated).HasPrecision(16, 2);
        f.Property(x => x.SpecialEducationAllocated).HasPrecision(16, 2);
        f.Property(x => x.SpecialEducationRequired).HasPrecision(16, 2);
        f.Property(x => x.TrainingRequired).HasPrecision(16, 2);
        f.Property(x => x.TrainingAllocated).HasPrecision(16, 2);
    }
}
