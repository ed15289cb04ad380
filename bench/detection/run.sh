#!/usr/bin/env bash
# Detection benchmark: real Debian peers, misconfigured and correctly configured, each on its own
# 127.40.x.y address inside a network namespace of the bench's own; praxiswache and nmap -sV with
# the matching NSE scripts scan the same addresses and ports; the table says per expected exposure
# who reported it, and both times. Needs root, ip, nmap, a built package (npm run build).
# Usage: bench/detection/run.sh   (PEERS=web,data,remote,med  TOOL_TIMEOUT=900  KEEP=dir)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "bench needs root (ip netns)"; exit 2; }
command -v nmap >/dev/null || { echo "nmap missing: apt-get install -y nmap"; exit 2; }
[ -f dist/cli/main.js ] || { echo "run npm run build first"; exit 2; }

NS="pw-detect-$$"
WORK="${KEEP:-$(mktemp -d)}"
mkdir -p "$WORK"
PEERS_PID=""

# Everything in our namespace is ours; the nested namespaces of the DICOM peers carry the peer
# process's pid in their names (pw-catmed-bench-*-<pid>).
kill_ns() {
  local ns="$1" pids
  pids="$(ip netns pids "$ns" 2>/dev/null || true)"
  [ -n "$pids" ] && kill -9 $pids 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
}
cleanup() {
  if [ -n "$PEERS_PID" ]; then
    kill -TERM "$PEERS_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$PEERS_PID" 2>/dev/null || break; sleep 0.2; done
    # ip netns exec execs node, so the peer process's pid is $PEERS_PID
    for nested in $(ip netns list | awk '{print $1}' | grep -E "^pw-catmed-bench-.*-${PEERS_PID}\$" || true); do kill_ns "$nested"; done
  fi
  kill_ns "$NS"
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

ip netns add "$NS"
ip -n "$NS" link set lo up
# smbd binds only addresses it finds on an interface: its two get a /32 on lo. The others stay
# plain 127/8 addresses, so the scanners connect from 127.0.0.1 like a client from another
# host would: with a /32 the kernel picks the target address as source, and dovecot treats
# "client IP = server IP" as a secured local connection (plaintext login allowed).
for a in 127.40.3.1 127.40.3.2; do ip -n "$NS" addr add "$a/32" dev lo; done

ip netns exec "$NS" node node_modules/vite-node/vite-node.mjs bench/detection/start-peers.ts "$WORK/manifest.json" >"$WORK/peers.out" 2>"$WORK/peers.log" &
PEERS_PID=$!
for _ in $(seq 1 1500); do
  [ -s "$WORK/manifest.json" ] && break
  kill -0 "$PEERS_PID" 2>/dev/null || { cat "$WORK/peers.log"; echo "peers failed"; exit 3; }
  sleep 0.2
done
[ -s "$WORK/manifest.json" ] || { cat "$WORK/peers.log"; echo "peers did not come up"; exit 3; }
grep -E "^peer (up|SKIPPED)" "$WORK/peers.log" || true

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(node -v), $(nmap --version | head -1)"
ip netns exec "$NS" node node_modules/vite-node/vite-node.mjs bench/detection/compare.ts "$WORK" "${TOOL_TIMEOUT:-900}"
