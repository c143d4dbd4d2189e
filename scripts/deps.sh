#!/usr/bin/env bash
# deps.sh: make sure the Debian 12 packages folio needs are installed.
# As root, installs what is missing (apt-get); otherwise prints the exact apt-get line and exits 1.
# Usage: scripts/deps.sh [host]      (ports install their own packages: platforms/ci/run-ports.sh)
set -euo pipefail

# libmd4c-html0-dev: Debian's md4cConfig.cmake (in libmd4c-dev) also imports md4c-html and stops the
# configure when libmd4c-html.so is absent, although libmd4c-dev does not depend on it.
pkgs=(
  cmake g++ make ninja-build pkg-config python3
  libzstd-dev zstd libflatbuffers-dev flatbuffers-compiler catch2
  libmd4c-dev libmd4c-html0-dev libyaml-cpp-dev libutf8proc-dev libcli11-dev nlohmann-json3-dev
  libstemmer-dev libsqlite3-dev binutils wamerican
)

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "folio needs these Debian packages. Install them, then run this again:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# An index that fails to refresh (mirror sync) must not stop an install that can still succeed.
apt-get update -qq || echo "deps.sh: apt-get update reported a problem; trying the install anyway" >&2
apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
