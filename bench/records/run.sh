#!/usr/bin/env bash
# Records benchmark: force-compare against a raw psql \copy and DuckDB on the same data.police.uk files.
#
#   bench/records/run.sh [ROWS] [SEED]        default 10000000 street rows, seed 42
#
# Env: BENCH_OUT (default bench/out/records, git-ignored), THREADS (default nproc), FROM/TO (default 2023-01/2023-12),
#      PGHOST/PGPORT/PGUSER/PGDATABASE (default 127.0.0.1/5432/postgres/test), DUCKDB_VERSION (default 1.4.4.0),
#      ROUNDS (default 3; the summary gives each contender's median round),
#      SKIP_COPY=1 / SKIP_DUCKDB=1 / SKIP_LAUNCHER=1 to leave a contender out.
#
# Each contender is one whole process, timed with /usr/bin/time (wall clock and peak RSS), in the same run,
# on the same files, after one warm-up read so every contender starts with the files in the page cache; the
# contenders take turns for ROUNDS rounds and the summary shows each one's median round and every round's time:
#   1. force-compare: java -Xmx512m -jar target/force-compare.jar run <collection> --out <tmp> (the contract's form),
#      then JAVA_OPTS=-Xmx512m bin/force-compare run ... (the launcher: unpacked jar and class-data sharing; its first
#      use, which writes the archive, is a separate untimed run on the sample; SKIP_LAUNCHER=1 leaves it out).
#   2. psql \copy of the street files into an UNLOGGED table (one psql process, one \copy per file).
#   3. DuckDB (org.duckdb:duckdb_jdbc) in a fresh JVM: read_csv + GROUP BY per file, street and stop-and-search.
set -euo pipefail

ROWS=${1:-10000000}
SEED=${2:-42}
FROM=${FROM:-2023-01}
TO=${TO:-2023-12}
THREADS=${THREADS:-$(nproc)}
ROUNDS=${ROUNDS:-3}
DUCKDB_VERSION=${DUCKDB_VERSION:-1.4.4.0}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
OUT=${BENCH_OUT:-$ROOT/bench/out/records}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

mvn_() { ./mvnw -q -B -o "$@" || ./mvnw -q -B "$@"; }

# ---- build (jar + test classes: the generator lives in src/test)
JAR=target/force-compare.jar
if [ ! -f "$JAR" ] || [ ! -d target/test-classes/uk/forcecompare/records/bench ] \
   || [ -n "$(find src pom.xml -newer "$JAR" -type f -print -quit)" ]; then
  echo "== building force-compare (package -DskipTests)"
  mvn_ package -DskipTests
fi
if [ ! -s "$OUT/test-classpath.txt" ] || [ pom.xml -nt "$OUT/test-classpath.txt" ]; then
  mvn_ dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/test-classpath.txt" >/dev/null
fi
CP="target/test-classes:target/classes:$(cat "$OUT/test-classpath.txt")"

# ---- DuckDB: the JDBC jar from Maven Central (not a project dependency), DuckCount compiled once
DUCK_JAR=$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$DUCKDB_VERSION/duckdb_jdbc-$DUCKDB_VERSION.jar
if [ "${SKIP_DUCKDB:-0}" != 1 ]; then
  [ -f "$DUCK_JAR" ] || mvn_ dependency:get -Dartifact=org.duckdb:duckdb_jdbc:$DUCKDB_VERSION >/dev/null
  mkdir -p "$OUT/duck-classes"
  if [ ! -f "$OUT/duck-classes/DuckCount.class" ] || [ bench/records/DuckCount.java -nt "$OUT/duck-classes/DuckCount.class" ]; then
    javac -d "$OUT/duck-classes" bench/records/DuckCount.java
  fi
fi

# ---- the collection: generated records, population, manifest
COL="$OUT/collection-$ROWS-$SEED-$FROM-$TO"
if [ ! -f "$COL/.generated" ]; then
  rm -rf "$COL"
  mkdir -p "$COL/records" "$COL/ons"
  echo "== generating $ROWS street rows (seed $SEED, $FROM..$TO) into $COL/records"
  java -cp "$CP" uk.forcecompare.records.bench.GenerateRecords --out "$COL/records" --rows "$ROWS" --seed "$SEED" \
      --from "$FROM" --to "$TO" | tee "$COL/generated.txt"
  cp data/sample/2024-spring/ons/pfa-population.csv "$COL/ons/pfa-population.csv"
  cat > "$COL/collection.yml" <<EOF
id: bench-records
title: data.police.uk records benchmark, $ROWS street rows, seed $SEED
population:
  mid-year: 2020
sources:
  - file: ons/pfa-population.csv
    kind: ons-population
  - file: records/
    kind: police-uk-records
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
STREET_FILES=$(find "$COL/records" -name '*-street.csv' | wc -l)
BYTES=$(du -sb "$COL/records" | cut -f1)
echo "== data: $STREET_ROWS street rows in $STREET_FILES files + $SS_ROWS stop-and-search rows, $((BYTES / 1000000)) MB; $THREADS threads; $(nproc) cores"

echo "== warm-up: reading every file once (all contenders then start with a warm page cache)"
find "$COL/records" -type f -name '*.csv' -print0 | xargs -0 cat > /dev/null

# timed NAME CMD...: runs CMD as a whole process; appends "wall rss_kb" to $OUT/NAME.times; output in $OUT/NAME.log
timed() {
  local name=$1; shift
  local status=0
  "$TIME" -f '%e %M' -o "$OUT/$name.time" "$@" > "$OUT/$name.log" 2>&1 || status=$?
  tail -1 "$OUT/$name.time" >> "$OUT/$name.times"
  return $status
}
# median NAME -> "wall rss_kb" of the round with the median wall time
median() { sort -n "$OUT/$1.times" | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'; }
all_walls() { awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$OUT/$1.times"; }

rm -f "$OUT"/*.times
if [ "${SKIP_LAUNCHER:-0}" != 1 ] && { [ ! -f "${JAR%.jar}-app/classes.jsa" ] || [ "$JAR" -nt "${JAR%.jar}-app/.extracted" ]; }; then
  echo "== first use of bin/force-compare (unpacks the jar and writes its class-data archive on the sample; not timed)"
  WARM_OUT=$(mktemp -d "$OUT/run-out.XXXXXX")
  FORCE_COMPARE_JAR="$ROOT/$JAR" JAVA_OPTS=-Xmx512m bin/force-compare run data/sample/2024-spring --out "$WARM_OUT" \
    > "$OUT/launcher-first.log" 2>&1 || true
  rm -rf "$WARM_OUT"
fi
if [ "${SKIP_COPY:-0}" != 1 ] && ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  echo "== starting the local PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  sleep 2
fi
find "$COL/records" -name '*-street.csv' | sort | \
  sed "s/'/''/g; s/.*/\\\\copy bench_street from '&' with (format csv, header true)/" > "$OUT/copy.sql"

# Contenders take turns, round after round, so that a disturbance on the machine falls on all of them alike.
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS"
  # 1. force-compare as the contract runs it
  RUN_OUT=$(mktemp -d "$OUT/run-out.XXXXXX")
  status=0
  timed fc java -Xmx512m -jar "$JAR" run "$COL" --out "$RUN_OUT" || status=$?
  echo "   force-compare (java -jar): exit $status, $(tail -1 "$OUT/fc.time" | awk '{ printf "%s s, peak RSS %d MB", $1, $2 / 1024 }')"
  IND="$RUN_OUT/bench-records/indicators.csv"
  [ -f "$IND" ] || { echo "   no indicators.csv: see $OUT/fc.log" >&2; exit 1; }
  cp "$IND" "$OUT/indicators-java-jar.csv"
  rm -rf "$RUN_OUT"

  # 2. force-compare through its launcher
  if [ "${SKIP_LAUNCHER:-0}" != 1 ]; then
    RUN_OUT=$(mktemp -d "$OUT/run-out.XXXXXX")
    status=0
    timed launcher env FORCE_COMPARE_JAR="$ROOT/$JAR" JAVA_OPTS=-Xmx512m bin/force-compare run "$COL" --out "$RUN_OUT" || status=$?
    same=no
    cmp -s "$RUN_OUT/bench-records/indicators.csv" "$OUT/indicators-java-jar.csv" && same=yes
    echo "   force-compare (bin/force-compare): exit $status, $(tail -1 "$OUT/launcher.time" | awk '{ printf "%s s, peak RSS %d MB", $1, $2 / 1024 }'); indicators.csv as java -jar's: $same"
    rm -rf "$RUN_OUT"
  fi

  # 3. psql \copy into an unlogged table
  if [ "${SKIP_COPY:-0}" != 1 ]; then
    psql -q -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS bench_street" -c "CREATE UNLOGGED TABLE bench_street (
        crime_id text, month text, reported_by text, falls_within text, longitude text, latitude text, location text,
        lsoa_code text, lsoa_name text, crime_type text, last_outcome_category text, context text)" > /dev/null 2>&1
    timed copy psql -q -v ON_ERROR_STOP=1 -f "$OUT/copy.sql"
    COPIED=$(psql -At -c "select count(*) from bench_street")
    echo "   psql \\copy of $STREET_FILES street files: $(tail -1 "$OUT/copy.time" | awk '{ print $1 }') s, $COPIED rows in the table"
    psql -q -c "DROP TABLE bench_street" > /dev/null
  fi

  # 4. DuckDB
  if [ "${SKIP_DUCKDB:-0}" != 1 ]; then
    timed duck java -cp "$DUCK_JAR:$OUT/duck-classes" DuckCount "$COL/records" "$THREADS"
    echo "   DuckDB $DUCKDB_VERSION: $(tail -1 "$OUT/duck.time" | awk '{ print $1 }') s; $(grep -o 'in [0-9.]* s in-process' "$OUT/duck.log")"
  fi
done

# ---- the counts must agree: force-compare's indicators.csv numerators and DuckDB's totals with the generator's
echo "== counts"
fc_total() { awk -F, -v id="$1" -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
  $1 == id && $c != "" { t += $c } END { printf "%d", t }' "$OUT/indicators-java-jar.csv"; }
for m in RECORDS_ASB_INCIDENTS RECORDS_CRIMES RECORDS_STOP_SEARCH_FINDS RECORDS_STOP_SEARCHES; do
  want=$(grep -o "$m=[0-9]*" "$COL/generated.txt" | cut -d= -f2)
  case $m in
    RECORDS_ASB_INCIDENTS) got=$(fc_total asb-incidents-per-1000 numerator) ;;
    RECORDS_CRIMES) got=$(fc_total crimes-per-1000 numerator) ;;
    RECORDS_STOP_SEARCH_FINDS) got=$(fc_total stop-search-find-rate numerator) ;;
    RECORDS_STOP_SEARCHES) got=$(fc_total stop-search-find-rate denominator) ;;
  esac
  duck=-
  [ "${SKIP_DUCKDB:-0}" = 1 ] || duck=$(grep -o "total $m=[0-9]*" "$OUT/duck.log" | cut -d= -f2)
  flag=OK; [ "$want" = "$got" ] || flag=MISMATCH
  [ "${SKIP_DUCKDB:-0}" = 1 ] || [ "$duck" = "$want" ] || flag=MISMATCH
  echo "   $m generated=$want force-compare=$got duckdb=$duck $flag"
done

# ---- summary: the median round of each contender
echo
echo "== summary: $STREET_ROWS street rows (+ $SS_ROWS stop-and-search), $THREADS threads on $(nproc) cores, median of $ROUNDS rounds"
printf '%-62s %8s %14s %14s %10s  %s\n' contender "wall s" "street rows/s" "all rows/s" "peak MB" "every round (s)"
line() { # LABEL NAME ALL_ROWS_OR_DASH
  read -r w r < <(median "$2")
  LBL="$1" awk -v w="$w" -v s="$STREET_ROWS" -v a="$3" -v r="$r" -v rounds="$(all_walls "$2")" \
    'BEGIN { printf "%-62s %8.2f %14.0f %14s %10.0f  %s\n", ENVIRON["LBL"], w, s / w, (a == "-" ? "-" : sprintf("%.0f", a / w)), r / 1024, rounds }'
}
wall() { median "$1" | awk '{ print $1 }'; }
line "force-compare run (java -Xmx512m -jar)" fc "$ALL_ROWS"
[ "${SKIP_LAUNCHER:-0}" = 1 ] || line "force-compare run (JAVA_OPTS=-Xmx512m bin/force-compare)" launcher "$ALL_ROWS"
[ "${SKIP_COPY:-0}" = 1 ] || line "psql \\copy street files -> unlogged table (client RSS)" copy -
[ "${SKIP_DUCKDB:-0}" = 1 ] || line "DuckDB read_csv + GROUP BY (street + stop-and-search)" duck "$ALL_ROWS"
echo
for who in fc launcher; do
  [ "$who" = launcher ] && [ "${SKIP_LAUNCHER:-0}" = 1 ] && continue
  name=$([ "$who" = fc ] && echo "java -jar" || echo "bin/force-compare")
  a=$(wall "$who")
  [ "${SKIP_COPY:-0}" = 1 ] || awk -v a="$a" -v b="$(wall copy)" -v n="$name" 'BEGIN { printf "%-18s COPY wall / force-compare wall = %.2f  (target > 1: ahead of COPY) %s\n", n ":", b / a, (b > a ? "MET" : "NOT MET") }'
  [ "${SKIP_DUCKDB:-0}" = 1 ] || awk -v a="$a" -v b="$(wall duck)" -v n="$name" 'BEGIN { printf "%-18s force-compare wall / DuckDB wall = %.2f  (target <= 2) %s\n", n ":", a / b, (a <= 2 * b ? "MET" : "NOT MET") }'
  awk -v a="$a" -v n="$STREET_ROWS" -v who="$name" 'BEGIN { t = 60 * n / 10000000; printf "%-18s %.2f s for %d street rows (target < %.0f s, i.e. 10M in a minute) %s\n", who ":", a, n, t, (a < t ? "MET" : "NOT MET") }'
done
