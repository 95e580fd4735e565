#!/usr/bin/env bash
# Assembles the container image's base as a folder that Jib adds to its `scratch` base: a Java
# runtime made by jlink from the build's JDK (at /opt/java/openjdk, where eclipse-temurin images keep
# theirs), the C library files it links against, copied from this machine's Debian packages, and
# the few files a process expects (a non-root user, /tmp, name resolution).
#
#   assemble-base.sh <jdk home> <modules, comma-separated> <output folder>
#
# Skips the work when the folder was made from the same JDK, module list and script.
set -euo pipefail

jdk=$1
modules=$2
out=$(realpath -m "$3")
stamp="$jdk|$modules|$(cat "$jdk/release" "$0" 2>/dev/null | md5sum | cut -c1-12)"

if [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ] && [ -d "$out" ]; then
  echo "image base: up to date ($out)"
  exit 0
fi
rm -rf "$out" "$out.stamp"
mkdir -p "$out/opt/java"

# jdk.crypto.ec is an empty module from JDK 22 on (its classes moved to java.base): keep it only where it exists.
available=$("$jdk/bin/java" --list-modules | sed 's/@.*//')
wanted=()
for module in ${modules//,/ }; do
  if grep -qx "$module" <<<"$available"; then wanted+=("$module"); fi
done

"$jdk/bin/jlink" --add-modules "$(IFS=,; echo "${wanted[*]}")" --output "$out/opt/java/openjdk" \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6
# A headless server never loads java.desktop's windowing, splash-screen and sound libraries; without
# them the image needs no X11 or ALSA libraries.
rm -f "$out"/opt/java/openjdk/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so

# Every shared library outside the runtime that its binaries and libraries load, as ldd resolves them
# here, plus the dynamic loader itself at the path the executables name.
copy_file() { mkdir -p "$out$(dirname "$1")"; cp -L "$1" "$out$1"; }
find "$out/opt/java/openjdk" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
  | xargs -0 ldd 2>/dev/null | awk '/=> \// {print $3} /^\t\/lib64\// {print $1}' | { grep -v "^$out/" || true; } | sort -u \
  | while read -r lib; do copy_file "$lib"; done
copy_file /lib64/ld-linux-x86-64.so.2
# getaddrinfo's "files" and "dns" sources (stubs merged into libc since glibc 2.34, real libraries before).
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2; do
  [ -e "$lib" ] && copy_file "$lib"
done

mkdir -p "$out/etc" "$out/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nfirstbyte:x:10001:10001:Firstbyte:/tmp:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nfirstbyte:x:10001:\n' > "$out/etc/group"
printf 'hosts: files dns\n' > "$out/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$out/etc/hosts"

echo "$stamp" > "$out.stamp"
echo "image base: Java runtime ($(IFS=,; echo "${wanted[*]}")) and $(find "$out/lib" "$out/lib64" -type f | wc -l) C library files in $out"
