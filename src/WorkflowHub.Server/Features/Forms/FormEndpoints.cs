using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Forms;

public sealed record SaveFormRequest(string? Key, string? Name, JsonNode? Schema);

/// <summary>Task forms: administrators create and change them; every signed-in user reads them (task pages render them).</summary>
public static class FormEndpoints
{
    public static IServiceCollection AddHubForms(this IServiceCollection services)
    {
        services.AddScoped<FormStore>();
        services.AddHostedService<ShippedForms>();
        return services;
    }

    public static IEndpointRouteBuilder MapHubForms(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/forms").WithTags("Forms");
        group.MapGet("", async (string? page, string? pageSize, FormStore forms, HttpContext http, CancellationToken ct) =>
                TypedResults.Ok(PagedList<FormSummary>.Slice(await forms.LatestAsync(ct), ApiRequest.Paging(http, page, pageSize))))
            .WithSummary("The latest version of every form.");
        group.MapGet("/{key}", async Task<Results<Ok<FormDto>, NotFound>> (string key, string? version, FormStore forms, CancellationToken ct) =>
            {
                var number = string.IsNullOrEmpty(version) ? (int?)null : ApiRequest.Int(version, "version", 1, 1, int.MaxValue);
                return await forms.GetAsync(key, number, ct) is { } form ? TypedResults.Ok(form) : TypedResults.NotFound();
            })
            .WithSummary("A form's schema (the latest version without ?version=).");
        group.MapGet("/{key}/versions", async Task<Results<Ok<PagedList<FormSummary>>, NotFound>> (
                string key, string? page, string? pageSize, FormStore forms, HttpContext http, CancellationToken ct) =>
            {
                var paging = ApiRequest.Paging(http, page, pageSize);
                return await forms.VersionsAsync(key, ct) is { Count: > 0 } versions
                    ? TypedResults.Ok(PagedList<FormSummary>.Slice(versions, paging))
                    : TypedResults.NotFound();
            })
            .WithSummary("Every version of a form.");
        group.MapPost("", async (SaveFormRequest request, HttpContext http, FormStore forms, CancellationToken ct) =>
                TypedResults.Ok(await forms.SaveAsync(request.Key, request.Name, request.Schema, "designer", http.User.UserName(), ct)))
            .RequireAuthorization(HubPolicies.Administrators)
            .WithSummary("Saves a form under its key; a changed schema becomes a new version.");
        return endpoints;
    }
}
