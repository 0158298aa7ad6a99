using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using WorkflowHub.Engine;
using WorkflowHub.Server.Features.Definitions;
using WorkflowHub.Server.Features.Dev;
using WorkflowHub.Server.Features.Handlers;
using WorkflowHub.Server.Features.Identity;
using WorkflowHub.Server.Features.Incidents;
using WorkflowHub.Server.Features.Instances;
using WorkflowHub.Server.Features.Messages;
using WorkflowHub.Server.Features.Operations;
using WorkflowHub.Server.Features.Signals;
using WorkflowHub.Server.Features.Tasks;
using WorkflowHub.Server.Features.Webhooks;
using WorkflowHub.Server.Hosting;
using WorkflowHub.Server.Identity;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Api;

/// <summary>
/// The HTTP API module: the engine, sign-in (cookies for the browser, bearer tokens for API clients), authorization,
/// RFC 7807 errors, request limits, rate limiting, OpenAPI with Scalar at /docs, and every feature's endpoints.
/// </summary>
public static class ApiModule
{
    public const string AuthScheme = "Hub";

    public static IServiceCollection AddHubApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section);
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section);

        services.AddSimulationClock();
        // The clock above first: the engine keeps a TimeProvider already registered.
        services.AddWorkflowEngine(configuration.GetSection("Engine"));

        AddSignIn(services);
        // The fallback names no scheme: the authentication middleware has already signed the request in with the
        // default one (AuthScheme), and a policy that names a scheme authenticates every request a second time and
        // copies the user's claims into a merged principal (a bearer token read twice per request on issue 15's path).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(HubPolicies.Administrators, p => p.RequireRole(HubRoles.Administrator))
            .AddPolicy(HubPolicies.Operators, p => p.RequireRole(HubPolicies.OperatorRoles))
            .AddPolicy(HubPolicies.MessageSenders, p => p.RequireRole(HubRoles.Administrator, HubRoles.Dispatcher, HubRoles.Supervisor))
            .AddPolicy(HubPolicies.Leaders, p => p.RequireRole(HubRoles.Administrator, HubRoles.Leader));

        services.AddHubLocalization();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
            c.HttpContext.RequestServices.GetRequiredService<ProblemTranslator>().Translate(c.ProblemDetails);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, server) =>
            kestrel.Limits.MaxRequestBodySize = server.Value.MaxRequestBodyBytes);

        AddRateLimiting(services);
        services.AddHubDataProtection(configuration);
        services.AddHubOpenApi();

        services.AddScoped<UserDirectory>();
        services.AddScoped<TaskAccess>();
        services.AddProblemTexts<Features.Tasks.TaskText>();
        services.AddScoped<TaskViews>();
        services.AddScoped<TaskFormFields>();
        services.AddSingleton<ITaskFormFieldSource, InputOutputFormFields>();
        services.AddSingleton<ITaskFormFieldSource, FormKeyFormFields>();
        services.AddSingleton<ITaskFormFieldSource, FormDataFormFields>();
        services.AddScoped<ITaskFormFieldSource, FormJsFormFields>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<KnownWebhooks>();
        services.AddKeyedSingleton(WebhookReceiver.WallClockKey, TimeProvider.System);
        services.AddSingleton<Features.Identity.AccountStatusCache>();
        services.AddScoped<WebhookReceiver>();
        services.AddSingleton<WebhookRateLimits>();
        services.AddScoped<ReceivableMessages>();
        services.AddHostedService<WebhookRetention>();
        return services;
    }

    /// <summary>The middleware and every endpoint of the API; /health and /hooks/{key} stay anonymous.</summary>
    public static WebApplication MapHubApi(this WebApplication app)
    {
        var simulationClock = app.IsSimulationClockOn();
        // Outermost, so the exception handler and status-code pages write in the request's language.
        app.UseHubLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RefuseOversizeBodies);
        app.UseAuthentication();
        app.UseAccountValidation();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs").AllowAnonymous();

        var engine = app.Services.GetRequiredService<IOptions<EngineOptions>>().Value;
        var api = app.MapApiGroup("/api");
        api.MapAccountEndpoints();
        api.MapDefinitionEndpoints(engine.MaxBpmnBytes);
        api.MapInstanceEndpoints();
        api.MapInstanceVariablesEndpoint();
        api.MapTaskEndpoints();
        api.MapMessageEndpoints();
        api.MapSignalEndpoints();
        api.MapIncidentEndpoints();
        api.MapHandlerEndpoints();
        api.MapWebhookEndpoints();
        api.MapIdentityAdminEndpoints();
        api.MapUserAdministrationEndpoints();
        if (simulationClock)
        {
            api.MapClockEndpoints();
        }
        app.MapHookReceiverEndpoints();
        return app;
    }

    /// <summary>
    /// A group under the API with its conventions (JSON body limit, documented problems), for the feature modules
    /// that map their own endpoints; everything in it needs a signed-in user (the fallback policy) unless it says more.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<ServerOptions>>().Value;
        return app.MapGroup(prefix)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(limits.MaxJsonBodyBytes))
            .AddEndpointFilter<WholeBodyResults>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>
    /// 413 as soon as Content-Length exceeds the endpoint's limit (RequestSizeLimit metadata), on every server;
    /// bodies without a length are cut by Kestrel's per-request limit, which routing sets from the same metadata.
    /// </summary>
    private static Task RefuseOversizeBodies(HttpContext context, RequestDelegate next)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        if (limit is not null && context.Request.ContentLength > limit)
        {
            throw ApiRequestException.TooLarge(limit.Value);
        }
        return next(context);
    }

    private static void AddSignIn(IServiceCollection services)
    {
        services.AddAuthentication(AuthScheme)
            .AddPolicyScheme(AuthScheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();

        new IdentityBuilder(typeof(HubUser), typeof(IdentityRole), services).AddApiEndpoints();

        services.Configure<IdentityOptions>(o =>
        {
            o.Password.RequiredLength = 12;
            o.Password.RequireDigit = true;
            o.Password.RequireLowercase = true;
            o.Password.RequireUppercase = true;
            o.Password.RequireNonAlphanumeric = true;
            o.Password.RequiredUniqueChars = 5;
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = 5;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            o.User.RequireUniqueEmail = false;
        });

        // Cookies are checked against the account on every request: a disabled account or a password reset ends the
        // session at once, and a role change applies at once.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            o.TimeProvider = TimeProvider.System;
        });

        // Sessions follow the wall clock, not the simulation clock: moving simulated time must not sign anyone out.
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
        {
            o.TimeProvider = TimeProvider.System;
            o.BearerTokenExpiration = TimeSpan.FromHours(1);
        });
        services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
            o.BearerTokenProtector = new Features.Identity.BearerTicketCache(o.BearerTokenProtector, TimeProvider.System));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            o.TimeProvider = TimeProvider.System;
            o.Cookie.Name = "WorkflowHub.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // An API answers 401/403; it never redirects to a login page.
            o.Events.OnRedirectToLogin = c => Status(c.Response, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Status(c.Response, StatusCodes.Status403Forbidden);
        });
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static void AddRateLimiting(IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<RateLimitingOptions>>((o, settings) =>
            {
                o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                o.OnRejected = async (context, ct) =>
                {
                    if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    {
                        context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                    var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                    await problems.TryWriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context.HttpContext,
                        ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "The rate limit was reached; try again later." },
                    });
                };
                // The global limiter covers the API, sign-in included, per user (or per address before signing in);
                // /hooks has its own windows (WebhookRateLimits), and /health is never limited.
                var api = settings.Value.Api;
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    http.Request.Path.StartsWithSegments("/hooks") || http.Request.Path.StartsWithSegments("/health")
                        ? RateLimitPartition.GetNoLimiter("unlimited")
                        : Window(api, "api:" + (http.User.Identity?.IsAuthenticated == true
                            ? http.User.FindFirstValue(ClaimTypes.NameIdentifier)
                            : http.Connection.RemoteIpAddress?.ToString())));
            });
    }

    private static RateLimitPartition<string> Window(RateLimitingOptions.FixedWindow window, string partition) =>
        window.PermitLimit <= 0
            ? RateLimitPartition.GetNoLimiter(partition)
            : RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = window.PermitLimit,
                Window = window.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });

}
