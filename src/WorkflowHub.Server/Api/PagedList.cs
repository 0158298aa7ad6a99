using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Api;

/// <summary>
/// The one shape every list of the API answers: <c>{ items, total, page, pageSize }</c>. A page past the end is
/// empty; the page number is bounded (see <see cref="ApiRequest.Paging"/>) so an offset never wraps around.
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>The same page with its items turned into what the endpoint answers.</summary>
    public PagedList<TOut> With<TOut>(IReadOnlyList<TOut> items) => new(items, Total, Page, PageSize);

    public static PagedList<T> From(Page<T> page) => new(page.Items, page.Total, page.PageNumber, page.PageSize);

    /// <summary>A page of a list already read whole (definitions, handlers, a small admin table).</summary>
    public static PagedList<T> Slice(IReadOnlyCollection<T> all, PageRequest request) =>
        new(all.Skip(request.Offset).Take(request.Size).ToList(), all.Count, request.Number, request.Size);

    /// <summary>A page of a database query: its count, then one page in the query's order.</summary>
    public static async Task<PagedList<T>> QueryAsync<TRow>(
        IQueryable<TRow> query, PageRequest request, Func<TRow, T> map, CancellationToken ct)
    {
        var total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(query, ct);
        var rows = request.Offset >= total
            ? []
            : await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(query.Skip(request.Offset).Take(request.Size), ct);
        return new PagedList<T>(rows.Select(map).ToList(), total, request.Number, request.Size);
    }
}

/// <summary>A requested page: its number (from 1) and size, with the offset it starts at.</summary>
public readonly record struct PageRequest(int Number, int Size)
{
    public int Offset => (Number - 1) * Size;

    /// <summary>
    /// The page number bounded so that <see cref="Offset"/> fits an int: page=2147483647 asks for a page far past
    /// any end, so it is answered as the last page number whose offset is representable, which is just as empty.
    /// </summary>
    public static PageRequest Bounded(int number, int size) => new(Math.Min(number, int.MaxValue / size), size);
}
