#!/usr/bin/env bash
# Prints how long the designer takes to open a 200-element flow (fetch + import + render in headless chromium),
# against a 5-element flow, median of 5 opens. Needs chromium (apt-get install chromium fonts-wqy-microhei).
set -euo pipefail
cd "$(dirname "$0")/.."
export WORKFLOWHUB_BENCH=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test tests/WorkflowHub.Browser.Tests --filter "Category=Benchmark" --logger "console;verbosity=normal" >/dev/null
cat TestResults/designer-open-benchmark.txt
