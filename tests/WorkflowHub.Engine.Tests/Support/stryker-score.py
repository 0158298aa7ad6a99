#!/usr/bin/env python3
"""Sums Stryker.NET JSON reports (mutation-testing-report-schema) into one mutation score per file and overall.

Usage: stryker-score.py [--under Behaviours/] [--survivors] REPORT.json...

Several runs may each have mutated a few files: for every source file the newest report (by file time) that tested
it counts. Score = detected / (detected + survived + no coverage), detected = killed + timeout, as Stryker counts it;
compile errors and ignored mutants are left out.
"""
import argparse
import json
import os
import sys

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+")
    parser.add_argument("--under", default="", help="only source paths containing this text, e.g. Behaviours/")
    parser.add_argument("--survivors", action="store_true", help="list surviving and uncovered mutants")
    args = parser.parse_args()

    newest: dict[str, tuple[float, list[dict]]] = {}
    for report in args.reports:
        with open(report, encoding="utf-8") as stream:
            files = json.load(stream).get("files", {})
        stamp = os.path.getmtime(report)
        for path, entry in files.items():
            tested = [m for m in entry.get("mutants", []) if m.get("status") in DETECTED | UNDETECTED]
            if args.under in path.replace("\\", "/") and tested and (path not in newest or newest[path][0] < stamp):
                newest[path] = (stamp, tested)

    if not newest:
        print("no tested mutants in these reports", file=sys.stderr)
        return 1
    totals = [0, 0, 0, 0]
    print(f"{'file':50} {'mutants':>7} {'killed':>6} {'surv.':>5} {'no cov':>6} {'score':>6}")
    for path in sorted(newest):
        mutants = newest[path][1]
        killed = sum(m["status"] in DETECTED for m in mutants)
        survived = sum(m["status"] == "Survived" for m in mutants)
        uncovered = sum(m["status"] == "NoCoverage" for m in mutants)
        row = [len(mutants), killed, survived, uncovered]
        totals = [a + b for a, b in zip(totals, row)]
        print(f"{os.path.basename(path):50} {row[0]:7} {killed:6} {survived:5} {uncovered:6} {100 * killed / row[0]:5.1f}%")
        if args.survivors:
            for m in sorted(mutants, key=lambda m: m["location"]["start"]["line"]):
                if m["status"] in UNDETECTED:
                    where = m["location"]["start"]
                    print(f"    {m['status']:10} L{where['line']}:{where['column']} {m.get('mutatorName', '')}: {m.get('replacement', '')!r}"[:200])
    print(f"{'TOTAL':50} {totals[0]:7} {totals[1]:6} {totals[2]:5} {totals[3]:6} {100 * totals[1] / totals[0]:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
