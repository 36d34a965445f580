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

# The runtime is found, and the class cache named, by the shell itself, forking as few processes as it
# can: on a busy two-core board every fork before the JVM is time before the first frame.

# Major version of the runtime in $1 into m, from its release file (no JVM started for it); empty when
# the file has none.
major() {
  m=""
  [ -r "$1/release" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      JAVA_VERSION=*)
        v=${line#JAVA_VERSION=}
        v=${v#\"}
        m=${v%%[!0-9]*}
        return 0
        ;;
    esac
  done < "$1/release"
}

usable() {
  [ -x "$1/bin/java" ] || return 1
  major "$1"
  [ -n "$m" ] && [ "$m" -ge 21 ]
}

# Sets home (the runtime's directory) and m (its major version).
find_java() {
  if [ -n "${JAVA_HOME:-}" ] && usable "$JAVA_HOME"; then
    home=$JAVA_HOME; return 0
  fi
  if command -v java >/dev/null 2>&1; then
    home=$(readlink -f "$(command -v java)")
    home=${home%/*}; home=${home%/*}
    if usable "$home"; then
      return 0
    fi
  fi
  best=""; best_major=0
  for candidate in /usr/lib/jvm/*; do
    usable "$candidate" || continue
    if [ "$m" -gt "$best_major" ]; then best="$candidate"; best_major=$m; fi
  done
  if [ -n "$best" ]; then
    home=$best; m=$best_major; return 0
  fi
  return 1
}

if ! find_java; then
  echo "@COMMAND@: needs Java 21 or newer; install openjdk-21-jre-headless or temurin-21-jre, or set JAVA_HOME" \
    "in /etc/default/@DEFAULTS@" >&2
  exit 1
fi
java=$home/bin/java

# The class cache the service names (LOCOLINK_CLASS_CACHE: a path without its extension), so that a
# start maps the classes instead of parsing and verifying them. On Java 25 or newer an ahead-of-time
# cache (JEP 483, 514, 515: classes loaded and linked, method profiles): the first run records and
# writes it when it stops cleanly, later runs map it. It belongs to one Java runtime and one set of
# jars, so its name carries their fingerprint (the runtime's launcher and release file, and the jars:
# names, sizes, times) and an upgrade of either starts a new one. On Java 21 to 24 a dynamic class-data
# archive, which the JVM writes at a clean stop and rewrites by itself.
cache=""
if [ -n "${LOCOLINK_CLASS_CACHE:-}" ]; then
  if [ "$m" -ge 25 ]; then
    stamp=$(ls -lL --full-time "$java" "$home/release" "$lib" 2>/dev/null | cksum)
    stamp=${stamp%% *}
    if [ -f "$LOCOLINK_CLASS_CACHE-$stamp.aot" ]; then
      cache="-XX:AOTCache=$LOCOLINK_CLASS_CACHE-$stamp.aot"
    else
      rm -f "$LOCOLINK_CLASS_CACHE"-*.aot "$LOCOLINK_CLASS_CACHE.jsa"  # other runtimes' or jars'
      cache="-XX:AOTCacheOutput=$LOCOLINK_CLASS_CACHE-$stamp.aot"
      # With the client compiler alone (-XX:TieredStopAtLevel=1) no method profile is ever used, yet a cache
      # holding the recording run's profiles has every start compile more while it starts: record none.
      # The option is a diagnostic one of Java 25, which a later Java may not know: only there.
      case " ${LOCOLINK_JAVA_OPTS:-} " in
        *" -XX:TieredStopAtLevel=1 "*)
          if [ "$m" -eq 25 ]; then
            cache="$cache -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining"
          fi
          ;;
      esac
    fi
    cache="$cache -Xlog:aot*=off -Xlog:cds*=off"
  else
    cache="-XX:SharedArchiveFile=$LOCOLINK_CLASS_CACHE.jsa -XX:+AutoCreateSharedArchive -Xlog:cds*=off"
  fi
fi
# The options are lists of words, split but never expanded as file names (a compile command names classes
# with *).
set -f
# shellcheck disable=SC2086 # the options are lists of words
exec "$java" ${LOCOLINK_JAVA_OPTS:-} $cache -cp "$lib/*" @MAIN@ "$@"
