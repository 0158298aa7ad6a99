using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>What a notice is about, for working out the organisation values (the unit, its head, the street...).</summary>
public sealed record NoticeOrganisationRequest(DbContext Db, string? InstanceId, string? BusinessKey, Func<string, JsonNode?> Variables);

/// <summary>
/// The organisation (组织机构) a template sees as <c>organisation</c>. The shipped implementation gives the names set
/// in <c>Notices:Organisation</c>; the domain module replaces it (register another <see cref="INoticeOrganisation"/>)
/// with values read from its own tables through <see cref="NoticeOrganisationRequest.Db"/>, the step's DbContext.
/// </summary>
public interface INoticeOrganisation
{
    ValueTask<IReadOnlyDictionary<string, JsonNode?>> DescribeAsync(NoticeOrganisationRequest request, CancellationToken ct);
}

internal sealed class ConfiguredNoticeOrganisation(IOptions<NoticesOptions> options) : INoticeOrganisation
{
    public ValueTask<IReadOnlyDictionary<string, JsonNode?>> DescribeAsync(NoticeOrganisationRequest request, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, JsonNode?>>(
            options.Value.Organisation.ToDictionary(p => p.Key, p => (JsonNode?)JsonValue.Create(p.Value), StringComparer.Ordinal));
}
