#!/usr/bin/env python3
"""Server CPU per call (docs/benchmarks.md, "Capacity"). Starts a Firstbyte server on its embedded
PostgreSQL and Redis, warms it (--warmup-calls: one run per count, 50 by default; 50,200,200 lets the JIT
settle), then for each call count runs the call simulator
(typical-cloud, the four-turn booking scenario) and reads user and system CPU time from /proc every 2 s:
the server JVM, its embedded PostgreSQL and Redis (its descendant processes), and the simulator JVM.
CPU per call = CPU seconds / call-seconds (firstbyte.calls.active integrated over the run), so calls
that end early weigh what they lasted; the steady state is the same over the readings while at least
95 % of the peak is live (no ramp, no call set-up or ending). --jfr-calls N adds a run with JFR (profile settings plus
JDK 25's CPU-time sampler); summarise it with jfr-per-frame.py.

  python3 bench/scripts/cpu-per-call.py --jars DIR --out DIR [--calls 50,200] [--jfr-calls 200]
    DIR holds firstbyte.jar (app/target) and firstbyte-bench.jar (bench/target).

To compare builds on the same machine state, name each (--build NAME=DIR, repeatable, instead of --jars):
every build's server runs at once (each on its own port, data dir and embedded PostgreSQL and Redis), is
warmed, and the runs interleave: for each round, each call count, each build in turn. --sim-jar picks the
simulator every run uses (default: the first build's; --sim-per-build: each build's own, to compare
simulators against the same server jar). An idle server costs the others a little CPU. A file named server-opts
in a build's DIR adds JVM options for that build's server only (to compare flags on the same jar), after
--server-opts (the shipped flags by default); to compare collectors, give every build its own and
--server-opts=--enable-native-access=ALL-UNNAMED, since a JVM refuses two collectors.

  python3 bench/scripts/cpu-per-call.py --build main=/tmp/jars/main --build tick=/tmp/jars/tick \
      --out DIR --calls 50,200 --rounds 2"""
import json, os, re, subprocess, sys, time, urllib.request, argparse

def counts(text):
    """A comma-separated list of call counts, each a positive whole number."""
    try:
        values = [int(part) for part in text.split(',')]
    except ValueError:
        raise argparse.ArgumentTypeError(f'{text!r} is not a comma-separated list of call counts')
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f'{text!r}: every call count must be at least 1')
    return values

p = argparse.ArgumentParser()
p.add_argument('--jars')                          # dir with firstbyte.jar and firstbyte-bench.jar
p.add_argument('--build', action='append', default=[])  # NAME=DIR, to compare builds interleaved
p.add_argument('--sim-jar')                       # the simulator for every run (default: the first build's)
p.add_argument('--sim-per-build', action='store_true')  # each build's runs use its own firstbyte-bench.jar
p.add_argument('--out', required=True)
p.add_argument('--port', type=int, default=18716)  # the first build's; the next ones count up
p.add_argument('--data-dir', default='/tmp/cpu-per-call')  # + '-NAME' per build, for the embedded PostgreSQL
p.add_argument('--calls', type=counts, default='50,200')
p.add_argument('--rounds', type=int, default=1)
p.add_argument('--warmup-calls', type=counts, default='50')  # one warm-up run per count, in order: 50,200,200 lets the JIT settle
p.add_argument('--jfr-calls', type=int, default=0)  # a further run at this count with JFR on (0: none)
p.add_argument('--java', default='/usr/lib/jvm/temurin-25-jdk-amd64/bin/java')
p.add_argument('--server-opts', default='-XX:+UseG1GC -Xmn512m')  # the flags ./firstbyte server runs with; one flag alone: --server-opts=-XX:...
p.add_argument('--max-calls', type=int, default=1000)  # the server's call cap (FIRSTBYTE_MAX_CALLS, 100 by default)
a = p.parse_args()
if a.jars and a.build or not (a.jars or a.build):
    sys.exit('give --jars DIR, or one or more --build NAME=DIR')
BUILDS = [tuple(b.split('=', 1)) for b in a.build] if a.build else [('server', a.jars)]
SIM_JAR = a.sim_jar or f'{BUILDS[0][1]}/firstbyte-bench.jar'
os.makedirs(a.out, exist_ok=True)
HZ = os.sysconf('SC_CLK_TCK')
JCMD = os.path.join(os.path.dirname(a.java), 'jcmd')

def ticks(pid, reaped=False):
    """utime, stime (fields 14, 15); with reaped, plus those of its exited children (16, 17)."""
    try:
        f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
        extra = (int(f[13]), int(f[14])) if reaped else (0, 0)
        return int(f[11]) + extra[0], int(f[12]) + extra[1]
    except FileNotFoundError:
        return 0, 0

def total(pids):
    t = [ticks(p) for p in pids]
    return sum(u for u, s in t), sum(s for u, s in t)

def children():
    kids = {}
    for d in os.listdir('/proc'):
        if d.isdigit():
            try:
                s = open(f'/proc/{d}/stat').read()
                ppid = int(s.rsplit(')', 1)[1].split()[1])
                comm = s[s.index('(') + 1:s.rindex(')')]
                kids.setdefault(ppid, []).append((int(d), comm))
            except (FileNotFoundError, ProcessLookupError, ValueError):
                pass
    return kids

def descendants(pid):
    kids, out, todo = children(), [], [pid]
    while todo:
        for c, comm in kids.get(todo.pop(), []):
            out.append((c, comm)); todo.append(c)
    return out

def postmaster(log):
    """The embedded PostgreSQL detaches from the JVM: found by the port the server's log names."""
    m = re.search(r'postmaster started as .* on port (\d+)', open(log).read())
    if not m:
        return None
    for d in filter(str.isdigit, os.listdir('/proc')):
        try:
            cmd = open(f'/proc/{d}/cmdline').read().split('\0')
        except OSError:
            continue
        if cmd and cmd[0].endswith('/postgres') and '-p' in cmd and cmd[cmd.index('-p') + 1] == m.group(1):
            return int(d)
    return None

def groups(server):
    redis = [pid for pid, comm in descendants(server) if 'redis' in comm]
    return redis

def pg_ticks(master):
    if master is None:
        return 0, 0
    u, s = ticks(master, reaped=True)   # the postmaster, with the backends that have exited
    for pid, _ in descendants(master):
        cu, cs = ticks(pid)
        u, s = u + cu, s + cs
    return u, s

def active(port):
    try:
        with urllib.request.urlopen(f'http://127.0.0.1:{port}/actuator/metrics/firstbyte.calls.active', timeout=2) as r:
            return int(json.load(r)['measurements'][0]['value'])
    except Exception:
        return -1

def loadavg():
    return open('/proc/loadavg').read().split()[:3]

class Server:
    def __init__(self, name, jars, port):
        self.name, self.jars, self.port = name, jars, port
        self.log = f'{a.out}/server-{name}.log'
        data = f'{a.data_dir}-{name}'
        subprocess.run(['rm', '-rf', data], check=True)
        env = dict(os.environ, PORT=str(port), AUDIOSOCKET_PORT='0', FIRSTBYTE_DATA_DIR=data,
                   FIRSTBYTE_EMBEDDED_EPHEMERAL='true', FIRSTBYTE_MAX_CALLS=str(a.max_calls))
        extra = f'{jars}/server-opts'  # a build's own JVM options, after --server-opts
        opts = a.server_opts.split() + (open(extra).read().split() if os.path.exists(extra) else [])
        self.process = subprocess.Popen([a.java, '--enable-native-access=ALL-UNNAMED', *opts, '-jar',
                                         f'{jars}/firstbyte.jar'], stdout=open(self.log, 'w'), stderr=subprocess.STDOUT, env=env)
        print(f'{name}: server pid {self.process.pid} on port {port}', flush=True)

    def wait_started(self):
        for _ in range(300):
            if active(self.port) >= 0:
                return
            time.sleep(1)
        sys.exit(f'{self.name}: server did not start')

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()

def simulate(server, calls, ramp, tag, jfr=False):
    def command(n, json_file):
        sim_jar = f'{server.jars}/firstbyte-bench.jar' if a.sim_per_build else SIM_JAR
        return [a.java, '-jar', sim_jar, 'calls', '--url', f'ws://127.0.0.1:{server.port}', '--calls', str(n),
                '--ramp', ramp, '--profile', 'typical-cloud', '--json', json_file]
    if jfr:
        subprocess.run([JCMD, str(server.process.pid), 'JFR.start', 'name=cap', 'settings=profile',
                        'jdk.CPUTimeSample#enabled=true', 'jdk.CPUTimeSample#throttle=2ms',
                        f'filename={a.out}/{tag}.jfr'], check=True, stdout=subprocess.DEVNULL)
    master = postmaster(server.log)
    sim = subprocess.Popen(command(calls, f'{a.out}/{tag}.json'), stdout=open(f'{a.out}/{tag}.txt', 'w'),
                           stderr=subprocess.STDOUT)
    rows = []
    while sim.poll() is None:
        redis = groups(server.process.pid)
        rows.append(dict(t=time.time(), active=active(server.port), jvm=ticks(server.process.pid), pg=pg_ticks(master),
                         redis=total(redis), sim=ticks(sim.pid), load=loadavg()))
        time.sleep(2)
    if jfr:
        subprocess.run([JCMD, str(server.process.pid), 'JFR.stop', 'name=cap'], check=True, stdout=subprocess.DEVNULL)
    json.dump(rows, open(f'{a.out}/{tag}-cpu.json', 'w'))
    # Call-seconds: the live-call count integrated over the run (a missed reading repeats the last one);
    # CPU per call = CPU seconds / call-seconds, so calls that end early or fail weigh what they lasted.
    last, callsecs = 0, 0.0
    for a0, a1 in zip(rows, rows[1:]):
        last = a0['active'] if a0['active'] >= 0 else last
        callsecs += last * (a1['t'] - a0['t'])
    r0, r1 = rows[0], rows[-1]
    secs = r1['t'] - r0['t']
    cpu = {k: ((r1[k][0] - r0[k][0]) / HZ, (r1[k][1] - r0[k][1]) / HZ) for k in ('jvm', 'pg', 'redis', 'sim')}
    loads = [float(r['load'][0]) for r in rows]
    peak = max(r['active'] for r in rows)
    line = (f"{tag}: {calls} calls, peak {peak} live, {callsecs:.0f} call-s over {secs:.0f} s, load {min(loads):.1f}-{max(loads):.1f}; "
            + "CPU % of one core per live call (user+sys): "
            + ', '.join(f"{k} {100 * (u + s) / callsecs:.3f} ({100 * u / callsecs:.3f}+{100 * s / callsecs:.3f})"
                        for k, (u, s) in cpu.items()))
    # The steady state: the readings while at least 95 % of the peak is live (no ramp, no calls ending).
    steady = [(a0, a1) for a0, a1 in zip(rows, rows[1:]) if min(a0['active'], a1['active']) >= 0.95 * peak > 0]
    if steady:
        ssecs = sum(a1['t'] - a0['t'] for a0, a1 in steady)
        scalls = sum(a0['active'] * (a1['t'] - a0['t']) for a0, a1 in steady)
        sums = {k: sum(sum(a1[k]) - sum(a0[k]) for a0, a1 in steady) / HZ for k in ('jvm', 'pg', 'redis', 'sim')}
        line += (f"; steady state ({ssecs:.0f} s at >= 95 % of the peak): "
                 + ', '.join(f"{k} {100 * v / scalls:.3f}" for k, v in sums.items()))
    try:
        report = json.load(open(f'{a.out}/{tag}.json'))
        o, c = report['overheadMs'], report['bargeIns']['toClearMs']
        line += (f"; overhead p50/p95/p99 {o['p50']}/{o['p95']}/{o['p99']} ms, clear p95 {c['p95']} ms, "
                 f"underruns {report['underruns']['count']}, errors {report['errors']['total']}, "
                 f"completed {report['callsCompleted']}/{calls}")
    except (OSError, ValueError, KeyError):
        line += '; no report'
    print(line, flush=True)
    open(f'{a.out}/summary.txt', 'a').write(line + '\n')

servers = []
try:
    for i, (name, jars) in enumerate(BUILDS):
        servers.append(Server(name, jars, a.port + i))
    for server in servers:
        server.wait_started()
    for server in servers:
        for i, n in enumerate(a.warmup_calls):
            simulate(server, n, '10s', f'{server.name}-warmup-{n}' + (f'-{i + 1}' if i else ''))
    for r in range(1, a.rounds + 1):
        for n in a.calls:
            for server in servers:
                simulate(server, n, f'{max(10, n // 10)}s', f'{server.name}-calls-{n}-r{r}')
    if a.jfr_calls:
        for server in servers:
            simulate(server, a.jfr_calls, f'{max(10, a.jfr_calls // 10)}s', f'{server.name}-jfr-{a.jfr_calls}', jfr=True)
finally:
    for server in servers:
        server.stop()
