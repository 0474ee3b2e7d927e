#!/usr/bin/env bash
# Builds the function jars and this module, then runs the benchmarks (see README.md).
# Arguments go to dev.openrecog.benchmarks.Benchmarks (e.g. --vision-only for DetectImageLabels alone);
# OPENRECOG_BENCH_NO_BUILD=1 skips the build.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ "${OPENRECOG_BENCH_NO_BUILD:-}" != 1 ]; then
  mvn -q -DskipTests install
  # Built by the reactor above once tools/pom.xml lists it; until then, on its own.
  if ! grep -q '<module>benchmarks</module>' tools/pom.xml; then
    mvn -q -DskipTests -f tools/benchmarks/pom.xml package
  fi
fi
exec java -cp "tools/benchmarks/target/openrecog-benchmarks.jar:tools/benchmarks/target/lib/*" \
  dev.openrecog.benchmarks.Benchmarks "$@"
