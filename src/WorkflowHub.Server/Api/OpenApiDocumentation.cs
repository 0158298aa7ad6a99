using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WorkflowHub.Server.Api;

/// <summary>
/// What the OpenAPI document says beyond the endpoints themselves: the bearer and cookie security schemes (so the
/// reference UI at /docs can sign in), which operations need them, and examples of the main calls' bodies.
/// </summary>
public static class OpenApiDocumentation
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";

    private static readonly Dictionary<string, string> RequestExamples = new(StringComparer.Ordinal)
    {
        ["POST /api/identity/login"] = """{"userName": "admin", "password": "<password>"}""",
        ["POST /api/identity/refresh"] = """{"refreshToken": "<refreshToken from the sign-in answer>"}""",
        ["POST /api/identity/manage/password"] = """{"oldPassword": "<current password>", "newPassword": "Grid-Office-2026!"}""",
        ["POST /api/processes/{key}/start"] = """{"businessKey": "12345-20260302-0001", "variables": {"address": "人民路 1 号", "category": "垃圾暴露"}}""",
        ["POST /api/tasks/{id}/complete"] = """{"variables": {"remark": "已整改"}, "comment": "现场已清理"}""",
        ["POST /api/tasks/{id}/assign"] = """{"userId": "zhangsan"}""",
        ["POST /api/messages"] = """{"messageName": "CitizenReport", "businessKey": "12345-20260302-0001", "variables": {"channel": "12345"}}""",
        ["POST /api/webhooks"] = """{"key": "hotline-12345", "messageName": "CitizenReport", "businessKeyVariable": "/ticket/id", "variablesExpression": "/ticket"}""",
        ["POST /api/users"] = """{"userName": "zhangsan", "password": "Grid-Staff-2026!", "displayName": "张三", "roles": ["Staff"]}""",
        ["POST /api/groups"] = """{"id": "area-east", "name": "东区网格", "kind": "Area"}""",
    };

    private const string TaskExample = """
        {"id": "0196a3c2-7d41-7b7e-9f7a-3c1d2e4f5a6b", "instanceId": "0196a3c2-7d3f-7c11-8e0b-1a2b3c4d5e6f", "elementId": "handle",
         "name": "处置", "processKey": "grid-case", "processVersion": 3, "processName": "网格案件处置", "businessKey": "12345-20260302-0001",
         "assignee": null, "candidateUsers": [], "candidateGroups": [{"id": "area-east", "name": "东区网格"}],
         "dueDate": "2026-03-03T08:30:00+00:00", "followUpDate": null, "priority": 50, "formKey": "handle-form",
         "createdAt": "2026-03-02T08:30:00+00:00", "claimedAt": null, "formFields": ["result", "remark"],
         "variables": {"address": "人民路 1 号", "category": "垃圾暴露"},
         "currentActivities": [{"tokenId": "0196a3c2-7d40-7aa0-b1c2-d3e4f5a6b7c8", "elementId": "handle", "elementType": "userTask", "name": "处置", "state": "Waiting", "parentTokenId": null}]}
        """;

    private const string InstanceExample = """
        {"id": "0196a3c2-7d3f-7c11-8e0b-1a2b3c4d5e6f", "processKey": "grid-case", "processVersion": 3, "businessKey": "12345-20260302-0001",
         "status": "Running", "startedAt": "2026-03-02T08:30:00+00:00", "endedAt": null, "startedBy": "dispatcher", "openIncidents": 0}
        """;

    /// <summary>Examples of what the main calls answer, by operation and status code.</summary>
    private static readonly Dictionary<string, (string Status, string Json)[]> ResponseExamples = new(StringComparer.Ordinal)
    {
        ["POST /api/identity/login"] = [("200", """{"tokenType": "Bearer", "accessToken": "CfDJ8…", "expiresIn": 3600, "refreshToken": "CfDJ8…"}""")],
        ["POST /api/definitions"] =
        [
            ("201", """{"deploymentId": "0196a3c2-6e10-7d2b-a3f4-5b6c7d8e9f01", "processes": [{"id": "0196a3c2-6e11-70aa-9b8c-7d6e5f4a3b2c", "key": "grid-case", "version": 3, "name": "网格案件处置", "isNew": true}], "warnings": []}"""),
            ("200", """{"deploymentId": "0196a3c2-6e10-7d2b-a3f4-5b6c7d8e9f01", "processes": [{"id": "0196a3c2-6e11-70aa-9b8c-7d6e5f4a3b2c", "key": "grid-case", "version": 3, "name": "网格案件处置", "isNew": false}], "warnings": []}"""),
        ],
        ["POST /api/processes/{key}/start"] = [("201", InstanceExample)],
        ["GET /api/tasks"] = [("200", $$"""{"items": [{{TaskExample}}], "total": 1, "page": 1, "pageSize": 50}""")],
        ["GET /api/tasks/{id}"] = [("200", TaskExample)],
        ["POST /api/tasks/{id}/complete"] =
        [
            ("200", """{"taskId": "0196a3c2-7d41-7b7e-9f7a-3c1d2e4f5a6b", "instanceId": "0196a3c2-7d3f-7c11-8e0b-1a2b3c4d5e6f", "status": "Completed", "tasks": []}"""),
        ],
        ["POST /hooks/{key}"] =
        [
            ("202", """{"instanceId": "0196a3c2-7d3f-7c11-8e0b-1a2b3c4d5e6f", "businessKey": "12345-20260302-0001", "started": true, "instanceIds": ["0196a3c2-7d3f-7c11-8e0b-1a2b3c4d5e6f"]}"""),
        ],
    };

    public static IServiceCollection AddHubOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The accessToken of POST /api/identity/login (an opaque token, not a JWT).",
                };
                document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Cookie,
                    Name = "WorkflowHub.Auth",
                    Description = "The browser's session cookie of POST /api/identity/login?useCookies=true.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (!metadata.OfType<IAllowAnonymous>().Any())
                {
                    // Either scheme will do: two alternative requirements.
                    operation.Security =
                    [
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
                    ];
                }
                var key = $"{context.Description.HttpMethod} /{context.Description.RelativePath?.TrimEnd('/')}";
                if (RequestExamples.TryGetValue(key, out var example) && operation.RequestBody?.Content is { } content
                    && content.TryGetValue("application/json", out var json))
                {
                    json.Example = JsonNode.Parse(example);
                }
                if (ResponseExamples.TryGetValue(key, out var answers))
                {
                    AddResponseExamples(operation, answers);
                }
                return Task.CompletedTask;
            });
        });

    /// <summary>Sets each status's JSON example, declaring the response (or its JSON content) where the endpoint does not.</summary>
    private static void AddResponseExamples(OpenApiOperation operation, (string Status, string Json)[] answers)
    {
        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, example) in answers)
        {
            if (!operation.Responses.TryGetValue(status, out var declared) || declared is not OpenApiResponse response)
            {
                response = new OpenApiResponse { Description = status == "201" ? "Created" : status == "202" ? "Accepted" : "OK" };
                operation.Responses[status] = response;
            }
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (!response.Content.TryGetValue("application/json", out var json))
            {
                json = new OpenApiMediaType();
                response.Content["application/json"] = json;
            }
            json.Example = JsonNode.Parse(example);
        }
    }
}
