# Sourced by the scripts that run the server (run, cluster, test-ui, lib/load-server.sh): build the
# jar when its sources changed, start servers in the background, wait for them to be healthy, stop
# them (and whatever they started) on exit. Bash 4+. Servers listen on 127.0.0.1 only: callers
# pass ports, this file never picks an interface.
#
#   server_build_if_stale [mvn options]       mvn package when the jar is missing or older than a source
#   server_start NAME [--dir D] [--log F] [--jar J] [--data D] [--java J] [--java-opts O] [ENV=VALUE...]
#   server_wait_healthy NAME URL [SECONDS]    until URL answers 2xx; 1 if the server exited or timed out
#   server_stop [NAME...]                     all started servers when no name is given
#   server_stop_on_exit [BEFORE] [AFTER]      EXIT trap stopping them (INT/TERM exit 130/143 through it);
#                                             BEFORE / AFTER: commands run around the stop
#   free_port                                 a free TCP port on 127.0.0.1
#
# Per server, by NAME: SERVER_PID, SERVER_LOG, SERVER_DIR, SERVER_DATA (its embedded PostgreSQL's
# folder, if it has one of its own: a postmaster left there is stopped with the server).

server_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
server_jar="$server_root/server/target/cleanercontext-server.jar"
declare -A SERVER_PID=() SERVER_LOG=() SERVER_DIR=() SERVER_DATA=()

# JVM options of every server these scripts start, before the caller's own (which therefore win):
# transparent huge pages for the heap on Linux, the only OS whose JVM knows the flag. The cleaning
# engine's language model is 64 MB of tables read at random; with 2 MB pages the processor's TLB
# covers them (docs/DEPLOYMENT.md, "JVM").
server_default_java_opts=""
[[ "$(uname -s)" == Linux ]] && server_default_java_opts="-XX:+UseTransparentHugePages"

# True when the jar is missing or a source of it (server, config, dashboard, poms) is newer.
server_jar_stale() {
  local jar="${1:-$server_jar}"
  [[ ! -f "$jar" ]] && return 0
  (cd "$server_root" && [[ -n "$(find server/src config web-ui/src web-ui/index.html pom.xml server/pom.xml \
    -newer "$jar" -print -quit 2>/dev/null)" ]])
}

server_build_if_stale() {
  server_jar_stale || return 0
  echo "Building the server (first run takes a few minutes)..."
  (cd "$server_root" && mvn -q -B -pl server -am package -DskipTests "$@")
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

server_start() {
  local name="$1" dir="$server_root" log=/dev/null jar="$server_jar" data="" java=java java_opts=""
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --dir) dir="$2"; shift 2 ;;
      --log) log="$2"; shift 2 ;;
      --jar) jar="$2"; shift 2 ;;
      --data) data="$2"; shift 2 ;;
      --java) java="$2"; shift 2 ;;
      --java-opts) java_opts="$2"; shift 2 ;;
      *) break ;;
    esac
  done
  # shellcheck disable=SC2086 # the options are lists of JVM options
  (cd "$dir" && exec env "$@" "$java" $server_default_java_opts $java_opts -jar "$jar") >"$log" 2>&1 &
  SERVER_PID[$name]=$!
  SERVER_LOG[$name]="$log"
  SERVER_DIR[$name]="$dir"
  SERVER_DATA[$name]="$data"
}

server_wait_healthy() {
  local name="$1" url="$2" seconds="${3:-90}" pid="${SERVER_PID[$1]}" deadline
  deadline=$((SECONDS + seconds))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name server exited before becoming healthy; last lines of ${SERVER_LOG[$name]}:" >&2
      tail -n 30 "${SERVER_LOG[$name]}" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "$name server not healthy after $seconds s ($url); last lines of ${SERVER_LOG[$name]}:" >&2
      tail -n 30 "${SERVER_LOG[$name]}" >&2
      return 1
    fi
    sleep 0.25
  done
}

server_descendants() {
  local kid
  for kid in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$kid"
    server_descendants "$kid"
  done
}

# Waits up to $1 seconds for the given processes to exit, then SIGKILLs the rest.
server_wait_gone() {
  local seconds="$1" p alive deadline
  shift
  deadline=$((SECONDS + seconds))
  while ((SECONDS < deadline)); do
    alive=""
    for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=yes; done
    [[ -z "$alive" ]] && return 0
    sleep 0.2
  done
  for p in "$@"; do
    kill -0 "$p" 2>/dev/null && echo "process $p still up after $seconds s: SIGKILL" >&2
    kill -KILL "$p" 2>/dev/null || true
  done
}

# SIGTERM to each server at once (its shutdown stops its embedded PostgreSQL), up to 30 s to exit;
# then SIGTERM to what is left of them: their child processes (gathered first: they would be
# re-parented) and the postmaster of each server's own data folder (pg_ctl detaches it).
server_stop() {
  local names=("$@") name p mains=() rest=() pidfile
  [[ ${#names[@]} -eq 0 ]] && names=("${!SERVER_PID[@]}")
  for name in "${names[@]}"; do
    p="${SERVER_PID[$name]:-}"
    [[ -z "$p" ]] && continue
    # shellcheck disable=SC2207
    rest+=($(server_descendants "$p"))
    mains+=("$p")
    kill -TERM "$p" 2>/dev/null || true
  done
  [[ ${#mains[@]} -gt 0 ]] && server_wait_gone 30 "${mains[@]}"
  for p in "${mains[@]}"; do wait "$p" 2>/dev/null || true; done
  for name in "${names[@]}"; do
    if [[ -n "${SERVER_DATA[$name]:-}" ]]; then
      pidfile="$(find "${SERVER_DATA[$name]}" -name postmaster.pid 2>/dev/null | head -n 1 || true)"
      [[ -n "$pidfile" ]] && rest+=("$(head -n 1 "$pidfile" 2>/dev/null || true)")
    fi
    unset "SERVER_PID[$name]" "SERVER_DATA[$name]"
  done
  for p in "${rest[@]}"; do [[ -n "$p" ]] && kill -TERM "$p" 2>/dev/null; done
  [[ ${#rest[@]} -gt 0 ]] && server_wait_gone 20 "${rest[@]}"
  return 0
}

server_stop_on_exit() {
  server_exit_before="${1:-}"
  server_exit_after="${2:-}"
  trap 'server_on_exit' EXIT
  trap 'exit 130' INT # an interrupted script still stops its servers (the EXIT trap runs)
  trap 'exit 143' TERM
}

server_on_exit() {
  local rc=$?
  trap - EXIT
  [[ -n "$server_exit_before" ]] && eval "$server_exit_before"
  server_stop
  [[ -n "$server_exit_after" ]] && eval "$server_exit_after"
  exit "$rc"
}
