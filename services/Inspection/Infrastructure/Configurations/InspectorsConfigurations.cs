using EduPlatform.Inspection.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduPlatform.Inspection.Infrastructure.Configurations;

// What inspectors record themselves: verdicts with evidence, saved scenarios, imported results, evaluations and their snapshots.

internal sealed class EvidenceVerdictConfiguration : IEntityTypeConfiguration<EvidenceVerdict>
{
    public void Configure(EntityTypeBuilder<EvidenceVerdict> v)
    {
        v.ToTable("verdicts");
        v.HasKey(x => new { x.CountyCode, x.Year, x.Code });
        v.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        v.Property(x => x.Code).HasMaxLength(8);
        v.Property(x => x.DocumentReference).HasMaxLength(200);
        v.Property(x => x.Inspector).HasMaxLength(100);
        v.Property(x => x.Note).HasMaxLength(1000);
    }
}

internal sealed class SavedScenarioConfiguration : IEntityTypeConfiguration<SavedScenario>
{
    public void Configure(EntityTypeBuilder<SavedScenario> s)
    {
        s.ToTable("saved_scenarios");
        s.HasKey(x => new { x.CountyCode, x.Name });
        s.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        s.Property(x => x.Name).HasMaxLength(SavedScenario.MaxName);
        s.Property(x => x.Changes).HasColumnType("jsonb");
        s.Property(x => x.SavedBy).HasMaxLength(200);
    }
}

internal sealed class ImportedResultConfiguration : IEntityTypeConfiguration<ImportedResult>
{
    public void Configure(EntityTypeBuilder<ImportedResult> i)
    {
        i.ToTable("imported_results");
        i.HasKey(x => new { x.CountyCode, x.Year });
        i.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        i.Property(x => x.MonitoringDifferenceRate).HasPrecision(6, 4);
        i.Property(x => x.SatisfactionPercent).HasPrecision(6, 2);
        i.Property(x => x.MonitoringDocument).HasMaxLength(200);
        i.Property(x => x.SurveyDocument).HasMaxLength(200);
    }
}

internal sealed class EvaluationRoundConfiguration : IEntityTypeConfiguration<EvaluationRound>
{
    public void Configure(EntityTypeBuilder<EvaluationRound> round)
    {
        round.HasKey(r => r.Id);
        round.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        // One round of each kind per school year: the database enforces it even under races.
        round.HasIndex(r => new { r.Kind, r.SchoolYear }).IsUnique();
    }
}

internal sealed class EvaluationSnapshotConfiguration : IEntityTypeConfiguration<EvaluationSnapshot>
{
    public void Configure(EntityTypeBuilder<EvaluationSnapshot> s)
    {
        s.ToTable("evaluation_snapshots");
        s.HasKey(x => new { x.RoundId, x.CountyCode });
        s.Property(x => x.CountyCode).HasMaxLength(6).IsFixedLength();
        s.HasOne<EvaluationRound>().WithMany().HasForeignKey(x => x.RoundId);
    }
}
