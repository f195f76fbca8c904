#!/usr/bin/env bash
# Start or stop a throwaway ClickHouse server on loopback with its own config
# and data folder, for tests. Usage:
#   .ci/clickhouse.sh start DIR TCP_PORT HTTP_PORT [REMOTE_SERVERS_XML]
#   .ci/clickhouse.sh stop DIR
# Debian's clickhouse-server (18.16) does not start itself (no systemd), so we
# run it in the background as the current user and poll /ping until ready.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data folder}
case "$cmd" in
start)
  tcp=${3:?tcp port}; http=${4:?http port}; remote=${5:-}
  mkdir -p "$dir/data" "$dir/tmp"
  dir=$(cd "$dir" && pwd)
  cat >"$dir/ch.xml" <<XML
<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <listen_host>127.0.0.1</listen_host>
  <tcp_port>$tcp</tcp_port>
  <http_port>$http</http_port>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <users_config>ch.xml</users_config>
  <mark_cache_size>268435456</mark_cache_size>
  <profiles><default/></profiles>
  <users><default><password/><networks><ip>127.0.0.1</ip></networks>
         <profile>default</profile><quota>default</quota></default></users>
  <quotas><default/></quotas>
  $remote
</yandex>
XML
  clickhouse-server --config-file="$dir/ch.xml" >"$dir/server.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$http/ping" 2>/dev/null | grep -q Ok; then
      echo "clickhouse ready on 127.0.0.1:$tcp (pid $(cat "$dir/pid"))"; exit 0
    fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "clickhouse failed to start; its log:" >&2; tail -20 "$dir/server.log" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "clickhouse did not answer /ping within 30 s" >&2; exit 1 ;;
stop)
  [ -f "$dir/pid" ] || exit 0
  pid=$(cat "$dir/pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/pid" ;;
*) echo "usage: $0 start|stop DIR ..." >&2; exit 2 ;;
esac
