using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Localization;

namespace WorkflowHub.Server.Tests.Localization;

/// <summary>
/// Every text the engine can put in front of a user (BPMN problems, exception messages, incident reasons) has its
/// English text (the key, as the engine writes it) and a Chinese translation in EngineText.zh-CN.resx, and the
/// server's translator turns the one into the other. A new engine message without a translation fails here.
/// </summary>
public sealed partial class EngineTextCatalogueTests
{
    private static readonly ResourceManager EngineResources = new("WorkflowHub.Server.Localization.EngineText", typeof(EngineText).Assembly);

    private static Dictionary<string, string> Chinese(ResourceManager resources) =>
        resources.GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Every_engine_message_has_a_Chinese_translation()
    {
        var found = EngineMessageScanner.Scan(Path.Combine(Repository.Root(), "src", "WorkflowHub.Engine"));
        // The scan itself must keep working: these are written in very different ways (problem, exception, chain, const).
        Assert.Contains(found, f => f.Template == "sequence flow {0} '{1}' does not name a flow node of this {2}");
        Assert.Contains(found, f => f.Template == "Process instance '{0}' does not exist.");
        Assert.Contains(found, f => f.Template == "The BPMN file has errors: {0}");
        Assert.Contains(found, f => f.Template.StartsWith("a DTD (<!DOCTYPE ...>)", StringComparison.Ordinal));
        Assert.True(found.Count > 120, $"only {found.Count} engine messages were found");

        var translations = Chinese(EngineResources);
        var missing = found.Where(f => !translations.ContainsKey(f.Template)).Select(f => $"{f.File}:{f.Line}: {f.Template}").ToList();
        Assert.True(missing.Count == 0, "Engine messages without a translation in EngineText.zh-CN.resx:\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData(typeof(EngineText))]
    [InlineData(typeof(ApiText))]
    public void Every_resource_is_English_in_its_key_and_Chinese_in_its_value_with_the_same_placeholders(Type marker)
    {
        var resources = new ResourceManager(marker.FullName!, marker.Assembly);
        var bad = new List<string>();
        foreach (var (english, chinese) in Chinese(resources))
        {
            if (Cjk().IsMatch(english))
            {
                bad.Add($"key is not English: {english}");
            }
            if (!Cjk().IsMatch(chinese))
            {
                bad.Add($"value is not Chinese: {english} = {chinese}");
            }
            var keyHoles = Placeholder().Matches(english).Select(m => m.Value).Order(StringComparer.Ordinal).Distinct();
            var valueHoles = Placeholder().Matches(chinese).Select(m => m.Value).Order(StringComparer.Ordinal).Distinct();
            if (!keyHoles.SequenceEqual(valueHoles))
            {
                bad.Add($"placeholders differ: {english} = {chinese}");
            }
            if (Placeholder().IsMatch(english))
            {
                try
                {
                    _ = string.Format(CultureInfo.InvariantCulture, chinese, Samples(10));
                }
                catch (FormatException)
                {
                    bad.Add($"value is not a format string (double its literal braces): {chinese}");
                }
            }
        }
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    /// <summary>The translator picks each template's own translation (no shorter template shadows it) in zh-CN, and keeps English in en.</summary>
    [Fact]
    public void The_translator_turns_every_engine_text_into_its_translation()
    {
        var translator = new ProblemTranslator(
            new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance),
            [new ProblemTextSource(typeof(ApiText)), new ProblemTextSource(typeof(EngineText))]);
        var wrong = new List<string>();
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var (english, chinese) in Chinese(EngineResources))
            {
                var sample = Placeholder().Replace(english, m => $"x{m.Groups[1].Value}");
                var expected = Placeholder().IsMatch(english) ? string.Format(CultureInfo.InvariantCulture, chinese, Samples(10)) : chinese;
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
                if (translator.Translate(sample) is var got && got != expected)
                {
                    wrong.Add($"{sample} → {got} (expected {expected})");
                }
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
                if (translator.Translate(sample) != sample)
                {
                    wrong.Add($"English changed: {sample}");
                }
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static object[] Samples(int count) => [.. Enumerable.Range(0, count).Select(i => (object)$"x{i}")];

    /// <summary>Han characters or full-width punctuation: a Chinese text.</summary>
    [GeneratedRegex(@"[\u3000-\u303F\u4E00-\u9FFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
