#!/usr/bin/env bash
# Builds k6 v0.48.0 (the version seed 000 used) from source into k6/bin/k6, for machines with no k6
# package: Debian's Go is enough (apt-get install golang-go, Go 1.19), and k6 carries its dependencies
# in vendor/, so the build needs no Go module proxy.
#   k6/build-k6.sh              clones github.com/grafana/k6 at v0.48.0
#   k6/build-k6.sh SOURCE_DIR   builds an existing checkout of that tag
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v go >/dev/null 2>&1 || { echo "k6/build-k6.sh needs Go 1.19 or newer: apt-get install golang-go" >&2; exit 2; }
src=${1:-}
if [ -z "$src" ]; then
  src=$(mktemp -d)/k6
  git clone --quiet --depth 1 --branch v0.48.0 https://github.com/grafana/k6 "$src"
fi
(cd "$src" && GOFLAGS=-mod=vendor GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=0 go build -trimpath -o "$here/bin/k6" .)
"$here/bin/k6" version
