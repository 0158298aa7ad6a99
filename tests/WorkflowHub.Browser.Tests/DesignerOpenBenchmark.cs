using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using WorkflowHub.Browser.Tests.Support;
using Xunit.Abstractions;

namespace WorkflowHub.Browser.Tests;

/// <summary>
/// Not a test: how long the designer takes to open a 200-element flow (fetch, import, render), printed against a
/// 5-element flow as the baseline. Runs only with WORKFLOWHUB_BENCH=1 (scripts/bench-designer-open.sh); asserts nothing
/// about time.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class DesignerOpenBenchmark(ConsoleBrowser browser, ITestOutputHelper output)
{
    private const int Rounds = 5;

    [SkippableFact]
    [Trait("Category", "Benchmark")]
    public async Task Open_a_200_element_flow()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("WORKFLOWHUB_BENCH") == "1", "benchmark: run scripts/bench-designer-open.sh");
        var (server, page) = await browser.OpenAsync();
        using var admin = await ConsoleSteps.AdminApiAsync(server);
        await FlowApi.DeployAsync(admin, Chain("bench-small", 1));
        var big = Chain("bench-big", 99);
        Assert.True(CountElements(big) >= 200, "the big flow must have at least 200 elements");
        await FlowApi.DeployAsync(admin, big);
        await ConsoleSteps.SignInAsAdminAsync(page);

        var small = await MeasureAsync(page, "bench-small", "t1");
        var large = await MeasureAsync(page, "bench-big", "t99");
        var line = string.Create(CultureInfo.InvariantCulture,
            $"designer open (fetch+import+render, median of {Rounds}): {CountElements(big)} elements {large.InPage:F0} ms in page / {large.Wall:F0} ms navigation; 5 elements {small.InPage:F0} ms / {small.Wall:F0} ms; ratio {large.InPage / small.InPage:F2}x; budget 2000 ms: {(large.Wall < 2000 ? "met" : "MISSED")}");
        output.WriteLine(line);
        await File.WriteAllTextAsync(Path.Combine(ConsoleBrowser.ScreenshotFolder, "..", "designer-open-benchmark.txt"), line + "\n");
        await page.Context.CloseAsync();
    }

    private static async Task<(double InPage, double Wall)> MeasureAsync(IPage page, string key, string lastTask)
    {
        var inPage = new List<double>();
        var wall = new List<double>();
        for (var i = 0; i < Rounds + 1; i++)
        {
            await page.GotoAsync("/");
            var clock = Stopwatch.StartNew();
            await page.GotoAsync($"/designer/{key}");
            await page.Locator($".djs-element[data-element-id=\"{lastTask}\"]").WaitForAsync();
            await page.WaitForFunctionAsync("() => performance.getEntriesByName('designer-open').length > 0");
            clock.Stop();
            if (i == 0)
            {
                continue; // the first open loads the designer's code into the cache
            }
            wall.Add(clock.Elapsed.TotalMilliseconds);
            inPage.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('designer-open')[0].duration"));
        }
        return (Median(inPage), Median(wall));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>start → n user tasks → end: n + 2 shapes and n + 1 sequence flows.</summary>
    private static string Chain(string key, int tasks)
    {
        var process = new StringBuilder();
        var diagram = new StringBuilder();
        var ids = new List<string> { "start" };
        ids.AddRange(Enumerable.Range(1, tasks).Select(i => $"t{i}"));
        ids.Add("end");
        process.Append("<bpmn:startEvent id=\"start\" name=\"开始\"/>");
        for (var i = 1; i <= tasks; i++)
        {
            process.Append(CultureInfo.InvariantCulture, $"<bpmn:userTask id=\"t{i}\" name=\"第 {i} 步 处置\" camunda:candidateGroups=\"Staff\"/>");
        }
        process.Append("<bpmn:endEvent id=\"end\" name=\"结束\"/>");
        for (var i = 0; i < ids.Count; i++)
        {
            var (x, y) = (100 + (i % 10) * 160, 100 + (i / 10) * 140);
            var (w, h) = ids[i] is "start" or "end" ? (36, 36) : (100, 80);
            diagram.Append(CultureInfo.InvariantCulture, $"<bpmndi:BPMNShape id=\"{ids[i]}_di\" bpmnElement=\"{ids[i]}\"><dc:Bounds x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\"/></bpmndi:BPMNShape>");
            if (i > 0)
            {
                process.Append(CultureInfo.InvariantCulture, $"<bpmn:sequenceFlow id=\"f{i}\" sourceRef=\"{ids[i - 1]}\" targetRef=\"{ids[i]}\"/>");
                var (px, py) = (100 + ((i - 1) % 10) * 160, 100 + ((i - 1) / 10) * 140);
                diagram.Append(CultureInfo.InvariantCulture, $"<bpmndi:BPMNEdge id=\"f{i}_di\" bpmnElement=\"f{i}\"><di:waypoint x=\"{px + 50}\" y=\"{py + 40}\"/><di:waypoint x=\"{x + 18}\" y=\"{y + 18}\"/></bpmndi:BPMNEdge>");
            }
        }
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
              xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
              id="d_{key}" targetNamespace="http://workflowhub/bench">
              <bpmn:process id="{key}" isExecutable="true">{process}</bpmn:process>
              <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="{key}">{diagram}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }

    /// <summary>Flow nodes and sequence flows: what the diagram draws as elements.</summary>
    private static int CountElements(string xml) =>
        System.Xml.Linq.XDocument.Parse(xml).Descendants().Count(e => e.Name.LocalName is "startEvent" or "userTask" or "endEvent" or "sequenceFlow");
}
