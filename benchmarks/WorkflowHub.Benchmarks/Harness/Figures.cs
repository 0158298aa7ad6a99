using System.Globalization;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>Percentiles and the PASS/FAIL lines every scenario prints.</summary>
internal static class Figures
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Ms(double seconds) => (seconds * 1000).ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Describe(List<double> seconds)
    {
        seconds.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"n={seconds.Count} p50={Ms(Percentile(seconds, 50))} p95={Ms(Percentile(seconds, 95))} p99={Ms(Percentile(seconds, 99))} max={Ms(seconds.Count == 0 ? double.NaN : seconds[^1])}");
    }

    /// <summary>Prints "PASS|FAIL scenario: target — measured" and returns whether it passed.</summary>
    public static bool Verdict(string scenario, bool passed, string target, string measured)
    {
        Console.WriteLine($"{(passed ? "PASS" : "FAIL")} {scenario}: target {target}; measured {measured}");
        return passed;
    }
}
