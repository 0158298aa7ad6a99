using System.Globalization;
using System.Linq.Expressions;

namespace WorkflowHub.Server.Features.Organisation.Tables;

/// <summary>A row the database numbers (leaders' links, 双报到 units, routing rules).</summary>
public interface INumberedRow
{
    long Id { get; set; }
}

/// <summary>A table of numbered rows: a row without an id is new; the key is the number.</summary>
public abstract class NumberedOrgTable<T> : OrgTable<T>
    where T : class, INumberedRow
{
    protected override bool GeneratedKey => true;

    protected override Expression<Func<T, bool>> HasKey(string key) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? row => row.Id == id : row => false;
}
