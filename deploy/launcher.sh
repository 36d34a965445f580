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
# shellcheck disable=SC2086 # the options are a list of words
exec "$java" ${LOCOLINK_JAVA_OPTS:-} -cp "$lib/*" @MAIN@ "$@"
