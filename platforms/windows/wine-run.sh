#!/usr/bin/env bash
# wine-run.sh PROGRAM.exe ARGS...: ctest's and the build's emulator for Windows programs (see
# cmake/toolchains/x86_64-w64-mingw32.cmake). Runs PROGRAM under wine with absolute Unix paths in ARGS
# rewritten to their Windows form on wine's Z: drive (/a/b → Z:\a\b), as a Windows user would type them:
# Windows command-line parsers (CLI11 among them) read "/a/b" as a "/option". Only arguments that name an
# existing path, or a path in an existing directory (an output file), are rewritten.
set -u
exe=$1; shift
args=()
for a in "$@"; do
  if [[ $a == /* ]] && { [ -e "$a" ] || [ -d "$(dirname "$a")" ]; }; then
    a="Z:${a//\//\\}"
  fi
  args+=("$a")
done
exec wine "$exe" "${args[@]}"
