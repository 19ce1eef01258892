using EduPlatform.Inspection.Domain;
using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EduPlatform.Inspection.Infrastructure;

public sealed class InspectionDbContext(DbContextOptions<InspectionDbContext> options) : DbContext(options)
{
    public DbSet<EvaluationRound> EvaluationRounds => Set<EvaluationRound>();
    public DbSet<CountyView> Counties => Set<CountyView>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddOutboxAndInbox();
        model.Entity<EvaluationRound>(round =>
        {
            round.HasKey(r => r.Id);
            round.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
            // One round of each kind per school year: the database enforces it even under races.
            round.HasIndex(r => new { r.Kind, r.SchoolYear }).IsUnique();
        });
        model.Entity<CountyView>(county =>
        {
            county.ToTable("counties");
            county.HasKey(c => c.Code);
            county.Property(c => c.Code).HasMaxLength(6).IsFixedLength();
            county.Property(c => c.Name).HasMaxLength(100);
        });
    }
}
