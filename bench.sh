#!/usr/bin/env bash
# Side-by-side benchmark: DEPAF beside GDSC SMLM on the shared dense stack and a simulated density grid.
#   ./bench.sh            full run (writes docs/benchmarks.md and docs/benchmarks/*.png)
#   ./bench.sh --quick    smoke run: fewer data sets, short training
#   other options: --only NAME[,NAME] (e.g. shared-dense,sim-d0.5-p1000), --out FILE, --data FOLDER
# Builds the benchmark module (Maven profile "bench") first when it is missing or older than its sources.
set -euo pipefail
cd "$(dirname "$0")"
JAR=org.knime.depaf.bench/target/org.knime.depaf.bench.jar
if [[ ! -f "$JAR" ]] || [[ -n "$(find org.knime.depaf.bench/src org.knime.depaf.bench/pom.xml org.knime.depaf/src \
    org.knime.depaf/pom.xml -newer "$JAR" -print -quit)" ]]; then
  echo "Building the benchmark (./mvnw -B -Pbench package -pl org.knime.depaf.bench -am) ..."
  ./mvnw -B -q -Pbench package -pl org.knime.depaf.bench -am -DskipTests
fi
# One OpenMP thread: deterministic training and no oversubscription on small shared machines.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export DEPAF_BENCH_COMMAND="./bench.sh${*:+ $*}"
exec java -Djava.awt.headless=true -jar "$JAR" "$@"
