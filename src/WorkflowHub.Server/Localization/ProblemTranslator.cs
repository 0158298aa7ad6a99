using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace WorkflowHub.Server.Localization;

/// <summary>
/// Translates the English texts of problem answers (title, detail, field errors, BPMN problems) into the caller's
/// language. Every message is written in English in the code; a resource file of a module
/// (<see cref="ApiText"/>, <see cref="EngineText"/>, or a feature's own marker class registered with
/// <see cref="LocalizationModule.AddProblemTexts{TMarker}"/>) maps the English text to a translation. A key is either
/// the exact text ("Not Found") or a template whose <c>{0}</c>, <c>{1}</c>... stand for the parts that vary
/// ("Task '{0}' is assigned to '{1}'."); the parts are carried over into the translation. So the engine's messages
/// are translated without the engine knowing about languages, and a text without a translation stays English.
/// </summary>
public sealed partial class ProblemTranslator(IStringLocalizerFactory factory, IEnumerable<ProblemTextSource> sources)
{
    private readonly ConcurrentDictionary<string, Table> _tables = new(StringComparer.Ordinal);

    /// <summary>The text in the current UI culture, or the text itself when no resource translates it.</summary>
    public string Translate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        var table = _tables.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => Load());
        if (table.Exact.TryGetValue(text, out var exact))
        {
            return exact;
        }
        foreach (var (pattern, translation, _) in table.Templates)
        {
            Match match;
            try
            {
                match = pattern.Match(text);
            }
            catch (RegexMatchTimeoutException)
            {
                // A starved machine can make even these small patterns time out: the answer stays untranslated rather than a 500.
                continue;
            }
            if (match.Success)
            {
                var parts = match.Groups.Values.Skip(1).OrderBy(g => int.Parse(g.Name[1..], CultureInfo.InvariantCulture))
                    .Select(g => (object)Translate(g.Value)).ToArray();
                return string.Format(CultureInfo.CurrentCulture, translation, parts);
            }
        }
        return text;
    }

    /// <summary>Translates a problem's title, detail, field errors and BPMN problems in place.</summary>
    public void Translate(Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        problem.Title = problem.Title is null ? null : Translate(problem.Title);
        problem.Detail = problem.Detail is null ? null : Translate(problem.Detail);
        if (problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails validation)
        {
            foreach (var field in validation.Errors.Keys.ToList())
            {
                validation.Errors[field] = validation.Errors[field].Select(Translate).ToArray();
            }
        }
        if (problem.Extensions.TryGetValue("problems", out var listed) && listed is IEnumerable<Api.ProblemDto> bpmn)
        {
            problem.Extensions["problems"] = bpmn.Select(p => p with { Message = Translate(p.Message) }).ToList();
        }
    }

    /// <summary>A BPMN problem as the API shows it, its message in the caller's language.</summary>
    public Api.ProblemDto Dto(WorkflowHub.Engine.Model.BpmnProblem problem) => Api.ProblemDto.From(problem) with { Message = Translate(problem.Message) };

    private Table Load()
    {
        // Keys compare without case, as resource names do (the compiled resources keep one of "Not Found" and "Not found").
        var exact = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var templates = new List<(Regex, string, int)>();
        foreach (var source in sources)
        {
            var localizer = factory.Create(source.Marker);
            IEnumerable<LocalizedString> strings;
            try
            {
                strings = localizer.GetAllStrings(includeParentCultures: false).ToList();
            }
            catch (System.Resources.MissingManifestResourceException)
            {
                continue; // no resources for this culture (English is the text itself)
            }
            foreach (var s in strings.Where(s => !s.ResourceNotFound))
            {
                if (Placeholder().IsMatch(s.Name))
                {
                    templates.Add((ToPattern(s.Name), s.Value, Placeholder().Replace(s.Name, "").Length));
                }
                else
                {
                    exact.TryAdd(s.Name, s.Value);
                }
            }
        }
        // The most specific template first: longer fixed text (the key without its placeholders) wins over a shorter
        // one that also matches ("... of this process" before "... of this {2}").
        templates.Sort((a, b) => b.Item3.CompareTo(a.Item3));
        return new Table(exact, templates);
    }

    private static Regex ToPattern(string template)
    {
        var pattern = "^" + Placeholder().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal),
            m => $"(?<p{m.Groups[1].Value}>.+?)") + "$";
        return new Regex(pattern, RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    private sealed record Table(Dictionary<string, string> Exact, List<(Regex Pattern, string Translation, int Fixed)> Templates);
}

/// <summary>A resource marker class whose resource files translate problem texts.</summary>
public sealed record ProblemTextSource(Type Marker);
