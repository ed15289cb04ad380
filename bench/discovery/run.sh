#!/usr/bin/env bash
# Discovery benchmark: praxiswache vs nmap -sT inside a network namespace of its own, so only
# the bench's listeners exist and no other host or service is touched. Needs root, ip, nmap
# and a built package (npm run build). Usage: bench/discovery/run.sh   (RUNS=5 for more runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "bench needs root (ip netns)"; exit 2; }
command -v nmap >/dev/null || { echo "nmap missing: apt-get install -y nmap"; exit 2; }
[ -f dist/discovery/index.js ] || { echo "run npm run build first"; exit 2; }

NS="pw-bench-$$"
WORK="$(mktemp -d)"
LISTENERS=""
cleanup() {
  [ -n "$LISTENERS" ] && kill "$LISTENERS" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

ip netns add "$NS"
ip -n "$NS" link set lo up
ulimit -n 65536 2>/dev/null || true

ip netns exec "$NS" node bench/discovery/listeners.js "$WORK/expected.json" "${SEED:-$RANDOM}" &
LISTENERS=$!
for _ in $(seq 1 200); do [ -s "$WORK/expected.json" ] && break; sleep 0.1; done
[ -s "$WORK/expected.json" ] || { echo "listeners did not come up"; exit 3; }

echo "machine: $(nproc) cores, $(node -v), $(nmap --version | head -1)"
ip netns exec "$NS" node bench/discovery/compare.js "$WORK/expected.json"
