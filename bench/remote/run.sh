#!/usr/bin/env bash
# Remote partitioning benchmark: the same collection run with 0 workers (local partitions, the default), then as a
# manager with 1, 2 and 3 worker processes, all on this machine, against one PostgreSQL.
#
#   bench/remote/run.sh [ROWS] [SEED]          default 2000000 street rows, seed 42
#
# Env: BENCH_OUT (default bench/out/remote, git-ignored), FROM/TO (default 2023-01/2023-12), WORKERS (default "0 1 2 3"),
#      PARTITIONS (force-compare.records.partitions for the remote runs; default: the remote default, 16),
#      WORKER_THREADS (force-compare.worker.threads; default: the number of cores),
#      PGHOST/PGPORT/PGUSER/PGDATABASE (default 127.0.0.1/5432/postgres/test), FC_BUILD_DIR (default target).
#
# Every configuration gets a fresh schema (?currentSchema=fc_remote_wN, created by Flyway) in the same database.
# Workers are started first and the clock starts once all of them are waiting; the time is the manager's whole
# process (start-up, checksums, ingest, validate, compute, charts, publish). Each result must be byte-identical
# to the local run's indicators.csv.
set -euo pipefail

ROWS=${1:-2000000}
SEED=${2:-42}
FROM=${FROM:-2023-01}
TO=${TO:-2023-12}
WORKERS=${WORKERS:-0 1 2 3}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BUILD=${FC_BUILD_DIR:-target}
OUT=${BENCH_OUT:-$ROOT/bench/out/remote}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

mvn_() { ./mvnw -q -B -o "$@" -Dfc.build.dir="$BUILD" || ./mvnw -q -B "$@" -Dfc.build.dir="$BUILD"; }

echo "== building (test-compile into $BUILD)"
mvn_ test-compile
if [ ! -s "$OUT/classpath.txt" ] || [ pom.xml -nt "$OUT/classpath.txt" ]; then
  mvn_ dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
fi
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$OUT/classpath.txt")"
FC=(java -Xmx512m -cp "$CP" uk.forcecompare.ForceCompare)

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  echo "== starting the local PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  sleep 2
fi

# ---- the collection
COL="$OUT/collection-$ROWS-$SEED-$FROM-$TO"
if [ ! -f "$COL/.generated" ]; then
  rm -rf "$COL"
  mkdir -p "$COL/records" "$COL/ons"
  echo "== generating $ROWS street rows (seed $SEED, $FROM..$TO) into $COL/records"
  java -cp "$CP" uk.forcecompare.records.bench.GenerateRecords --out "$COL/records" --rows "$ROWS" --seed "$SEED" \
      --from "$FROM" --to "$TO" | tee "$COL/generated.txt"
  cp data/sample/2024-spring/ons/pfa-population.csv "$COL/ons/pfa-population.csv"
  cat > "$COL/collection.yml" <<EOF
id: bench-remote
title: remote partitioning benchmark, $ROWS street rows, seed $SEED
population: { mid-year: 2020 }
sources:
  - { file: ons/pfa-population.csv, kind: ons-population }
  - { file: records/, kind: police-uk-records }
indicators:
  asb-incidents-per-1000: { period: "$FROM..$TO" }
  crimes-per-1000:        { period: "$FROM..$TO" }
  stop-search-find-rate:  { period: "$FROM..$TO" }
EOF
  touch "$COL/.generated"
fi
STREET_ROWS=$(grep -o 'street rows [0-9]*' "$COL/generated.txt" | awk '{print $3}')
SS_ROWS=$(grep -o 'stop-and-search rows [0-9]*' "$COL/generated.txt" | awk '{print $3}')
ALL_ROWS=$((STREET_ROWS + SS_ROWS))
FILES=$(find "$COL/records" -name '*.csv' | wc -l)
echo "== data: $ALL_ROWS rows ($STREET_ROWS street + $SS_ROWS stop-and-search) in $FILES files; $(nproc) cores"
find "$COL/records" -type f -name '*.csv' -print0 | xargs -0 cat > /dev/null   # warm page cache for everyone

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

declare -A WALL INGEST
for W in $WORKERS; do
  SCHEMA=fc_remote_w$W
  psql -q -c "set client_min_messages = warning" -c "drop schema if exists $SCHEMA cascade" >/dev/null
  DB=(--spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA"
      --spring.datasource.username="$PGUSER" --spring.flyway.schemas="$SCHEMA")
  RUN_OUT="$OUT/out-w$W"
  rm -rf "$RUN_OUT"
  EXTRA=()
  PIDS=()
  if [ "$W" -gt 0 ]; then
    EXTRA=(--force-compare.workers.enabled=true)
    [ -n "${PARTITIONS:-}" ] && EXTRA+=(--force-compare.records.partitions="$PARTITIONS")
    # the first worker creates the schema; the others start once it has
    for i in $(seq 1 "$W"); do
      WARGS=(--force-compare.worker.name="bench-w$i" --stop-after=PT2H)
      [ -n "${WORKER_THREADS:-}" ] && WARGS+=(--force-compare.worker.threads="$WORKER_THREADS")
      "${FC[@]}" worker "${WARGS[@]}" "${DB[@]}" > "$OUT/w$W-worker$i.log" 2>&1 &
      PIDS+=($!)
      if [ "$i" = 1 ]; then
        until grep -q "is waiting for partitions" "$OUT/w$W-worker1.log"; do
          kill -0 "${PIDS[0]}" 2>/dev/null || { echo "worker failed:"; cat "$OUT/w$W-worker1.log"; exit 1; }; sleep 0.5; done
      fi
    done
    for i in $(seq 1 "$W"); do
      until grep -q "is waiting for partitions" "$OUT/w$W-worker$i.log"; do sleep 0.5; done
    done
  fi
  echo "== $W worker(s): run $( [ "$W" = 0 ] && echo "(local partitions)" || echo "as the manager")"
  t0=$(date +%s.%N)
  status=0
  "${FC[@]}" run "$COL" --out "$RUN_OUT" "${EXTRA[@]}" "${DB[@]}" > "$OUT/w$W-run.log" 2>&1 || status=$?
  t1=$(date +%s.%N)
  WALL[$W]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  sed 's/^/   /' "$OUT/w$W-run.log" | grep -v ' INFO .*Progress' | tail -8
  [ "$status" = 0 ] || { echo "   run exited $status"; exit 1; }
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  INGEST[$W]=$(psql -At -c "select round(extract(epoch from end_time - start_time)::numeric, 2) from $SCHEMA.batch_step_execution
                            where step_name = 'ingestRecords' order by step_execution_id desc limit 1")
  echo "   wall ${WALL[$W]} s; ingestRecords step ${INGEST[$W]} s"
  if [ "$W" -gt 0 ]; then
    psql -At -c "select substring(exit_message from 'worker ([^ ;]+)') as worker, count(*) from $SCHEMA.batch_step_execution
                 where step_name like 'recordsWorker:%' and status = 'COMPLETED' group by 1 order by 1" | sed 's/^/   partitions by worker: /'
    if cmp -s "$OUT/out-w0/bench-remote/indicators.csv" "$RUN_OUT/bench-remote/indicators.csv"; then
      echo "   indicators.csv identical to the local run"
    else
      echo "   indicators.csv DIFFERS from the local run"; exit 1
    fi
  fi
done

echo
echo "== summary: $ALL_ROWS rows in $FILES files, $(nproc) cores, one PostgreSQL ($PGHOST:$PGPORT), all processes on this machine"
echo "(wall: the manager's whole process, charts included; ingest: the partitioned ingestRecords step alone)"
printf '%-34s %8s %12s %9s %9s %12s %9s\n' configuration "wall s" "rows/s" "vs local" "ingest s" "ingest r/s" "vs local"
for W in $WORKERS; do
  label=$( [ "$W" = 0 ] && echo "local (no workers)" || echo "manager + $W worker process(es)")
  awk -v l="$label" -v w="${WALL[$W]}" -v n="$ALL_ROWS" -v b="${WALL[0]:-${WALL[$W]}}" -v i="${INGEST[$W]}" -v bi="${INGEST[0]:-${INGEST[$W]}}" \
    'BEGIN { printf "%-34s %8.2f %12.0f %8.2fx %9.2f %12.0f %8.2fx\n", l, w, n / w, b / w, i, n / i, bi / i }'
done
