using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace WorkflowHub.Server.Data;

/// <summary>
/// An EF compiled query, compiled once per model. A LINQ query builds its expression tree and looks it up in EF's
/// query cache at every call, which a query on a hot path pays each time; EF binds a compiled query to the first
/// model it runs on and refuses any other, and one process may hold several (a SQLite and a PostgreSQL server in the
/// tests).
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
