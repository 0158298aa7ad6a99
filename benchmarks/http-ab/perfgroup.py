# Where a process's CPU went, by kind of code: reads `perf script` output (a profile taken with -g of a .NET process
# started with DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0) and charges each sample to the innermost frame
# that names a known part (SQLite, JSON, EF Core, the engine, Kestrel, ...), the kernel and the runtime last.
# usage: perf script -i perf.data > stacks.txt; python3 perfgroup.py stacks.txt [part ...]   (parts: list their top frames)
import collections, re, sys

PARTS = [
    ('sqlite', r'libe_sqlite3'),
    ('json', r'System\.Text\.Json'),
    ('ef core', r'EntityFrameworkCore'),
    ('ado sqlite', r'Microsoft\.Data\.Sqlite|SQLitePCL'),
    ('engine', r'WorkflowHub\.Engine'),
    ('jint', r'Jint'),
    ('authentication', r'Authentication|BearerTicket|AccountValidation|DataProtection|Security\.Claims'),
    ('authorization', r'Authorization'),
    ('server code', r'WorkflowHub\.Server'),
    ('routing/endpoint', r'Routing|RequestDelegateFactory|Http\.Extensions|lambda_method'),
    ('hosting/diag/logging', r'Hosting|Diagnostics|Logging|Activity|OpenTelemetry|Metrics'),
    ('DI', r'DependencyInjection'),
    ('kestrel', r'Kestrel\.Core'),
    ('sockets', r'Transport\.Sockets|System\.Net\.Sockets|Pipelines'),
    ('threadpool', r'ThreadPool|Threading\.Tasks|ExecutionContext|AsyncTaskMethodBuilder|AsyncStateMachine'),
    ('kernel', r'kernel\.kallsyms'),
    ('coreclr', r'libcoreclr'),
    ('libc', r'libc\.so'),
]
parts, frames, total, sample = collections.Counter(), collections.defaultdict(collections.Counter), 0, []

def charge():
    global total
    if not sample:
        return
    total += 1
    for line in sample[1:]:
        part = next((name for name, pattern in PARTS if re.search(pattern, line)), None)
        if part:
            break
    else:
        part, line = 'other', sample[1] if len(sample) > 1 else ''
    parts[part] += 1
    frames[part][re.sub(r'\[Optimized\w*\]|\(/.*$', '', re.sub(r'^\s*[0-9a-f]+ ', '', line)).strip()[:150]] += 1

for text in open(sys.argv[1], errors='replace'):
    if text.strip():
        sample.append(text)
    else:
        charge()
        sample = []
charge()
for part, n in parts.most_common():
    print(f"{100 * n / total:5.1f}%  {part}")
for part in sys.argv[2:]:
    print('==', part)
    for frame, n in frames[part].most_common(15):
        print(f"   {100 * n / total:5.2f}% {frame}")
