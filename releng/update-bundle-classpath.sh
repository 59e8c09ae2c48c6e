#!/bin/sh
# Rewrites Bundle-ClassPath in org.knime.depaf/META-INF/MANIFEST.MF from the jars that the build put in
# org.knime.depaf/lib/. Run it after changing the engine's dependencies (then ./mvnw -B verify: a test fails
# while lib/ and the manifest disagree). Tycho reads the manifest before any build step runs, so the list
# cannot be generated during the build itself.
#
# Native jars are listed for every platform the build can select with -Djavacpp.platform
# (OSGi skips Bundle-ClassPath entries that are absent), so one manifest serves every platform build.
set -eu
cd "$(dirname "$0")/../org.knime.depaf"
[ -d lib ] || { echo "lib/ is missing: run ./mvnw -B verify first" >&2; exit 1; }
platforms="linux-x86_64 windows-x86_64 macosx-x86_64"
entries=$(
  for jar in lib/*.jar; do
    name=$(basename "$jar")
    matched=no
    for p in $platforms; do
      case "$name" in
        *-"$p".jar|*-"$p"-*.jar)
          matched=yes
          for q in $platforms; do echo "lib/$(echo "$name" | sed "s/$p/$q/")"; done ;;
      esac
    done
    [ "$matched" = yes ] || echo "lib/$name"
  done | sort -u)
{
  sed '/^Bundle-ClassPath:/,/^[^ ]/{/^Bundle-ClassPath:/d;/^ /d}' META-INF/MANIFEST.MF
  printf 'Bundle-ClassPath: .'
  for e in $entries; do printf ',\n %s' "$e"; done
  printf '\n'
} > META-INF/MANIFEST.MF.new
mv META-INF/MANIFEST.MF.new META-INF/MANIFEST.MF
echo "Bundle-ClassPath now lists $(echo "$entries" | wc -l) jars"
