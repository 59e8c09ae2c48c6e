#!/bin/sh
# Rewrites Bundle-ClassPath in org.knime.depaf/META-INF/MANIFEST.MF from the jars that the build put in
# org.knime.depaf/lib/. Run it after changing the engine's dependencies (then ./mvnw -B verify: a test fails
# while lib/ and the manifest disagree). Tycho reads the manifest before any build step runs, so the list
# cannot be generated during the build itself. Native libraries are not in lib/: the platform fragments in
# org.knime.depaf.natives carry them, each with its own fixed list.
set -eu
cd "$(dirname "$0")/../org.knime.depaf"
[ -d lib ] || { echo "lib/ is missing: run ./mvnw -B verify first" >&2; exit 1; }
entries=$(for jar in lib/*.jar; do echo "lib/$(basename "$jar")"; done | sort)
{
  sed '/^Bundle-ClassPath:/,/^[^ ]/{/^Bundle-ClassPath:/d;/^ /d}' META-INF/MANIFEST.MF
  printf 'Bundle-ClassPath: .'
  for e in $entries; do printf ',\n %s' "$e"; done
  printf '\n'
} > META-INF/MANIFEST.MF.new
mv META-INF/MANIFEST.MF.new META-INF/MANIFEST.MF
echo "Bundle-ClassPath now lists $(echo "$entries" | wc -l) jars"
