# Sourced by the launch scripts: finds a JDK 21 or newer and exports JAVA_HOME.
# Order: JAVA_HOME if it is new enough, then the javac on PATH, then the newest JDK under /usr/lib/jvm.

jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(jdk_major "$1")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

find_jdk() {
  local candidate best="" best_major=0 major
  if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if jdk_ok "$candidate"; then
      printf '%s\n' "$candidate"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] || continue
    jdk_ok "$candidate" || continue
    major=$(jdk_major "$candidate")
    if [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    printf '%s\n' "$best"
    return 0
  fi
  {
    echo "LocoLink needs a JDK 21 or newer (Pi4J 3 is built for Java 21), and none was found."
    if [ -n "${JAVA_HOME:-}" ]; then
      echo "  JAVA_HOME=$JAVA_HOME is not a JDK 21+ (major version: $(jdk_major "$JAVA_HOME" 2>/dev/null || echo unknown))."
    fi
    if command -v java >/dev/null 2>&1; then
      echo "  The java on PATH is: $(java -version 2>&1 | head -n 1)"
    fi
    echo "  Looked in /usr/lib/jvm as well."
    echo "Install one (e.g. 'apt-get install openjdk-21-jdk', or Temurin 21/25) or set JAVA_HOME to it."
  } >&2
  return 1
}
