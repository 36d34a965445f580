#!/bin/sh
# Launcher of an installed LocoLink package (@PACKAGE@): the jars in /usr/share/@PACKAGE@/lib
# on the first Java 21 or newer found, in this order: $JAVA_HOME, the java on PATH
# (update-alternatives), the newest runtime under /usr/lib/jvm.
set -eu
lib=/usr/share/@PACKAGE@/lib
# JAVA_HOME and LOCOLINK_JAVA_OPTS may be set there, for the service and for commands run by hand.
if [ -r /etc/default/@DEFAULTS@ ]; then
  . /etc/default/@DEFAULTS@
fi

# Major version of the runtime in $1, from its release file (no JVM started for it).
major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1
}

usable() {
  [ -x "$1/bin/java" ] || return 1
  m=$(major "$1")
  [ -n "$m" ] && [ "$m" -ge 21 ]
}

find_java() {
  if [ -n "${JAVA_HOME:-}" ] && usable "$JAVA_HOME"; then
    echo "$JAVA_HOME/bin/java"; return 0
  fi
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if usable "$home"; then
      echo "$home/bin/java"; return 0
    fi
  fi
  best=""; best_major=0
  for home in /usr/lib/jvm/*; do
    usable "$home" || continue
    m=$(major "$home")
    if [ "$m" -gt "$best_major" ]; then best="$home"; best_major=$m; fi
  done
  if [ -n "$best" ]; then
    echo "$best/bin/java"; return 0
  fi
  return 1
}

if ! java=$(find_java); then
  echo "@COMMAND@: needs Java 21 or newer; install openjdk-21-jre-headless or temurin-21-jre, or set JAVA_HOME" \
    "in /etc/default/@DEFAULTS@" >&2
  exit 1
fi

# The class cache the service names (LOCOLINK_CLASS_CACHE: a path without its extension), so that a
# start maps the classes instead of parsing and verifying them. On Java 25 or newer an ahead-of-time
# cache (JEP 483, 514, 515: classes loaded and linked, method profiles): the first run records and
# writes it when it stops cleanly, later runs map it. It belongs to one Java runtime and one set of
# jars, so its name carries their fingerprint and an upgrade of either starts a new one. On Java 21
# to 24 a dynamic class-data archive, which the JVM writes at a clean stop and rewrites by itself.
cache=""
if [ -n "${LOCOLINK_CLASS_CACHE:-}" ]; then
  home=$(dirname "$(dirname "$java")")
  if [ "$(major "$home")" -ge 25 ]; then
    stamp=$( { echo "$java"; cat "$home/release"; ls -lL --full-time "$lib"; } 2>/dev/null | cksum | cut -d ' ' -f 1)
    if [ -f "$LOCOLINK_CLASS_CACHE-$stamp.aot" ]; then
      cache="-XX:AOTCache=$LOCOLINK_CLASS_CACHE-$stamp.aot"
    else
      rm -f "$LOCOLINK_CLASS_CACHE"-*.aot "$LOCOLINK_CLASS_CACHE.jsa"  # other runtimes' or jars'
      cache="-XX:AOTCacheOutput=$LOCOLINK_CLASS_CACHE-$stamp.aot"
    fi
    cache="$cache -Xlog:aot*=off -Xlog:cds*=off"
  else
    cache="-XX:SharedArchiveFile=$LOCOLINK_CLASS_CACHE.jsa -XX:+AutoCreateSharedArchive -Xlog:cds*=off"
  fi
fi
# shellcheck disable=SC2086 # the options are lists of words
exec "$java" ${LOCOLINK_JAVA_OPTS:-} $cache -cp "$lib/*" @MAIN@ "$@"
