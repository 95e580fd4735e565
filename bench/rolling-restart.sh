#!/usr/bin/env bash
# Rolling restart under load, behind a real load balancer (./firstbyte rolling-restart).
#
# Two server instances (app/target/firstbyte.jar) on loopback ports share one fresh PostgreSQL
# database and the machine's Redis (a key prefix of their own), behind HAProxy (health checks on
# /actuator/health/readiness, a refused upgrade retried on the other server). 40 simulated calls
# (the bench's booking scenario) arrive through HAProxy while the instances are restarted one after
# the other with SIGTERM (the first one gets a second SIGTERM 2 s later). Reports calls that lost
# audio mid-call, calls refused, the time no instance was up, bookings (each exactly once, none
# acknowledged and missing) and each instance's SIGTERM-to-exit and start-to-ready times; exits 1
# when a must-be-zero figure is not zero.
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and Redis on 127.0.0.1:6379 (.ci/run
# starts them), and installs haproxy and jq with apt-get when they are missing.
# Options (environment): CALLS=40 RAMP=200s DRAIN_TIMEOUT=60s FIRST_SIGTERM_AFTER=25 KEEP=1 (keep the database)
set -euo pipefail
cd "$(dirname "$0")/.."

CALLS=${CALLS:-40}
RAMP=${RAMP:-200s}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-60s}
FIRST_SIGTERM_AFTER=${FIRST_SIGTERM_AFTER:-25}
READY_BOUND=180   # seconds an instance may take to start (a busy 2-core machine)
EXIT_BOUND=150    # seconds from SIGTERM to exit: the drain timeout, a goodbye, shutdown

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || shuf -i 20000-60000 -n 1; }

# --- what the test needs on the machine (the test itself installs nothing) ---
missing=()
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v jq >/dev/null 2>&1 || missing+=(jq)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL is not answering on 127.0.0.1:5432 (.ci/run starts it)" >&2; exit 2; }
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "Redis is not answering on 127.0.0.1:6379 (.ci/run starts it)" >&2; exit 2; }

: "${JAVA_HOME:?run it as ./firstbyte rolling-restart, which picks a JDK 21 or newer}"
if [ ! -f app/target/firstbyte.jar ] || [ ! -f bench/target/firstbyte-bench.jar ] \
   || [ -n "$(find pipeline/src adapters/src app/src bench/src -newer app/target/firstbyte.jar -type f -print -quit)" ]; then
  log "building the server and bench jars"
  ./mvnw -B -q package -DskipTests -pl app,bench -am
fi

# --- one run's world: database, key prefix, ports, folder ---
stamp=$(date +%Y%m%d-%H%M%S)
out="bench-results/rolling-restart-$stamp"
mkdir -p "$out"
db="firstbyte_rolling_${stamp//-/_}"
prefix="fbroll$stamp"
port_a=$(free_port); port_b=$(free_port); port_lb=$(free_port); port_stats=$(free_port)
declare -A port=([a]=$port_a [b]=$port_b) pid=()
haproxy_pid=""; sampler_pid=""; bench_pid=""

cleanup() {
  set +e
  for name in a b; do
    if [ -n "${pid[$name]:-}" ] && kill -0 "${pid[$name]}" 2>/dev/null; then
      kill -TERM "${pid[$name]}"; wait "${pid[$name]}" 2>/dev/null
    fi
  done
  for p in "$bench_pid" "$sampler_pid" "$haproxy_pid"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
  done
  redis-cli -h 127.0.0.1 --scan --pattern "$prefix:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null
  [ "${KEEP:-}" = 1 ] || psql -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $db with (force)" >/dev/null
}
trap cleanup EXIT

psql -q -h 127.0.0.1 -U postgres -d postgres -c "create database $db" >/dev/null

cat > "$out/haproxy.cfg" <<EOF
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 300s
    timeout server 300s
    timeout tunnel 600s
    # a refused upgrade (503 from a draining or full instance) is sent to the other server
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout 503
frontend calls
    bind 127.0.0.1:$port_lb
    default_backend firstbyte
backend firstbyte
    balance leastconn
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
    server a 127.0.0.1:$port_a check
    server b 127.0.0.1:$port_b check
listen stats
    bind 127.0.0.1:$port_stats
    stats enable
    stats uri /stats
EOF
haproxy -f "$out/haproxy.cfg" -db > "$out/haproxy.log" 2>&1 &
haproxy_pid=$!

stats() { curl -s "http://127.0.0.1:$port_stats/stats;csv"; }
server_up() { stats | awk -F, -v s="$1" '$1 == "firstbyte" && $2 == s { print $18 }' | grep -q '^UP'; }

declare -A started_at ready_at sigterm_at exited_at
generation=0
start_instance() {
  local name=$1
  generation=$((generation + 1))
  started_at[$name]=$(now)
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" REDIS_URL=redis://127.0.0.1:6379 REDIS_KEY_PREFIX="$prefix" \
  FIRSTBYTE_MODE=development SEED_DEMO=true PORT="${port[$name]}" AUDIOSOCKET_PORT=0 FIRSTBYTE_DRAIN_TIMEOUT="$DRAIN_TIMEOUT" \
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseZGC -Xmx512m -jar app/target/firstbyte.jar \
    > "$out/$name-$generation.log" 2>&1 &
  pid[$name]=$!
}
await_ready() {
  local name=$1 deadline=$(( $(date +%s) + READY_BOUND ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$name]}/actuator/health/readiness")" = 200 ]; do
    kill -0 "${pid[$name]}" 2>/dev/null || { echo "instance $name exited during start-up (see $out)" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "instance $name not ready within ${READY_BOUND}s" >&2; exit 1; }
    sleep 0.1
  done
  ready_at[$name]=$(now)
  until server_up "$name"; do sleep 0.1; done
}
restart() {
  local name=$1 second=${2:-}
  log "SIGTERM to $name (pid ${pid[$name]})"
  sigterm_at[$name]=$(now)
  kill -TERM "${pid[$name]}"
  if [ -n "$second" ]; then
    sleep 2
    log "second SIGTERM to $name"
    kill -TERM "${pid[$name]}" 2>/dev/null || true
  fi
  local deadline=$(( $(date +%s) + EXIT_BOUND )) polls=0
  while kill -0 "${pid[$name]}" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "instance $name still running ${EXIT_BOUND}s after SIGTERM" >&2; exit 1; }
    # what the draining instance refused, as long as it answers
    if [ $((polls % 10)) = 0 ]; then
      curl -s -m 1 "http://127.0.0.1:${port[$name]}/actuator/prometheus" | grep '^firstbyte_calls_refused_total' \
        > "$out/$name-refused.tmp" && [ -s "$out/$name-refused.tmp" ] && mv "$out/$name-refused.tmp" "$out/$name-refused.txt"
    fi
    polls=$((polls + 1))
    sleep 0.1
  done
  exited_at[$name]=$(now)
  wait "${pid[$name]}" 2>/dev/null || true
  log "$name exited after $(seconds "${sigterm_at[$name]}" "${exited_at[$name]}") s; starting it again"
  start_instance "$name"
  await_ready "$name"
  log "$name ready after $(seconds "${started_at[$name]}" "${ready_at[$name]}") s, and UP in HAProxy"
}

log "instances a (:$port_a) and b (:$port_b) behind HAProxy (:$port_lb); database $db, key prefix $prefix"
start_instance a
start_instance b
await_ready a
await_ready b
initial_ready="a $(seconds "${started_at[a]}" "${ready_at[a]}") s, b $(seconds "${started_at[b]}" "${ready_at[b]}") s"
log "both ready ($initial_ready)"

# Every 200 ms: how many servers HAProxy has UP.
( while true; do
    printf '%s %s\n' "$(now)" "$(stats | awk -F, '$1 == "firstbyte" && ($2 == "a" || $2 == "b") && $18 ~ /^UP/' | wc -l)"
    sleep 0.2
  done ) > "$out/servers-up.txt" &
sampler_pid=$!

# The bench's booking scenario, on a day the demo salon is open: "tomorrow" falls on its Sunday or
# Monday off on two days of the week, and then no call books.
booking_day=tomorrow
while [[ "$(date -d "$booking_day" +%u)" =~ ^[17]$ ]]; do booking_day="$booking_day + 1 day"; done
booking_day=$(date -d "$booking_day" +%A)
printf '%s\n' "Hi, I'd like to book a haircut on $booking_day please." "Do you have anything at 10:30?" \
  "Yes please. My name is Sam Taylor." "No, that's all. Thank you!" > "$out/turns.txt"

run_started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log "placing $CALLS calls through HAProxy over $RAMP (booking a haircut on $booking_day)"
"$JAVA_HOME/bin/java" -jar bench/target/firstbyte-bench.jar calls --url "ws://127.0.0.1:$port_lb" --calls "$CALLS" \
  --ramp "$RAMP" --turns-file "$out/turns.txt" --json "$out/calls.json" > "$out/bench.txt" 2>&1 &
bench_pid=$!

sleep "$FIRST_SIGTERM_AFTER"
restart a second-sigterm
restart b
log "both restarted; waiting for the remaining calls"
wait "$bench_pid" || true
bench_pid=""
kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""

# --- the report ---
q() { psql -qtA -h 127.0.0.1 -U postgres -d "$db" -c "$1"; }
calls_json="$out/calls.json"
completed=$(jq '.callsCompleted' "$calls_json")
refused=$(jq '.errors.byKind["connection-failure"] // 0' "$calls_json")
lost=$(jq '.errors.byKind["unexpected-close"] // 0' "$calls_json")
timeouts=$(jq '.errors.byKind["timeout"] // 0' "$calls_json")
other_errors=$(jq '[.errors.byKind | to_entries[] | select(.key != "connection-failure" and .key != "unexpected-close" and .key != "timeout") | .value] | add // 0' "$calls_json")
underruns=$(jq '.underruns.count' "$calls_json")
no_server_up=$(awk '$2 == 0 { n++ } END { printf "%.1f", n * 0.2 }' "$out/servers-up.txt")
retried=$(stats | awk -F, '$1 == "firstbyte" && $2 == "BACKEND" { print $16 + $17 }')
# A call's booking is tied to its tool call by the idempotency record (key call:<call sid>:<tool call id>),
# bound in the booking's own transaction.
call_bookings="select split_part(r.key, ':', 2) as call, a.id from idempotency_record r join appointment a on a.id = r.booking_id
  where r.key like 'call:%' and a.status = 'confirmed'"
bookings=$(q "select count(*) from appointment where status = 'confirmed' and idempotency_key is null and created_at >= '$run_started'")
calls_with_booking=$(q "select count(distinct call) from ($call_bookings) b")
booked_twice_by_a_call=$(q "select count(*) from (select call from ($call_bookings) b group by call having count(*) > 1) twice")
without_record=$(q "select count(*) from appointment a where a.idempotency_key is null and a.created_at >= '$run_started'
  and not exists (select 1 from idempotency_record r where r.booking_id = a.id)")
overlapping=$(q "select count(*) from appointment x join appointment y on x.tenant_id = y.tenant_id and x.staff_id = y.staff_id and x.id < y.id
  where x.status = 'confirmed' and y.status = 'confirmed' and tstzrange(x.blocked_from, x.blocked_until) && tstzrange(y.blocked_from, y.blocked_until)")
acknowledged=$(q "select count(*) from idempotency_record where key like 'call:%' and response is not null and booking_id is not null")
acknowledged_missing=$(q "select count(*) from idempotency_record r left join appointment a on a.id = r.booking_id and a.status = 'confirmed'
  where r.key like 'call:%' and r.response is not null and r.booking_id is not null and a.id is null")
answered=$(q "select count(*) from idempotency_record where key like 'call:%' and response is not null")
unanswered_claims=$(q "select count(*) from idempotency_record where key like 'call:%' and response is null")
ended_by_drain=$(cat "$out"/a-*.log "$out"/b-*.log | grep -c 'ended (drain)' || true)
refused_while_draining=$(cat "$out"/a-refused.txt "$out"/b-refused.txt 2>/dev/null | awk '/reason="drain"/ { n += $2 } END { print n + 0 }')

verdict=passed
for must_be_zero in "$refused" "$lost" "$no_server_up" "$booked_twice_by_a_call" "$overlapping" "$acknowledged_missing" "$without_record"; do
  awk -v v="$must_be_zero" 'BEGIN { exit !(v + 0 == 0) }' || verdict=failed
done

report=$(cat <<EOF
rolling restart, $run_started: $CALLS calls over $RAMP through HAProxy $(haproxy -v | head -1 | awk '{print $3}'), drain timeout $DRAIN_TIMEOUT
  calls completed                          $completed / $CALLS
  calls that lost audio mid-call           $lost   (must be 0; server closed the stream before the caller's goodbye)
  calls refused (no instance took them)    $refused   (must be 0)
  time with no instance up in HAProxy      $no_server_up s   (must be 0)
  other call errors                        timeouts $timeouts, others $other_errors; playback underruns $underruns
  new calls refused by a draining instance $refused_while_draining, retried by HAProxy on the other: $retried
  calls ended by the drain timeout         $ended_by_drain
  bookings made                            $bookings, by $calls_with_booking calls (a haircut on $booking_day)
    a call booked twice                    $booked_twice_by_a_call   (must be 0)
    booked with no call's answer recorded  $without_record   (must be 0)
    overlapping confirmed bookings         $overlapping   (must be 0)
    booking changes answered               $answered, of which bookings confirmed to the caller: $acknowledged
    confirmed bookings missing             $acknowledged_missing   (must be 0)
    claims left without an answer          $unanswered_claims
  instance a: SIGTERM (twice, 2 s apart) to exit $(seconds "${sigterm_at[a]}" "${exited_at[a]}") s, start to ready $(seconds "${started_at[a]}" "${ready_at[a]}") s
  instance b: SIGTERM to exit $(seconds "${sigterm_at[b]}" "${exited_at[b]}") s, start to ready $(seconds "${started_at[b]}" "${ready_at[b]}") s
  first starts: $initial_ready
  verdict: $verdict   (logs, HAProxy config and the bench report in $out)
EOF
)
echo "$report" | tee "$out/report.txt"
[ "$verdict" = passed ]
