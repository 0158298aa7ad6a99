namespace WorkflowHub.Server.Features.Notices;

/// <summary>A page of a list, in the API's list shape <c>{items, total, page, pageSize}</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
