#!/usr/bin/env bash
# JMH benchmarks of the pipeline's per-event steps (the benchmarks module; docs/BENCHMARKS.md).
# Builds the module with the Maven wrapper, then runs JMH on its classes and their runtime class path
# (no shaded jar). Arguments go to JMH:
#   scripts/jmh.sh                                        every benchmark, the settings in the classes
#   scripts/jmh.sh -f 1 -wi 3 -w 2s -i 5 -r 2s            the run in docs/BENCHMARKS.md
#   scripts/jmh.sh ParseBenchmark                         one class (a regular expression on the names)
#   scripts/jmh.sh -l / -h                                list the benchmarks / JMH's options
# Maven reads MAVEN_ARGS itself: MAVEN_ARGS=-o scripts/jmh.sh builds offline.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$JAVA" >/dev/null 2>&1; then
  echo "jmh.sh: no Java found. Install a JDK 17 or newer or set JAVA_HOME." >&2
  exit 1
fi

(cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)

CLASSPATH_FILE="$ROOT/benchmarks/target/jmh-classpath.txt"
if [ ! -s "$CLASSPATH_FILE" ]; then
  echo "jmh.sh: the build wrote no class path to $CLASSPATH_FILE (maven-dependency-plugin's build-classpath in benchmarks/pom.xml)." >&2
  exit 1
fi
exec "$JAVA" -cp "$ROOT/benchmarks/target/classes:$(cat "$CLASSPATH_FILE")" org.openjdk.jmh.Main "$@"
