using EduPlatform.Inspection.Domain;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

public sealed class InspectionDbContext(DbContextOptions<InspectionDbContext> options) : DbContext(options)
{
    public DbSet<EvaluationRound> EvaluationRounds => Set<EvaluationRound>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<EvaluationRound>(round =>
        {
            round.HasKey(r => r.Id);
            round.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            // One round of each kind per school year: the database enforces it even under races.
            round.HasIndex(r => new { r.Kind, r.SchoolYear }).IsUnique();
        });
    }
}
