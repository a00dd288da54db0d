#!/usr/bin/env bash
# Builds breaker-core, the starter and the benchmarks, runs every benchmark and heap measurement, and writes
# docs/benchmarks.md. Options: --quick (one second per benchmark, to check that all runs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA=java
fi
mvn -B -q -N install
mvn -B -q -pl breaker-core,breaker-redis,breaker-spring-boot-starter install -DskipTests
mvn -B -q -pl breaker-benchmarks package
"$JAVA" -jar breaker-benchmarks/target/benchmarks.jar --out docs/benchmarks.md "$@" \
  2>&1 | tee breaker-benchmarks/target/benchmarks.log
