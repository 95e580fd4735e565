"""Where a JFR recording's CPU and allocation went, by component (docs/benchmarks.md, "Capacity").

  jfr print --json --stack-depth 40 --events jdk.ExecutionSample,jdk.CPUTimeSample,jdk.ObjectAllocationSample \\
      run.jfr > run.json && python3 bench/scripts/jfr-per-frame.py run.json

Each sample goes to the first frame, from the top of its stack, that belongs to a named component;
allocation samples are weighted by their bytes. Top sites follow."""
import json, sys, collections
d = json.load(open(sys.argv[1]))['recording']['events']
def frames(e):
    st = e['values'].get('stackTrace') or {}
    return [f"{f['method']['type']['name']}.{f['method']['name']}" for f in st.get('frames', [])]
def bucket(fr):
    # the first frame (from the top) that names a component we care about
    for f in fr:
        for key, name in [('io.firstbyte.pipeline.audio.vad', 'VAD'), ('tools.jackson', 'Jackson'),
                          ('io.firstbyte.adapters.sim.voice', 'sim voice synth'), ('java.util.Base64', 'Base64'),
                          ('io.firstbyte.adapters.telephony', 'Twilio codec'), ('io.micrometer', 'Micrometer'),
                          ('org.slf4j', 'logging'), ('ch.qos.logback', 'logging'), ('org.springframework.security', 'Spring security'),
                          ('io.r2dbc', 'R2DBC'), ('io.lettuce', 'Lettuce'), ('jdk.internal.misc.Unsafe.park','park'),
                          ('io.netty.handler.codec.http.websocketx', 'Netty WebSocket codec'), ('io.netty.channel.epoll','Netty epoll'),
                          ('io.netty.channel.nio','Netty nio'), ('io.netty.buffer', 'Netty buffers'), ('io.netty', 'Netty other'),
                          ('reactor.netty', 'Reactor Netty'), ('org.springframework', 'Spring'), ('reactor.core', 'Reactor operators'),
                          ('io.firstbyte', 'Firstbyte other')]:
            if f.startswith(key):
                return name
    return fr[0] if fr else '?'
for kind, weight in [('jdk.ExecutionSample', None), ('jdk.CPUTimeSample', None), ('jdk.ObjectAllocationSample', 'weight')]:
    evs = [e for e in d if e['type'] == kind]
    if not evs: continue
    c = collections.Counter(); own = collections.Counter()
    for e in evs:
        w = e['values'][weight] if weight else 1
        fr = [f.replace('/', '.') for f in frames(e)]
        c[bucket(fr)] += w
        if weight:
            # allocation site: the object class and the first io.firstbyte / jackson frame
            site = next((f for f in fr if f.startswith('io.firstbyte') or f.startswith('tools.jackson')), fr[0] if fr else '?')
            own[(e['values']['objectClass']['name'], site)] += w
        else:
            own[fr[0] if fr else '?'] += 1
    total = sum(c.values())
    print(f'== {kind}: {len(evs)} samples, total weight {total}')
    for k, v in c.most_common(22):
        print(f'  {100*v/total:5.1f}%  {k}')
    print('  -- top sites')
    for k, v in own.most_common(25):
        print(f'  {100*v/total:5.1f}%  {k}')
