#!/usr/bin/env bash
# Makes the server's start-up cache: the runnable jar extracted into a plain jar beside its libraries
# (the JVM caches only classes it loads from ordinary jars, not from jars nested in the Boot jar), then
# one training run of it that starts the server on the embedded stores, waits until it is ready (the
# start-up warm-up has run a rehearsal call by then) and stops it with SIGTERM; at exit the JVM writes
# an AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) that later starts read.
#
#   train.sh <jdk home> <runnable jar> <output folder> <training folder> [java option...]
#
# The java options must be those the server runs with: a cache made under other flags is not used.
# The cache is valid for this JDK and these jar files only; the output folder is made afresh each time.
# A JDK older than 25 (no -XX:AOTCacheOutput) gets the extracted jar without a cache. A failed training
# run is reported and leaves no cache: the server then starts without it, only slower.
#
# With IMAGE_CACHE_SCRIPT, IMAGE_TAR and IMAGE_SKIP=false in the environment (app/pom.xml sets them), the
# container image Jib just wrote is given its own cache while this server is up, trained inside the image
# against this server's embedded PostgreSQL and Redis (../image/add-startup-cache.sh).
set -euo pipefail

jdk=$1
fat_jar=$(realpath "$2")
out=$(realpath -m "$3")
training=$(realpath -m "$4")
shift 4
java_options=("$@")

rm -rf "$out"
mkdir -p "$out" "$training"
"$jdk/bin/java" -Djarmode=tools -jar "$fat_jar" extract --destination "$out" >/dev/null

major=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 \
  | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)
if [ "$major" -lt 25 ]; then
  echo "start-up cache: skipped, JDK $major has no -XX:AOTCacheOutput (JDK 25+); $out/$(basename "$fat_jar") runs without it"
  exit 0
fi

jar="$out/$(basename "$fat_jar")"
cache="$out/firstbyte.aot"
log="$training/server.log"
# Only what the training needs from the environment: a developer's DATABASE_URL or provider keys must not
# steer it. Embedded stores with their data kept under the training folder, so the next build reuses them.
cd "$training"
: >"$log"   # exists before the background start's own redirection, which the wait loop below may outrun
env -i PATH="$PATH" HOME="${HOME:-$training}" LANG=C.UTF-8 FIRSTBYTE_DATA_DIR="$training/data" PORT=0 AUDIOSOCKET_PORT=0 \
  "$jdk/bin/java" "${java_options[@]}" -XX:AOTCacheOutput="$cache" -jar "$jar" >"$log" 2>&1 &
pid=$!

fail() {
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$cache"
  echo "[WARNING] start-up cache: $1 (log: $log); the server will start without it" >&2
  exit 0
}

# Anything unexpected from here on is a failed training, not a failed build.
trap 'fail "the training script failed at line $LINENO"' ERR

deadline=$((SECONDS + ${AOT_TRAINING_TIMEOUT:-900}))
port=""
ready=""
while [ -z "$ready" ]; do
  kill -0 "$pid" 2>/dev/null || fail "the training run stopped before it was ready"
  [ "$SECONDS" -lt "$deadline" ] || fail "the training run was not ready within ${AOT_TRAINING_TIMEOUT:-900} s"
  if [ -z "$port" ]; then
    port=$(sed -n -E 's/.*Netty started on port ([0-9]+).*/\1/p' "$log" | head -1 || true)
  elif curl -s "http://127.0.0.1:$port/actuator/health/readiness" | grep -q '"status":"UP"'; then
    ready=yes
  fi
  sleep 0.2
done

# The container image, when this build made one, is trained now against this server's embedded stores: the
# image has none of its own, and its cache must come from its own runtime and jar files.
if [ -n "${IMAGE_CACHE_SCRIPT:-}" ] && [ "${IMAGE_SKIP:-true}" != true ] && [ -f "${IMAGE_TAR:-}" ]; then
  postgres_port=$(sed -n -E 's/.*embedded PostgreSQL on 127\.0\.0\.1:([0-9]+).*/\1/p' "$log" | head -1)
  redis_port=$(sed -n -E 's/.*embedded Redis on 127\.0\.0\.1:([0-9]+).*/\1/p' "$log" | head -1)
  if [ -n "$postgres_port" ] && [ -n "$redis_port" ]; then
    bash "$IMAGE_CACHE_SCRIPT" "$IMAGE_TAR" "$training/image" "postgres://postgres@127.0.0.1:$postgres_port/firstbyte" \
      "redis://127.0.0.1:$redis_port" || echo "[WARNING] image start-up cache: the script failed; the image has none" >&2
  else
    echo "[WARNING] image start-up cache: the training server's embedded stores were not found in $log; the image has none" >&2
  fi
fi

# SIGTERM is an ordinary JVM exit: the server stops its embedded stores, then the JVM writes the cache.
kill -TERM "$pid"
wait "$pid" || true
[ -s "$cache" ] || fail "the JVM wrote no cache"
echo "start-up cache: $cache ($(du -m "$cache" | cut -f1) MB, trained in $SECONDS s)"
