using Microsoft.Extensions.Options;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Cli;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Features.Notices;
using WorkflowHub.Server.Features.Conditions;
using WorkflowHub.Server.Features.Administration;
using WorkflowHub.Server.Features.Calendar;
using WorkflowHub.Server.Features.Cases;
using WorkflowHub.Server.Features.Categories;
using WorkflowHub.Server.Features.Organisation;
using WorkflowHub.Server.Features.BrowserConsole;
using WorkflowHub.Server.Features.Drafts;
using WorkflowHub.Server.Features.Forms;
using WorkflowHub.Server.Features.Operations;
using WorkflowHub.Server.Features.Tasks.Actions;
using WorkflowHub.Server.Features.Tasks.Stream;
using WorkflowHub.Server.Features.Flows;
using WorkflowHub.Server.Features.Instances;
using WorkflowHub.Server.Features.Open311;
using WorkflowHub.Server.Features.ExternalTasks;
using WorkflowHub.Server.Health;
using WorkflowHub.Server.Hosting;
using WorkflowHub.Server.Identity;
using WorkflowHub.Server.Mail;

var invocation = CliInvocation.Parse(args);
try
{
    return await RunAsync(invocation);
}
catch (OptionsValidationException invalid)
{
    // A setting out of range (read while the host is built, or checked as it starts): a person's mistake to fix.
    return await StartupRefusals.InvalidSettingsAsync(invalid, HubConsole.System);
}

static async Task<int> RunAsync(CliInvocation invocation)
{
    var builder = HubHost.CreateBuilder(invocation.HostArgs);

    builder.Services.AddHubHosting();
    builder.Services.AddHubData();
    builder.Services.AddHubIdentity();
    builder.Services.AddHubMail();
    builder.Services.AddHubHealth();
    builder.Services.AddHubCli();
    builder.Services.AddHubApi(builder.Configuration);
    builder.Services.AddHubNotices();
    builder.Services.AddHubCalendar();
    builder.Services.AddHubOrganisation();
    builder.Services.AddHubCategories();
    builder.Services.AddHubCases();
    builder.Services.AddHubConsole();
    builder.Services.AddHubDrafts();
    builder.Services.AddHubForms();
    builder.Services.AddHubOperations();
    builder.Services.AddHubTaskActions();
    builder.Services.AddHubFlows();
    builder.Services.AddHubOpen311();
    builder.Services.AddHubAdministration();
    builder.Services.AddHubInstanceModification();
    builder.Services.AddHubTaskStream();
    builder.Services.AddHubExternalTasks();

    await using var app = builder.Build();

    app.MapHubHealth();
    app.MapHubConsole();
    app.MapHubApi();
    app.MapHubNotices();
    app.MapHubCalendar();
    app.MapHubOrganisation();
    app.MapHubCategories();
    app.MapHubCases();
    app.MapHubDrafts();
    app.MapHubForms();
    app.MapHubOperations();
    app.MapHubTaskActions();
    app.MapHubFlows();
    app.MapHubOpen311();
    app.MapHubAdministration();
    app.MapHubInstanceModification();
    app.MapHubTaskStream();
    app.MapHubExternalTasks();
    app.MapHubConditions();

    return await app.RunHubAsync(invocation);
}

/// <summary>Public so the tests' WebApplicationFactory can start the server in-process.</summary>
public partial class Program;
