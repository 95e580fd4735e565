#!/usr/bin/env bash
# Starts the container image without a container runtime, the way app/src/image/add-startup-cache.sh trains
# it: layers unpacked into a folder, the entrypoint run there by chroot as the image's user in a private mount
# namespace (/proc, /dev, a /tmp), against the PostgreSQL and Redis given; prints the milliseconds from the
# start to /actuator/health/readiness UP, then kills it (kill -9) and starts again. Needs root.
#
#   image-start.sh <image tar> <folder> <database url> <redis url> <port> [runs] [java option...]
#
# Java options are put before the entrypoint's own (e.g. -Xlog:aot to see whether the cache is used).
set -euo pipefail
image_tar=$(realpath "$1"); folder=$(realpath -m "$2"); database_url=$3; redis_url=$4; port=$5; runs=${6:-5}
shift $(( $# < 6 ? $# : 6 ))
extra=("$@")
root="$folder/root"
rm -rf "$folder"; mkdir -p "$folder/image" "$root" "$folder/tmp"; chmod 1777 "$folder/tmp"
tar -xf "$image_tar" -C "$folder/image"
for layer in $(python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$folder/image/manifest.json"); do
  tar -xzf "$folder/image/$layer" -C "$root" --warning=no-unknown-keyword
done
mkdir -p "$root/proc" "$root/dev"
mapfile -t entrypoint < <(python3 -c '
import json, sys
image = sys.argv[1]
print("\n".join(json.load(open(image + "/" + json.load(open(image + "/manifest.json"))[0]["Config"]))["config"]["Entrypoint"]))' "$folder/image")
for run in $(seq 1 "$runs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s%N)
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp LANG=C.UTF-8 JAVA_HOME=/opt/java/openjdk \
    DATABASE_URL="$database_url" REDIS_URL="$redis_url" REDIS_KEY_PREFIX="${REDIS_KEY_PREFIX:-fb}" PORT="$port" \
    unshare -m --propagation private bash -c '
      root=$1; tmp=$2; shift 2
      mount --bind "$root" "$root"; mount -o remount,bind,ro "$root"
      mount -t proc proc "$root/proc"; mount --rbind /dev "$root/dev"; mount --bind "$tmp" "$root/tmp"
      exec chroot --userspec=10001:10001 "$root" "$@"' _ "$root" "$folder/tmp" \
    "${entrypoint[0]}" "${extra[@]}" "${entrypoint[@]:1}" >"$folder/server-$run.log" 2>&1 &
  pid=$!
  until curl -s "http://127.0.0.1:$port/actuator/health/readiness" | grep -q '"status":"UP"'; do
    kill -0 "$pid" 2>/dev/null || { echo "run $run: the server stopped (log: $folder/server-$run.log)"; exit 1; }
    sleep 0.02
  done
  echo "run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms to ready, load average $load"
  kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
done
