# Sourced by scripts/load and scripts/steady-state: starts the server under test from a copy of a
# jar on a free loopback port and removes everything it made afterwards.
#
# The caller sets, before load_server_start:
#   work         a fresh temporary folder (removed by load_server_stop)
#   jar          the server jar to copy
#   production   true: a fresh database on $pg_base and a Redis key prefix of its own
#                false: the embedded profile (PostgreSQL from Maven binaries in $work/data)
#   label        a short name for the database and the key prefix (letters, digits, _)
#   server_java, server_opts, server_env (array): how to run the JVM and extra environment
# and gets: server_pid, port, base (http://127.0.0.1:port), db_name, redis_prefix, backend.
# CC_LOAD_PG and CC_LOAD_REDIS point at other PostgreSQL / Redis servers (loopback only).
# CC_LOAD_PG_SOCKET_DIR: the server's pools reach PostgreSQL over the Unix socket in that directory
# (database.socket_dir), as a deployment with PostgreSQL on the same machine should; by default the
# local server's /var/run/postgresql when it holds the socket of the port in $pg_base; empty: TCP.

. "$(dirname "${BASH_SOURCE[0]}")/server.sh"

pg_base="${CC_LOAD_PG:-postgresql://postgres@127.0.0.1:5432}"
redis_url="${CC_LOAD_REDIS:-redis://127.0.0.1:6379}"
server_pid=""; db_name=""; redis_prefix=""; keep_db="${keep_db:-false}"

# /var/run/postgresql when $pg_base is this machine's server and its socket is there, else nothing.
default_socket_dir() {
  local port
  [[ "$pg_base" =~ @(127\.0\.0\.1|localhost):([0-9]+)$ ]] || return 0
  port="${BASH_REMATCH[2]}"
  [ -S "/var/run/postgresql/.s.PGSQL.$port" ] && echo /var/run/postgresql
  return 0
}

load_server_start() {
  local stamp env_args
  stamp="$(date +%Y%m%d_%H%M%S)_$$"
  cp "$jar" "$work/server.jar"
  cp -r "$root/config" "$work/config"
  port="${port:-$(free_port)}"
  base="http://127.0.0.1:$port"
  env_args=(CC_HTTP_PORT="$port" CC_TCP_BRIDGE_PORT="$(free_port)" CC_CONFIG_DIR="$work/config"
    CC_AUTH="${CC_AUTH:-off}" CC_TURNS_PER_SECOND_PER_TENANT="${CC_TURNS_PER_SECOND_PER_TENANT:-0}"
    CC_MAX_HTTP_CONNECTIONS_PER_ADDRESS="${CC_MAX_HTTP_CONNECTIONS_PER_ADDRESS:-0}")
  if $production; then
    db_name="cc_${label}_$stamp"
    redis_prefix="cc${label}:$stamp:"
    # Its own key prefix: other servers on this Redis keep their streams to themselves.
    jq --arg p "$redis_prefix" '.queue.redis_prefix = $p' "$root/config/production.json" > "$work/config/production.json"
    psql "$pg_base/postgres" -qAt -c "create database $db_name" >/dev/null \
      || { echo "cannot create database $db_name on $pg_base" >&2; db_name=""; return 1; }
    env_args+=(CC_PROFILE=production CC_PG_URL="$pg_base/$db_name" CC_REDIS_URL="$redis_url")
    local socket_dir="${CC_LOAD_PG_SOCKET_DIR-$(default_socket_dir)}" via="TCP"
    if [ -n "$socket_dir" ]; then
      env_args+=(CC_PG_SOCKET_DIR="$socket_dir"); via="Unix socket in $socket_dir"
    fi
    backend="production (PostgreSQL $pg_base/$db_name over $via, Redis $redis_url prefix $redis_prefix)"
  else
    env_args+=(CC_PROFILE=embedded CC_DATA_DIR="$work/data")
    backend="embedded (PostgreSQL from Maven binaries in $work/data, in-memory queue)"
  fi
  env_args+=("${server_env[@]}")
  server_start load --dir "$work" --log "$work/server.log" --jar "$work/server.jar" --data "$work/data" \
    --java "${server_java:-java}" --java-opts "${server_opts:-}" "${env_args[@]}"
  server_pid="${SERVER_PID[load]}"
  server_wait_healthy load "$base/health" 180 || { server_stop load; server_pid=""; return 1; }
}

# Stops the server (SIGTERM, SIGKILL after 30 s) and any embedded PostgreSQL it left (lib/server.sh), drops the
# database (unless keep_db=true) and the Redis keys. Safe to call twice.
load_server_stop() {
  server_stop load
  server_pid=""
  if [ -n "$db_name" ] && ! $keep_db; then
    psql "$pg_base/postgres" -qAt -c "drop database if exists $db_name with (force)" >/dev/null 2>&1
  fi
  db_name=""
  if [ -n "$redis_prefix" ]; then
    redis-cli -u "$redis_url" --scan --pattern "${redis_prefix}*" 2>/dev/null | xargs -r redis-cli -u "$redis_url" del >/dev/null 2>&1
  fi
  redis_prefix=""
}
