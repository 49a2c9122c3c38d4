# Sourced by ./mvnw and ./archlab. archlab targets Java 21, so when JAVA_HOME (or the java on
# PATH) is older, this picks the newest JDK 21+ it can find in the usual install folders and
# exports JAVA_HOME. It never overrides a JAVA_HOME that already points at a JDK 21+.
archlab_jdk_major() {
  "$1/bin/java" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9][0-9]*\).*/\1/p'
}
archlab_jdk_fits() {
  [ -x "$1/bin/javac" ] || return 1
  archlab_major=$(archlab_jdk_major "$1")
  [ -n "$archlab_major" ] && [ "$archlab_major" -ge 21 ]
}
if [ -n "${JAVA_HOME-}" ] && archlab_jdk_fits "$JAVA_HOME"; then
  :
else
  archlab_found=
  if command -v java >/dev/null 2>&1; then
    archlab_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    archlab_jdk_fits "$archlab_home" && archlab_found=$archlab_home
  fi
  if [ -z "$archlab_found" ]; then
    case $- in *f*) archlab_noglob=1; set +f ;; *) archlab_noglob= ;; esac
    for archlab_home in $(ls -d /usr/lib/jvm/* /opt/java/* /usr/local/java/* \
        "$HOME"/.sdkman/candidates/java/* 2>/dev/null | sort -rV); do
      if archlab_jdk_fits "$archlab_home"; then archlab_found=$archlab_home; break; fi
    done
    [ -z "$archlab_noglob" ] || set -f
  fi
  if [ -n "$archlab_found" ]; then
    JAVA_HOME=$archlab_found
    export JAVA_HOME
  else
    echo "archlab needs a JDK 21 or newer: set JAVA_HOME to one (found none)." >&2
  fi
fi
