using Microsoft.EntityFrameworkCore;

namespace WorkflowHub.Server.Features.Organisation.Seed;

/// <summary>
/// That a seed ran once (categories, demo data): a seed never runs again, so what administrators delete or change
/// afterwards stays deleted or changed.
/// </summary>
public sealed class SeedRun
{
    public string Name { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public static Task<bool> HasRunAsync(DbContext db, string name, CancellationToken ct) =>
        db.Set<SeedRun>().AnyAsync(s => s.Name == name, ct);

    public static void Mark(DbContext db, string name, DateTimeOffset at) => db.Add(new SeedRun { Name = name, At = at });
}
