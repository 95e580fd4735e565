#!/usr/bin/env bash
# Gives the built container image its own start-up cache: the image's layers are unpacked into a folder,
# the image's entrypoint is run in it as the container would run it (chroot as the image's user, the
# image's jlinked Java runtime, its /app class path with Jib's file times), against the PostgreSQL and
# Redis given, until it is ready (its start-up rehearsal has played a call by then); SIGTERM ends it and
# the JVM writes a JDK AOT cache, which is added to the image tar as one more layer (/app/firstbyte.aot)
# with -XX:AOTCache=/app/firstbyte.aot put into the entrypoint. A cache only works for the runtime, the
# jar files (path, size, time) and the GC flags it was made with, which is why it is made here, inside the
# image, and not beside the runnable jar.
#
#   add-startup-cache.sh <image tar> <work folder> <database url> <redis url>
#
# Needs root (a private mount namespace for /proc and /dev inside the folder) and python3. Any failure
# leaves the image tar as Jib wrote it, without a cache, and says so: the image then starts, only slower.
set -euo pipefail

image_tar=$(realpath "$1")
work=$(realpath -m "$2")
database_url=$3
redis_url=$4
root="$work/root"
log="$work/server.log"

skip() {
  [ -n "${pid:-}" ] && kill -KILL "$pid" 2>/dev/null || true
  echo "[WARNING] image start-up cache: $1; the image has none and starts without it" >&2
  exit 0
}
trap 'skip "the script failed at line $LINENO (log: $log)"' ERR

[ "$(id -u)" = 0 ] || skip "making it needs root (a mount namespace and chroot)"
command -v unshare >/dev/null && command -v python3 >/dev/null || skip "unshare or python3 is missing"

rm -rf "$work"
mkdir -p "$work/image" "$root" "$work/tmp" "$work/layer/app"
tar -xf "$image_tar" -C "$work/image"
for layer in $(python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/image/manifest.json"); do
  tar -xzf "$work/image/$layer" -C "$root" --warning=no-unknown-keyword
done
mkdir -p "$root/proc" "$root/dev"
chmod 1777 "$work/tmp"

mapfile -t entrypoint < <(python3 -c '
import json, sys
image = sys.argv[1]
config = json.load(open(image + "/" + json.load(open(image + "/manifest.json"))[0]["Config"]))
print("\n".join(config["config"]["Entrypoint"]))' "$work/image")
java=${entrypoint[0]}
options=("${entrypoint[@]:1}")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

: >"$log"
# A private mount namespace: the folder gets /proc, /dev and a /tmp the cache is written to, nothing outside changes.
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp LANG=C.UTF-8 JAVA_HOME=/opt/java/openjdk \
  DATABASE_URL="$database_url" REDIS_URL="$redis_url" PORT="$port" \
  unshare -m --propagation private bash -c '
    root=$1; tmp=$2; shift 2
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount --bind "$tmp" "$root/tmp"
    exec chroot --userspec=10001:10001 "$root" "$@"' _ "$root" "$work/tmp" \
  "$java" -XX:AOTCacheOutput=/tmp/firstbyte.aot "${options[@]}" >"$log" 2>&1 &
pid=$!

deadline=$((SECONDS + ${AOT_TRAINING_TIMEOUT:-900}))
until curl -s "http://127.0.0.1:$port/actuator/health/readiness" | grep -q '"status":"UP"'; do
  kill -0 "$pid" 2>/dev/null || skip "the image's server stopped before it was ready (log: $log)"
  [ "$SECONDS" -lt "$deadline" ] || skip "the image's server was not ready within ${AOT_TRAINING_TIMEOUT:-900} s (log: $log)"
  sleep 0.2
done
kill -TERM "$pid"
wait "$pid" || true
pid=""
[ -s "$work/tmp/firstbyte.aot" ] || skip "the JVM wrote no cache (log: $log)"

# The layer, as Jib writes its own: files at time 1 s after the epoch, owned by root, readable by all.
cp "$work/tmp/firstbyte.aot" "$work/layer/app/firstbyte.aot"
chmod 644 "$work/layer/app/firstbyte.aot"
python3 - "$work/image" "$work/layer" <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile
image, layer_dir = sys.argv[1], sys.argv[2]
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
    for name in ("app", "app/firstbyte.aot"):
        info = t.gettarinfo(f"{layer_dir}/{name}", arcname=name)
        info.mtime, info.uid, info.gid, info.uname, info.gname = 1, 0, 0, "", ""
        if info.isfile():
            with open(f"{layer_dir}/{name}", "rb") as f:
                t.addfile(info, f)
        else:
            t.addfile(info)
uncompressed = raw.getvalue()
compressed = gzip.compress(uncompressed, mtime=0)
diff_id = "sha256:" + hashlib.sha256(uncompressed).hexdigest()
layer_name = hashlib.sha256(compressed).hexdigest() + ".tar.gz"
with open(f"{image}/{layer_name}", "wb") as f:
    f.write(compressed)
manifests = json.load(open(f"{image}/manifest.json"))
manifest = manifests[0]
config_path = f"{image}/{manifest['Config']}"
config = json.load(open(config_path))
config["rootfs"]["diff_ids"].append(diff_id)
config.setdefault("history", []).append({"created": "1970-01-01T00:00:00Z", "author": "Firstbyte",
    "created_by": "app/src/image/add-startup-cache.sh", "comment": "JDK AOT cache trained in this image"})
entrypoint = config["config"]["Entrypoint"]
config["config"]["Entrypoint"] = entrypoint[:1] + ["-XX:AOTCache=/app/firstbyte.aot"] + entrypoint[1:]
json.dump(config, open(config_path, "w"), separators=(",", ":"))
manifest["Layers"].append(layer_name)
json.dump(manifests, open(f"{image}/manifest.json", "w"), separators=(",", ":"))
PY
(cd "$work/image" && tar -cf "$image_tar.new" manifest.json "$(python3 -c 'import json; print(json.load(open("manifest.json"))[0]["Config"])')" \
  $(python3 -c 'import json; print(" ".join(json.load(open("manifest.json"))[0]["Layers"]))'))
mv "$image_tar.new" "$image_tar"
echo "image start-up cache: /app/firstbyte.aot ($(du -m "$work/tmp/firstbyte.aot" | cut -f1) MB) added to $image_tar"
rm -rf "$root" "$work/image"
