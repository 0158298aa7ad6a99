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
                var key = $"{context.Description.HttpMethod} /{context.Description.RelativePath}";
                if (RequestExamples.TryGetValue(key, out var example) && operation.RequestBody?.Content is { } content
                    && content.TryGetValue("application/json", out var json))
                {
                    json.Example = JsonNode.Parse(example);
                }
                return Task.CompletedTask;
            });
        });
}
