#!/bin/sh
# Writes knime-api-kit/org.knime.core/META-INF/MANIFEST.MF from the KNIME API test kit (../shared/knime-api):
# Bundle-ClassPath = the kit's jars plus the third-party jars its pom lists (less the OSGi framework and
# Eclipse runtime bundles that third-party/pom.xml excludes), Export-Package = every package of KNIME's
# classes in the kit. Tycho reads manifests before any build step runs, so this cannot happen during the
# build; run it when the kit changes (a test of the real-KNIME stage fails while manifest and kit disagree).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kit=${1:-$here/../../shared/knime-api}
[ -f "$kit/knime-api-5.8.jar" ] || { echo "no KNIME API kit at $kit" >&2; exit 1; }
excluded=$(sed -n 's:.*<excludeArtifactIds>\(.*\)</excludeArtifactIds>.*:\1:p' "$here/third-party/pom.xml" | tr ',' ' ')
jars=$(
  for j in "$kit"/*.jar; do echo "lib/$(basename "$j")"; done
  sed -n 's:.*<artifactId>\([^<]*\)</artifactId><version>\([^<]*\)</version>.*:\1 \2:p' "$kit/third-party-pom.xml" |
    while read -r artifact version; do
      case " $excluded " in *" $artifact "*) ;; *) echo "lib/$artifact-$version.jar" ;; esac
    done)
packages=$(unzip -Z1 "$kit/knime-api-5.8.jar" | sed -n 's:^\(org/knime/.*\)/[^/]*\.class$:\1:p' | sort -u | tr '/' '.')
out="$here/org.knime.core/META-INF/MANIFEST.MF"
{
  cat <<HEAD
Manifest-Version: 1.0
Bundle-ManifestVersion: 2
Bundle-Name: KNIME 5.8 API test kit as org.knime.core (test fixture, never shipped)
Bundle-SymbolicName: org.knime.core;singleton:=true
Bundle-Version: 5.8.3.qualifier
Bundle-Vendor: DEPAF for KNIME (test fixture; classes compiled from KNIME's public sources)
DEPAF-KNIME-API: test kit
Bundle-RequiredExecutionEnvironment: JavaSE-17
Bundle-Activator: org.knime.core.internal.CorePlugin
Bundle-ActivationPolicy: lazy
Eclipse-BundleShape: dir
Require-Bundle: org.eclipse.core.runtime;visibility:=reexport,
 org.knime.core.util;bundle-version="[6.8.1,7.0.0)";visibility:=reexport
Import-Package: org.osgi.service.prefs
HEAD
  printf 'Bundle-ClassPath: '
  echo "$jars" | sed '2,$s/^/ /' | sed '$!s/$/,/'
  printf 'Export-Package: '
  echo "$packages" | sed '2,$s/^/ /' | sed '$!s/$/,/'
} > "$out.new"
mv "$out.new" "$out"
echo "$out: $(echo "$jars" | wc -l) jars, $(echo "$packages" | wc -l) packages"
