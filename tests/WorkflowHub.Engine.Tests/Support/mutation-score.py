#!/usr/bin/env python3
"""Sums Stryker.NET JSON reports (mutation-report.json) into one mutation score per file and for the whole set.

Usage: mutation-score.py [--under Runtime/] [--survivors] REPORT.json...

Several per-file runs may mutate the same file; the newest report (by modification time) wins for that file, so a file
re-run after new tests replaces its earlier figure. Score = detected / (detected + survived + no coverage), where detected
is Killed or Timeout, as Stryker counts it; compile errors and ignored mutants are left out, as Stryker leaves them out.
"""
import argparse
import json
import os
import sys

DETECTED = ("Killed", "Timeout")
UNDETECTED = ("Survived", "NoCoverage")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+")
    parser.add_argument("--under", default="", help="only files whose path inside the project starts with this")
    parser.add_argument("--survivors", action="store_true", help="list every mutant that survived or had no coverage")
    args = parser.parse_args()

    newest: dict[str, tuple[float, list]] = {}
    for report_path in args.reports:
        stamp = os.path.getmtime(report_path)
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
        for path, entry in report["files"].items():
            short = path.replace("\\", "/").split("src/WorkflowHub.Engine/")[-1]
            if not short.startswith(args.under):
                continue
            mutants = [m for m in entry["mutants"] if m["status"] in DETECTED + UNDETECTED]
            if not mutants:
                continue  # a file the run did not mutate
            if short not in newest or newest[short][0] < stamp:
                newest[short] = (stamp, entry["mutants"])

    if not newest:
        print("no mutated file in these reports", file=sys.stderr)
        return 1
    header = f"{'file':<44} {'mutants':>7} {'killed':>6} {'survived':>8} {'no cov.':>7} {'score':>7}"
    print(header)
    print("-" * len(header))
    totals = [0, 0, 0, 0]
    for short, (_, mutants) in sorted(newest.items()):
        killed = sum(m["status"] in DETECTED for m in mutants)
        survived = sum(m["status"] == "Survived" for m in mutants)
        uncovered = sum(m["status"] == "NoCoverage" for m in mutants)
        counted = killed + survived + uncovered
        for i, n in enumerate((counted, killed, survived, uncovered)):
            totals[i] += n
        print(f"{short:<44} {counted:>7} {killed:>6} {survived:>8} {uncovered:>7} {100 * killed / counted:>6.1f}%")
    counted, killed, survived, uncovered = totals
    print("-" * len(header))
    print(f"{'total':<44} {counted:>7} {killed:>6} {survived:>8} {uncovered:>7} {100 * killed / counted:>6.1f}%")
    if args.survivors:
        for short, (_, mutants) in sorted(newest.items()):
            for m in sorted(mutants, key=lambda m: m["location"]["start"]["line"]):
                if m["status"] in UNDETECTED:
                    line = m["location"]["start"]["line"]
                    replacement = " ".join((m.get("replacement") or "").split())[:100]
                    print(f"{m['status']:<10} {short}:{line} {m['mutatorName']}: {replacement}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
