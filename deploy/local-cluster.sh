#!/usr/bin/env bash
# Starts a private PostgreSQL and N Telepath silos on this machine, all on loopback, as one cluster.
#   deploy/local-cluster.sh [N]        (default 2; Ctrl+C stops everything)
# Silo i serves HTTPS on 8443+i, plain HTTP on 8080+i, Orleans on 11111+i / 30000+i.
# The dashboard is on at https://127.0.0.1:8443/dashboard/ with user "ops" and the password printed below.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2}
root=${TELEPATH_CLUSTER_DIR:-$PWD/data/local-cluster}
pg_port=${TELEPATH_PG_PORT:-55432}
mkdir -p "$root"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -f "$root/pg/PG_VERSION" ]; then
  mkdir -p "$root/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$root/pg" "$root"
  run_pg "$bin/initdb" -D "$root/pg" -U telepath --auth=trust -E UTF8 >/dev/null
fi
run_pg "$bin/pg_ctl" -D "$root/pg" -l "$root/pg.log" -o "-p $pg_port -k $root -c listen_addresses=127.0.0.1" -w start >/dev/null
run_pg "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U telepath -d postgres -tc "SELECT 1 FROM pg_database WHERE datname='telepath'" | grep -q 1 \
  || run_pg "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U telepath telepath
connection="Host=127.0.0.1;Port=$pg_port;Database=telepath;Username=telepath"

dotnet build -c Release src/Silo -v q >/dev/null
password=${TELEPATH_DASHBOARD_PASSWORD:-local-cluster-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')}
# Every silo must encrypt provider secrets with the same key: keep one beside the cluster's data.
[ -f "$root/master.key.b64" ] || head -c 32 /dev/urandom | base64 > "$root/master.key.b64"
master_key=$(cat "$root/master.key.b64")
pids=()
stop() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
  run_pg "$bin/pg_ctl" -D "$root/pg" -m fast stop >/dev/null || true
}
trap stop EXIT INT TERM

for i in $(seq 0 $((count - 1))); do
  dotnet src/Silo/bin/Release/net10.0/Telepath.Silo.dll \
    --Telepath:Storage=postgres --Telepath:ConnectionString="$connection" --Telepath:Secrets:MasterKey="$master_key" \
    --Telepath:DataDirectory="$root/silo$i" --Telepath:SiloName="silo$i" \
    --Telepath:SiloPort=$((11111 + i)) --Telepath:GatewayPort=$((30000 + i)) \
    --Telepath:Http:ListenAddress=127.0.0.1 --Telepath:Http:HttpsPort=$((8443 + i)) --Telepath:Http:HttpPort=$((8080 + i)) \
    --Telepath:Dashboard:Username=ops --Telepath:Dashboard:Password="$password" \
    >"$root/silo$i.log" 2>&1 &
  pids+=($!)
  echo "silo$i: https://127.0.0.1:$((8443 + i))  (log: $root/silo$i.log)"
done
echo "dashboard: https://127.0.0.1:8443/dashboard/  user ops, password $password"
echo "first key: dotnet run --project src/Silo -- keys create --name admin --Telepath:Storage=postgres --Telepath:ConnectionString='$connection' --Telepath:Secrets:MasterKey='$master_key'"
wait
