using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Tests.Localization;

/// <summary>
/// The server's own texts (problem titles and details, field errors, refusals of handlers, Open311 errors) are written
/// in English in the code and translated by a zh-CN resource of their module, as the engine's are
/// (<see cref="EngineTextCatalogueTests"/>): a text without a Chinese form, a Chinese-only text, or a string that
/// carries both languages side by side fails here. Left alone: OpenAPI summaries (English with the domain's Chinese
/// term, for developers), Open311's field descriptions (data of the standard), and the command line's messages.
/// </summary>
public sealed partial class ServerTextCatalogueTests
{
    /// <summary>Every resource marker of the server; a new module's marker is added here and in its module.</summary>
    public static readonly Type[] Markers =
    [
        typeof(ApiText), typeof(EngineText), typeof(Features.Administration.AdministrationText), typeof(Features.Calendar.CalendarText),
        typeof(Features.Cases.CaseText), typeof(Features.ExternalTasks.ExternalTaskText), typeof(Features.Instances.InstanceModificationText),
        typeof(Features.Notices.NoticeText), typeof(Features.Organisation.OrganisationText), typeof(Features.Tasks.TaskText),
    ];

    private static string ServerSource => Path.Combine(Repository.Root(), "src", "WorkflowHub.Server");

    private static Dictionary<string, string> Chinese(Type marker) =>
        new ResourceManager(marker.FullName!, marker.Assembly).GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Every_server_text_is_English_in_the_code_and_has_a_Chinese_translation()
    {
        var found = EngineMessageScanner.Scan(ServerSource, ServerCall());
        // The scan must keep finding texts written in these different ways.
        Assert.Contains(found, f => f.Template == "Only the starter, a supervisor or a leader may urge.");
        Assert.Contains(found, f => f.Template == "There is no table '{0}'.");
        Assert.Contains(found, f => f.Template == "There is no service request '{0}'.");
        Assert.Contains(found, f => f.Template == "The input '{0}' is missing.");
        Assert.True(found.Count > 200, $"only {found.Count} server texts were found");

        var translations = Markers.SelectMany(m => Chinese(m)).GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        var bad = found.Where(f => Cjk().IsMatch(f.Template)).Select(f => $"{f.File}:{f.Line}: not English: {f.Template}")
            .Concat(found.Where(f => !Cjk().IsMatch(f.Template) && !translations.ContainsKey(f.Template) && !NotForUsers(f))
                .Select(f => $"{f.File}:{f.Line}: no zh-CN translation: {f.Template}"))
            .ToList();
        Assert.True(bad.Count == 0, "Server texts to fix (English in the code, Chinese in the module's .zh-CN.resx):\n" + string.Join("\n", bad));
    }

    [Fact]
    public void No_server_string_carries_Chinese_and_English_side_by_side()
    {
        var mixed = EngineMessageScanner.Literals(ServerSource)
            .Where(l => Han().IsMatch(l.Text) && EnglishWords().IsMatch(l.Text) && !Documentation().IsMatch(l.LineText))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}").ToList();
        Assert.True(mixed.Count == 0, "Strings with both languages (write English and translate it in the module's .zh-CN.resx):\n" + string.Join("\n", mixed));
    }

    [Theory]
    [MemberData(nameof(MarkerData))]
    public void Every_resource_is_English_in_its_key_and_Chinese_in_its_value_with_the_same_placeholders_and_no_name_twice(Type marker)
    {
        var bad = new List<string>();
        var file = Directory.EnumerateFiles(ServerSource, marker.Name + ".zh-CN.resx", SearchOption.AllDirectories).Single(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
        // Resource names compare without case: two names differing in case leave one of them unused.
        var names = System.Xml.Linq.XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToList();
        bad.AddRange(names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => $"named twice: {g.Key}"));
        foreach (var (english, chinese) in Chinese(marker))
        {
            if (Cjk().IsMatch(english))
            {
                bad.Add($"key is not English: {english}");
            }
            if (!Cjk().IsMatch(chinese))
            {
                bad.Add($"value is not Chinese: {english} = {chinese}");
            }
            var keyHoles = Placeholder().Matches(english).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal);
            var valueHoles = Placeholder().Matches(chinese).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal);
            if (!keyHoles.SequenceEqual(valueHoles))
            {
                bad.Add($"placeholders differ: {english} = {chinese}");
            }
        }
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    /// <summary>A text in two modules' resources has one translation, whichever module's resources are read first.</summary>
    [Fact]
    public void A_text_in_several_modules_is_translated_alike()
    {
        var differing = Markers.SelectMany(m => Chinese(m).Select(e => (Marker: m.Name, e.Key, e.Value)))
            .GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(e => e.Value).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => string.Join(" | ", g.Select(e => $"{e.Marker}: {e.Key} = {e.Value}"))).ToList();
        Assert.True(differing.Count == 0, string.Join("\n", differing));
    }

    /// <summary>Each module's template turns into its own translation (no other module's shorter template shadows it).</summary>
    [Fact]
    public void The_translator_turns_every_server_text_into_its_translation()
    {
        var translator = new ProblemTranslator(
            new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance),
            [.. Markers.Select(m => new ProblemTextSource(m))]);
        var wrong = new List<string>();
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var marker in Markers.Where(m => m != typeof(EngineText)))
            {
                foreach (var (english, chinese) in Chinese(marker).Where(e => Placeholder().IsMatch(e.Key)))
                {
                    var sample = Placeholder().Replace(english, m => $"x{m.Groups[1].Value}");
                    var expected = string.Format(CultureInfo.InvariantCulture, chinese, [.. Enumerable.Range(0, 10).Select(i => (object)$"x{i}")]);
                    CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
                    if (translator.Translate(sample) is var got && got != expected)
                    {
                        wrong.Add($"{marker.Name}: {sample} → {got} (expected {expected})");
                    }
                    CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
                    if (translator.Translate(sample) != sample)
                    {
                        wrong.Add($"English changed: {sample}");
                    }
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    public static TheoryData<Type> MarkerData() => [.. Markers];

    /// <summary>
    /// Not answers to users: settings refused at start-up (they name the setting), the demo seed's and the first
    /// administrator's failures (the operator's log), guards against programming errors, and a text matched, not written.
    /// </summary>
    private static bool NotForUsers(EngineMessageScanner.Found f) => StartupOnly().IsMatch(f.Template) || Internal.Contains(f.Template);

    private static readonly HashSet<string> Internal = new(StringComparer.Ordinal)
    {
        "The demo user '{0}' could not be created: {1}",
        "Bootstrap could not {0} '{1}': {2}",
        "A stored photo path leaves the photo folder.",
        "{0} is not mapped.",
        "The endpoint requires an authenticated user.",
        "was not provided",
    };

    /// <summary>Texts the server writes: exceptions, field errors (Invalid, a row's Error), Open311's Error, and problem titles and details.</summary>
    [GeneratedRegex(@"\b(?:new\s+)?(?:\w*Exception|Invalid|Error)\s*\(|(?<const>\b(?:Title|Detail)\s*=(?![=>]))")]
    private static partial Regex ServerCall();

    /// <summary>Lines whose strings document the API for developers or talk to the command line.</summary>
    [GeneratedRegex(@"WithSummary\(|WithDescription\(|console\.(?:Error|Out)\.WriteLine|datatype_description")]
    private static partial Regex Documentation();

    [GeneratedRegex(@"^[A-Z]\w+:[A-Z]\w+")]
    private static partial Regex StartupOnly();

    /// <summary>Han characters or full-width punctuation: a Chinese text.</summary>
    [GeneratedRegex(@"[\u3000-\u303F\u4E00-\u9FFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[\u4E00-\u9FFF]{2,}")]
    private static partial Regex Han();

    /// <summary>Two English words in a row (a hole or a number may be the second): an English phrase, not a lone identifier.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.:/=-])[A-Za-z][A-Za-z'-]*[A-Za-z][,:]? (?:[A-Za-z][A-Za-z'-]*|\d+|\{\d+\})(?![A-Za-z0-9_:/=(])")]
    private static partial Regex EnglishWords();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
