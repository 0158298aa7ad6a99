using System.Xml.Linq;

namespace WorkflowHub.Server.Tests;

/// <summary>NuGet's audit is on, and every centrally pinned package is referenced by a project (no pin left behind).</summary>
public sealed class PackageHygieneTests
{
    [Fact]
    public void NuGetAudit_is_on_and_every_pinned_package_is_used()
    {
        var root = Repository.Root();
        var build = XDocument.Load(Path.Combine(root, "Directory.Build.props"));
        Assert.Equal("true", build.Descendants("NuGetAudit").Single().Value, ignoreCase: true);

        var pinned = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Select(p => (string)p.Attribute("Include")!).ToList();
        var referenced = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains("node_modules", StringComparison.Ordinal))
            .SelectMany(f => XDocument.Load(f).Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unused = pinned.Where(p => !referenced.Contains(p)).ToList();
        Assert.True(unused.Count == 0, "Pinned in Directory.Packages.props but referenced by no project: " + string.Join(", ", unused));
    }
}
