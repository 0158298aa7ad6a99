#!/bin/bash
# An A/B comparison of two builds of the server on the HTTP path for a machine shared with other work (see
# benchmarks/README.md, "The HTTP path after its pass"): start each build with serve.sh (base on 5801, the change on
# 5802) on copies of one database, then run this. ROUNDS and SECONDS_PER_RUN are optional.
# Alternates the python driver (8 keep-alive clients, start → find → complete) against base (5801) and mine (5802),
# and reads the server process's CPU time (utime+stime) around each run: CPU ms per instance is what a shared
# machine's load distorts least.
pid_of() { for p in $(pgrep -f "WorkflowHub.Server.dll"); do tr '\0' '\n' < /proc/$p/environ | grep -q "ASPNETCORE_URLS=http://127.0.0.1:$1" && echo $p; done; }
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
tck=$(getconf CLK_TCK)
for r in $(seq 1 ${ROUNDS:-3}); do
  for side in base:5801 mine:5802; do
    name=${side%%:*}; port=${side##*:}; pid=$(pid_of $port)
    c0=$(cpu $pid); out=$(python3 "$(dirname "$0")/drive.py" $port ${SECONDS_PER_RUN:-20}); c1=$(cpu $pid)
    n=$(echo "$out" | awk '{print $1}')
    echo "$(date +%T) round $r $name: $out; server CPU $(( (c1-c0)*1000/tck )) ms = $(awk -v c=$((c1-c0)) -v t=$tck -v n=$n 'BEGIN{printf "%.2f", c*1000/t/n}') ms/instance; load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
