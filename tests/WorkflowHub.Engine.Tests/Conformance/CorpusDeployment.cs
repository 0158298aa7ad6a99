using System.Security.Cryptography;
using System.Text.RegularExpressions;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Tests.Conformance;

/// <summary>What deploying one file of a corpus gave: deployed, or refused with its error messages.</summary>
public sealed record CorpusOutcome(string File, bool Deployed, IReadOnlyList<string> Errors);

/// <summary>
/// Deploys every file of a corpus of BPMN diagrams through the engine's real deploy (parser, validation, expression and
/// script compilation, delegate check) and groups the refusals by reason, so the deploy rate and what holds it down
/// can be read at a glance.
/// </summary>
public static partial class CorpusDeployment
{
    public static async Task<IReadOnlyList<CorpusOutcome>> DeployAllAsync(IDefinitionService definitions, IEnumerable<string> files)
    {
        var outcomes = new List<CorpusOutcome>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            try
            {
                await definitions.DeployAsync(name, await File.ReadAllBytesAsync(file));
                outcomes.Add(new CorpusOutcome(name, true, []));
            }
            catch (BpmnValidationException refused)
            {
                outcomes.Add(new CorpusOutcome(name, false,
                    refused.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Message).ToList()));
            }
            catch (Exception crash) when (crash is not OutOfMemoryException)
            {
                // Anything but a validation answer is a defect of its own (the server would answer 500).
                outcomes.Add(new CorpusOutcome(name, false, [$"crash: {crash.GetType().Name}: {crash.Message}"]));
            }
        }
        return outcomes;
    }

    /// <summary>
    /// A refusal reason without what varies from file to file (ids, names, numbers, positions), so that the same
    /// reason given on different elements counts as one.
    /// </summary>
    public static string Reason(string message)
    {
        var text = message.Split(" / ", 2)[0];
        text = QuotedText().Replace(text, "'…'");
        text = ElementName().Replace(text, "$1 …");
        text = Number().Replace(text, "N");
        return text.Length > 160 ? text[..160] + "…" : text;
    }

    /// <summary>Reasons by how many refused files name them (a file counts once per reason).</summary>
    public static IReadOnlyList<(string Reason, int Files, string Example)> GroupReasons(IEnumerable<CorpusOutcome> outcomes) =>
        outcomes.Where(o => !o.Deployed)
            .SelectMany(o => o.Errors.Select(Reason).Distinct().Select(r => (Reason: r, o.File)))
            .GroupBy(x => x.Reason)
            .Select(g => (g.Key, g.Count(), g.First().File))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    public static string Report(IReadOnlyList<CorpusOutcome> outcomes, int top = 25)
    {
        var deployed = outcomes.Count(o => o.Deployed);
        var lines = new List<string>
        {
            $"deployed {deployed} of {outcomes.Count} files: {Rate(outcomes):P1}",
            "refusal reasons (files naming each; a file may name several):",
        };
        lines.AddRange(GroupReasons(outcomes).Take(top).Select(r => $"{r.Files,5}  {r.Reason}   e.g. {r.Example}"));
        lines.Add("refused files and their first error:");
        lines.AddRange(outcomes.Where(o => !o.Deployed).Select(o => $"  {o.File}: {o.Errors.FirstOrDefault()}"));
        return string.Join(Environment.NewLine, lines);
    }

    public static double Rate(IReadOnlyList<CorpusOutcome> outcomes) =>
        outcomes.Count == 0 ? 0 : (double)outcomes.Count(o => o.Deployed) / outcomes.Count;

    /// <summary>The files a manifest (tab-separated: file, repository, commit, path, licence, sha256) lists, checked against their hashes.</summary>
    public static IReadOnlyList<string> FilesOfManifest(string folder, string manifest)
    {
        var files = new List<string>();
        foreach (var line in File.ReadLines(manifest).Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            var path = Path.Combine(folder, cells[0]);
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            if (hash != cells[5])
            {
                throw new InvalidDataException($"{cells[0]} differs from the file the manifest lists ({cells[1]} {cells[3]}).");
            }
            files.Add(path);
        }
        return files;
    }

    [GeneratedRegex("'[^']*'|\"[^\"]*\"|“[^”]*”")]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"\b(element|process|flow|event|task|gateway|activity) [A-Za-z_][\w\-\.]*")]
    private static partial Regex ElementName();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
