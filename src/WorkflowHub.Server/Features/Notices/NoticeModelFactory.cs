using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scriban.Runtime;
using WorkflowHub.Server.Api;

namespace WorkflowHub.Server.Features.Notices;

/// <summary>Someone a notice goes to: an e-mail address (with the user's name and groups when known) or a group robot.</summary>
public sealed record NoticeRecipient(NoticeChannel Channel, string Address, string? Name, string? UserName, IReadOnlyList<string> Groups, bool IsCc);

/// <summary>What one notice is rendered from, the same for each of its recipients.</summary>
public sealed record NoticeSubject(
    DateTimeOffset Now,
    string TemplateKey,
    string TemplateName,
    string? InstanceId,
    string? BusinessKey,
    string? ProcessKey,
    Func<string, JsonNode?> Variables,
    JsonObject Values,
    JsonObject? Task,
    IReadOnlyDictionary<string, JsonNode?> Organisation,
    string? Number);

/// <summary>
/// Builds the one object a template sees. Members (camelCase, as the variables are):
/// <c>data</c> (the handler's extra values over the instance variables), <c>variables</c>, <c>values</c>,
/// <c>task</c> (id, name, due, dueText, remaining, assignee, link), <c>recipient</c> (name, userName, address,
/// groups, cc), <c>organisation</c>, <c>instance</c> (id, businessKey, processKey), <c>links</c> (console, task,
/// instance, case: absolute, from Server:PublicBaseUrl), <c>notice</c> (number, date, template, templateName),
/// <c>now</c>; functions <c>zh.date</c>, <c>zh.datetime</c>, <c>zh.duration</c>, <c>zh.remaining</c>,
/// <c>zh.number</c> and <c>html_raw</c>.
/// </summary>
public sealed class NoticeModelFactory(IOptions<NoticesOptions> notices, IOptions<ServerOptions> server)
{
    private readonly TimeZoneInfo _zone = ZhFormat.Zone(notices.Value.TimeZone);

    public string BaseUrl => server.Value.PublicBaseUrl.TrimEnd('/');

    public ScriptObject Create(NoticeSubject subject, NoticeRecipient recipient)
    {
        var model = new ScriptObject();
        var values = subject.Values;
        model["data"] = new LazyScriptObject(name => values.TryGetPropertyValue(name, out var v) ? v : subject.Variables(name));
        model["variables"] = new LazyScriptObject(subject.Variables);
        model["values"] = ScriptValues.FromObject(values);
        model["task"] = Task(subject);
        model["recipient"] = new ScriptObject
        {
            ["name"] = recipient.Name ?? recipient.UserName ?? recipient.Address,
            ["userName"] = recipient.UserName,
            ["address"] = recipient.Channel == NoticeChannel.Mail ? recipient.Address : null,
            ["groups"] = new ScriptArray(recipient.Groups),
            ["cc"] = recipient.IsCc,
        };
        model["organisation"] = ScriptValues.FromObject(new JsonObject(subject.Organisation.Select(p =>
            KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));
        model["instance"] = new ScriptObject
        {
            ["id"] = subject.InstanceId,
            ["businessKey"] = subject.BusinessKey,
            ["processKey"] = subject.ProcessKey,
        };
        model["links"] = new ScriptObject
        {
            ["console"] = BaseUrl + "/",
            ["task"] = (subject.Task?["id"]?.GetValue<string>() is { } taskId) ? TaskLink(taskId) : null,
            ["instance"] = subject.InstanceId is { } id ? $"{BaseUrl}/instances/{Uri.EscapeDataString(id)}" : null,
            ["case"] = subject.BusinessKey is { } key ? $"{BaseUrl}/cases/{Uri.EscapeDataString(key)}" : null,
        };
        model["notice"] = new ScriptObject
        {
            ["number"] = subject.Number,
            ["date"] = ZhFormat.Date(subject.Now, _zone),
            ["template"] = subject.TemplateKey,
            ["templateName"] = subject.TemplateName,
        };
        model["now"] = subject.Now.ToString("O");
        model["zh"] = Helpers(subject.Now);
        model.Import("html_raw", new Func<object?, TrustedHtml>(v => new TrustedHtml(v?.ToString() ?? "")));
        return model;
    }

    public string TaskLink(string taskId) => $"{BaseUrl}/tasks/{Uri.EscapeDataString(taskId)}";

    private ScriptObject? Task(NoticeSubject subject)
    {
        if (subject.Task is null)
        {
            return null;
        }
        var task = ScriptValues.FromObject(subject.Task);
        if (ZhFormat.ToDate(subject.Task["due"]) is { } due)
        {
            task["dueText"] = ZhFormat.DateTime(due, _zone);
            task["remaining"] = ZhFormat.Remaining(due, subject.Now);
        }
        if (subject.Task["id"]?.GetValue<string>() is { } id)
        {
            task["link"] = TaskLink(id);
        }
        return task;
    }

    private ScriptObject Helpers(DateTimeOffset now)
    {
        var zh = new ScriptObject();
        zh.Import("date", new Func<object?, string>(v => ZhFormat.ToDate(v) is { } d ? ZhFormat.Date(d, _zone) : ""));
        zh.Import("datetime", new Func<object?, string>(v => ZhFormat.ToDate(v) is { } d ? ZhFormat.DateTime(d, _zone) : ""));
        zh.Import("duration", new Func<object?, string>(v => ZhFormat.ToDuration(v) is { } t ? ZhFormat.Duration(t) : ""));
        zh.Import("remaining", new Func<object?, string>(v => ZhFormat.ToDate(v) is { } d ? ZhFormat.Remaining(d, now) : ""));
        zh.Import("number", new Func<string, long, long, string>((prefix, year, n) => ZhFormat.Number(prefix, (int)year, n)));
        return zh;
    }
}
