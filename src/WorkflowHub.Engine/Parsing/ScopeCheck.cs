using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>What an element type's <see cref="Behaviours.IElementRules.Validate"/> reports through: problems at a node or flow's position.</summary>
internal sealed class ScopeCheck(ParseContext ctx, Dictionary<object, XElement> elements)
{
    public ParseContext Context => ctx;

    public XElement ElementOf(object nodeOrFlow) => elements[nodeOrFlow];

    public void Error(object nodeOrFlow, string message) => ctx.Error(elements[nodeOrFlow], message);

    public void Warning(object nodeOrFlow, string message) => ctx.Warning(elements[nodeOrFlow], message);
}
