using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Reads bpmn:definitions: checks ids, collects messages, errors and signals, compiles the executable
/// processes and lists everything else as ignored.
/// </summary>
internal static class DefinitionsReader
{
    private static readonly string[] ProcessExtensions = [];

    public static void Read(XDocument document, ParseContext ctx)
    {
        var root = document.Root!;
        if (!BpmnXml.IsModel(root, "definitions"))
        {
            ctx.Error(root, $"not a BPMN 2.0 file: the root element is {root.Name.LocalName} in namespace '{root.Name.NamespaceName}', "
                + $"expected definitions in '{BpmnXml.Model.NamespaceName}'");
            return;
        }
        CheckDuplicateIds(root, ctx);
        CollectReferences(root, ctx);

        foreach (var child in root.Elements())
        {
            var name = child.Name.LocalName;
            if (!BpmnXml.IsModel(child))
            {
                ctx.Ignore(child);
            }
            else if (name == "process")
            {
                if (BpmnXml.IsTrue(BpmnXml.Attr(child, "isExecutable")))
                {
                    CompileProcess(child, ctx);
                }
                else
                {
                    ctx.Ignore(child, "process is not executable");
                }
            }
            else if (!ElementCatalog.ReferencedRootElements.Contains(name) && !ElementCatalog.EventDefinitions.ContainsKey(name))
            {
                ctx.Ignore(child);
            }
        }

        if (ctx.Document.Processes.Count == 0)
        {
            const string message = "the file has no executable process (a process with isExecutable=\"true\")";
            if (ctx.Options.DeployMode)
            {
                ctx.Error(root, message);
            }
            else
            {
                ctx.Warning(root, message);
            }
        }
    }

    private static void CompileProcess(XElement element, ParseContext ctx)
    {
        var id = BpmnXml.Id(element)?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            ctx.Error(element, "process has no id");
            return;
        }
        var model = new ProcessModel
        {
            Key = id,
            Name = BpmnXml.Attr(element, "name"),
            IsExecutable = true,
            VersionTag = ActivityDefinitionReader.NullIfBlank(BpmnXml.Ext(element, "versionTag")),
            Position = BpmnXml.Position(element),
            Root = new ScopeModel { Id = id },
        };
        FlowNodeReader.ReadOwnerChildren(element, ProcessExtensions, ctx);
        new ScopeCompiler(ctx, model).Compile(element);
        ctx.Document.Processes.Add(model);
    }

    /// <summary>Ids share one space across the model and diagram interchange: a second use is an error.</summary>
    private static void CheckDuplicateIds(XElement root, ParseContext ctx)
    {
        var seen = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in root.DescendantsAndSelf())
        {
            if (Array.IndexOf(BpmnXml.IdNamespaces, element.Name.Namespace) < 0 || BpmnXml.Id(element) is not { } id)
            {
                continue;
            }
            if (seen.TryGetValue(id, out var first))
            {
                var at = BpmnXml.Position(first);
                ctx.Error(element, $"duplicate id '{id}' (first used by {BpmnXml.TypeName(first)} at {at})");
            }
            else
            {
                seen.Add(id, element);
            }
        }
    }

    private static void CollectReferences(XElement root, ParseContext ctx)
    {
        foreach (var child in root.Elements().Where(BpmnXml.IsModel))
        {
            if (BpmnXml.Id(child) is not { } id)
            {
                continue;
            }
            var name = ActivityDefinitionReader.NullIfBlank(BpmnXml.Attr(child, "name"));
            switch (child.Name.LocalName)
            {
                case "message":
                    ctx.MessageNames.TryAdd(id, name ?? id);
                    break;
                case "signal":
                    ctx.SignalNames.TryAdd(id, name ?? id);
                    break;
                case "error":
                    ctx.ErrorCodes.TryAdd(id, ActivityDefinitionReader.NullIfBlank(BpmnXml.Attr(child, "errorCode")));
                    break;
                case "escalation":
                    ctx.EscalationCodes.TryAdd(id, ActivityDefinitionReader.NullIfBlank(BpmnXml.Attr(child, "escalationCode")));
                    break;
                case var definition when ElementCatalog.EventDefinitions.ContainsKey(definition):
                    ctx.RootEventDefinitions.TryAdd(id, child);
                    break;
            }
        }
    }
}
