# shellcheck shell=bash
# What the load scripts share (run.sh, querylog.sh, blocking.sh, dot.sh, forwarding.sh): source
# it after `set -euo pipefail` and the `cd` to the repository root:
#   . bench/load/lib.sh
# A script sets NETNS and work before `trap bench_cleanup EXIT`, and keeps the pid of the server
# under test in server_pid and of any helper server (knotd, ...) in pids.

server_pid=""
pids=()

# need_packages SCRIPT COMMAND:PACKAGE ...: installs from Debian's packages whatever command is
# missing (as scripts/test.sh does), in the order given.
need_packages() {
  local script=$1 pair need=()
  shift
  export PATH="$PATH:/usr/sbin:/sbin"
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
  done
  if [ ${#need[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "$script: installing ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}

# enter_netns FALLBACK_ADDRESS: a private network namespace $NETNS with only loopback (NS is the
# command prefix that runs in it, ADDR 127.0.0.1), or when that is not permitted the host
# loopback at FALLBACK_ADDRESS (NS empty).
enter_netns() {
  if ip netns add "$NETNS" 2>/dev/null; then
    NS=(ip netns exec "$NETNS")
    "${NS[@]}" ip link set lo up
    ADDR=127.0.0.1
    echo "network: private namespace $NETNS (loopback only)"
  else
    NS=()
    ADDR=$1
    echo "network: 'ip netns add' not permitted; falling back to $ADDR on the host loopback"
  fi
}

# The EXIT trap: stops the servers, removes the namespace and the work directory.
bench_cleanup() {
  local p
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${NETNS:-}" ] && ip netns del "$NETNS" 2>/dev/null || true
  [ -n "${work:-}" ] && rm -rf "$work"
  return 0
}

# Stops the server under test and gives its port half a second to be free.
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  sleep 0.5
}

# cpu_ticks PID: CPU ticks (utime+stime) of one process.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

# cpu_ticks_tree PID: the same summed over the process and all its descendants (nsd forks).
cpu_ticks_tree() {
  local total=0 pids=("$1") p children
  while [ ${#pids[@]} -gt 0 ]; do
    p=${pids[0]}; pids=("${pids[@]:1}")
    if [ -r "/proc/$p/stat" ]; then
      # Fields after "pid (comm) " (comm may contain spaces, e.g. "nsd: xfrd"): utime, stime are 12, 13.
      total=$((total + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
      children=$(for s in /proc/[0-9]*/stat; do sed 's/^\([0-9]*\) .*) /\1 /' "$s" 2>/dev/null; done | awk -v pp="$p" '$3 == pp {print $1}')
      for c in $children; do pids+=("$c"); done
    fi
  done
  echo "$total"
}

# wait_answer TRIES PORT NAME PATTERN [DIG OPTION ...]: asks $ADDR (in the namespace) for NAME A
# every 0.2 s until an answer line matches PATTERN; 1 after TRIES tries.
wait_answer() {
  local tries=$1 port=$2 name=$3 pattern=$4
  shift 4
  for _ in $(seq 1 "$tries"); do
    if "${NS[@]}" dig +short +time=1 +tries=1 "$@" @"$ADDR" -p "$port" "$name" A 2>/dev/null | grep -q "$pattern"; then return 0; fi
    sleep 0.2
  done
  return 1
}

# read_dnsperf OUTPUT BEFORE AFTER: sets completed, lost and qps from dnsperf's summary and
# cpu_us, the server's CPU µs per completed query from the ticks before and after the run.
read_dnsperf() {
  completed=$(echo "$1" | awk '/Queries completed:/ {print $3}')
  lost=$(echo "$1" | awk '/Queries lost:/ {print $3}')
  qps=$(echo "$1" | awk '/Queries per second:/ {print $4}')
  cpu_us=$(awk -v t=$(($3 - $2)) -v hz="$(getconf CLK_TCK)" -v n="$completed" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')
}

# bench_zone [WILDCARD]: bench.test with n0..n999 (and `* IN A 192.0.2.2` when an argument is
# given, so every name has an answer), on stdout.
bench_zone() {
  echo '$TTL 3600'
  echo '@ IN SOA ns hostmaster 1 3600 600 604800 300'
  echo '  IN NS ns'
  echo 'ns IN A 192.0.2.1'
  [ $# -eq 0 ] || echo '* IN A 192.0.2.2'
  for i in $(seq 0 999); do echo "n$i IN A 192.0.2.$((i % 250 + 3))"; done
}
