#!/usr/bin/env bash
# Host-discovery benchmark: a mostly silent range, praxiswache vs nmap in one run, inside a network
# namespace of its own. iptables drops every packet to 127.40.0.0/${PREFIX:-20} except two live
# hosts; each live host has a service on 4242. Compared, with the same open port to find:
#   praxiswache scan --host-discovery always   (TCP connects to 80,443,22,445,3389 first)
#   nmap -sT -T4 (its default host discovery; as root: ICMP echo/timestamp, SYN 443, ACK 80)
#   praxiswache --host-discovery never  and  nmap -Pn  (every address asked on 4242)
# Needs root, ip, iptables, nmap and a built package. Usage: bench/host-discovery/run.sh [PREFIX=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "bench needs root (ip netns)"; exit 2; }
for c in ip iptables nmap; do command -v "$c" >/dev/null || { echo "$c missing"; exit 2; }; done
[ -f dist/cli/main.js ] || { echo "run npm run build first"; exit 2; }

PREFIX="${PREFIX:-20}"
RANGE="127.40.0.0/$PREFIX"
LIVE=(127.40.0.10 127.40.3.77)
NS="pw-bench-hd-$$"
LISTENERS=""
cleanup() {
  [ -n "$LISTENERS" ] && kill "$LISTENERS" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

ip netns add "$NS"
ip -n "$NS" link set lo up
for a in "${LIVE[@]}"; do ip netns exec "$NS" iptables -A INPUT -d "$a" -j ACCEPT; done
ip netns exec "$NS" iptables -A INPUT -d "$RANGE" -j DROP

ip netns exec "$NS" node -e '
  const net = require("node:net");
  for (const host of process.argv.slice(1)) net.createServer((s) => s.destroy()).listen(4242, host);
  setInterval(() => {}, 1 << 30);
' "${LIVE[@]}" &
LISTENERS=$!
sleep 1

run() { # label, command...: prints seconds and the open host:port pairs
  local label="$1"; shift
  local start end out
  start=$(date +%s.%N)
  out=$(ip netns exec "$NS" "$@" 2>/dev/null || true)
  end=$(date +%s.%N)
  printf '%s\t%.1f\t%s\n' "$label" "$(echo "$end - $start" | bc)" "$out"
}
pw() { node dist/cli/main.js scan "$RANGE" -p 4242 --ports-only --format json -q --fail-on none "$@" \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);const o=r.hosts.flatMap(h=>h.ports.map(p=>h.address+":"+p.port));console.log(o.sort().join(" ")+(r.hostDiscovery?" (live "+r.hostDiscovery.live+" of "+r.hostDiscovery.addresses+")":""))})'; }
nm() { nmap -sT -T4 -n -p 4242 --open "$@" "$RANGE" -oG - | awk '/4242\/open/{print $2":4242"}' | sort | tr '\n' ' '; }
export -f pw nm; export RANGE

echo "machine: $(nproc) cores, $(node -v), $(nmap --version | head -1); range $RANGE, live ${LIVE[*]}"
printf 'tool\tseconds\topen ports found\n'
{
  run "praxiswache --host-discovery always" bash -c pw
  run "nmap -sT -T4 (default ping)" bash -c nm
  run "praxiswache --host-discovery never" bash -c 'pw --host-discovery never'
  run "nmap -sT -T4 -Pn" bash -c 'nm -Pn'
} | tee /dev/stderr | awk -F'\t' '
  /always/ {a=$2} /default ping/ {b=$2} /never/ {c=$2} /-Pn/ {d=$2}
  END { if (a>0 && c>0) printf "ratio with discovery: nmap/praxiswache = %.2f; without (every address): %.2f\n", b/a, d/c }' >&2
