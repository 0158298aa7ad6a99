namespace WorkflowHub.Benchmarks.Harness;

/// <summary>The operations harness (<c>-- harness ...</c>): runs each named scenario and prints its PASS/FAIL line; exit 1 if any failed.</summary>
internal static class HarnessRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = HarnessOptions.Parse(args);
        Console.WriteLine($"WorkflowHub operations harness {DateTime.UtcNow:u}; cpus {Environment.ProcessorCount}; scale {options.Scale}; files in {options.Folder}");
        var results = new List<(string, bool)>();
        foreach (var scenario in options.Scenarios)
        {
            bool passed;
            try
            {
                passed = scenario switch
                {
                    "timers" => await TimerStorm.RunAsync(options, postgres: false),
                    "timers-pg" => await TimerStorm.RunAsync(options, postgres: true),
                    "intake" => await WebhookIntake.RunAsync(options, postgres: false),
                    "intake-pg" => await WebhookIntake.RunAsync(options, postgres: true),
                    "kill-sqlite" => await KillNodes.RunAsync(options, postgres: false),
                    "kill-pg" => await KillNodes.RunAsync(options, postgres: true),
                    "outage-pg" => await Outage.RunAsync(options),
                    "outage-sqlite" => await DiskFull.RunAsync(options),
                    "http" => await HttpPath.RunAsync(options),
                    "inbox" => await InboxAtScale.RunAsync(options),
                    _ => throw new ArgumentException($"unknown scenario '{scenario}'"),
                };
            }
            catch (Exception ex)
            {
                Console.WriteLine($"FAIL {scenario}: {ex.GetType().Name}: {ex.Message}");
                passed = false;
            }
            results.Add((scenario, passed));
            Console.WriteLine();
        }
        Console.WriteLine(string.Join("  ", results.Select(r => $"{r.Item1}={(r.Item2 ? "PASS" : "FAIL")}")));
        return results.All(r => r.Item2) ? 0 : 1;
    }
}
