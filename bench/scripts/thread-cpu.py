#!/usr/bin/env python3
"""CPU and context switches of one JVM, per thread group, over a window (docs/benchmarks.md, "Capacity,
fourth pass"): reads /proc/<pid>/task/*/stat and status twice, SECONDS apart, and groups threads by name
with digits folded (reactor-http-epoll-N, parallel-N, GC Thread#N, CN CompilerThreadN, ...).

  python3 bench/scripts/thread-cpu.py <pid> [SECONDS]"""
import collections, os, re, sys, time

if len(sys.argv) not in (2, 3) or not sys.argv[1].isdigit() or not os.path.isdir(f'/proc/{sys.argv[1]}/task'):
    sys.exit('usage: thread-cpu.py <pid of a running process> [SECONDS]')
pid = sys.argv[1]
try:
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30
except ValueError:
    sys.exit(f'SECONDS must be a number, not {sys.argv[2]!r}')
if seconds <= 0:
    sys.exit('SECONDS must be more than 0')
HZ = os.sysconf('SC_CLK_TCK')

def readings():
    """thread id -> (name, CPU ticks user + system, voluntary switches, involuntary switches)"""
    threads = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            name = open(f'/proc/{pid}/task/{tid}/comm').read().strip()
            stat = open(f'/proc/{pid}/task/{tid}/stat').read().rsplit(')', 1)[1].split()
            status = open(f'/proc/{pid}/task/{tid}/status').read()
            voluntary = int(re.search(r'^voluntary_ctxt_switches:\s+(\d+)', status, re.M).group(1))
            involuntary = int(re.search(r'^nonvoluntary_ctxt_switches:\s+(\d+)', status, re.M).group(1))
            threads[tid] = (name, int(stat[11]) + int(stat[12]), voluntary, involuntary)
        except (FileNotFoundError, AttributeError):
            pass  # a thread that ended between the listing and the read
    return threads

before = readings()
time.sleep(seconds)
after = readings()
cpu, voluntary, involuntary = collections.Counter(), collections.Counter(), collections.Counter()
for tid, (name, ticks, vol, invol) in after.items():
    _, ticks0, vol0, invol0 = before.get(tid, (name, 0, 0, 0))
    group = re.sub(r'\d+', 'N', name)
    cpu[group] += ticks - ticks0
    voluntary[group] += vol - vol0
    involuntary[group] += invol - invol0
print(f'total {100 * sum(cpu.values()) / HZ / seconds:.1f} % of a core, {sum(voluntary.values()) / seconds:.0f} voluntary '
      f'and {sum(involuntary.values()) / seconds:.0f} involuntary context switches/s')
for group, ticks in cpu.most_common(10):
    print(f'{100 * ticks / HZ / seconds:6.1f} % {group}  voluntary {voluntary[group] / seconds:.0f}/s '
          f'involuntary {involuntary[group] / seconds:.0f}/s')
