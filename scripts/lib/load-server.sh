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

pg_base="${CC_LOAD_PG:-postgresql://postgres@127.0.0.1:5432}"
redis_url="${CC_LOAD_REDIS:-redis://127.0.0.1:6379}"
server_pid=""; db_name=""; redis_prefix=""; keep_db="${keep_db:-false}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

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
  (cd "$work" && exec env "${env_args[@]}" "${server_java:-java}" ${server_opts:-} -jar "$work/server.jar") \
    > "$work/server.log" 2>&1 &
  server_pid=$!
  local i
  for i in $(seq 1 360); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server exited during start-up:" >&2; tail -30 "$work/server.log" >&2; server_pid=""; return 1
    fi
    curl -fsS -o /dev/null "$base/health" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "no /health after 180 s" >&2; tail -30 "$work/server.log" >&2; return 1
}

# Stops the server (SIGTERM, SIGKILL after 30 s) and any embedded PostgreSQL it left, drops the
# database (unless keep_db=true) and the Redis keys. Safe to call twice.
load_server_stop() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$server_pid" 2>/dev/null && { echo "server still up after 30 s: SIGKILL" >&2; kill -KILL "$server_pid" 2>/dev/null; }
  fi
  server_pid=""
  # An embedded PostgreSQL left behind (server killed hard): its processes name our data folder.
  local pgpid
  for pgpid in $(pgrep -f -- "$work/data" 2>/dev/null); do
    echo "stopping leftover process $pgpid of $work/data" >&2; kill -TERM "$pgpid" 2>/dev/null
  done
  if [ -n "$db_name" ] && ! $keep_db; then
    psql "$pg_base/postgres" -qAt -c "drop database if exists $db_name with (force)" >/dev/null 2>&1
  fi
  db_name=""
  if [ -n "$redis_prefix" ]; then
    redis-cli -u "$redis_url" --scan --pattern "${redis_prefix}*" 2>/dev/null | xargs -r redis-cli -u "$redis_url" del >/dev/null 2>&1
  fi
  redis_prefix=""
}
