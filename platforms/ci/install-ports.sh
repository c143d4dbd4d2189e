#!/usr/bin/env bash
# Installs what the ports need from Debian (and playwright-core from npm). Idempotent: packages already
# installed are skipped, so a warm machine spends a few seconds here. Sourced by run-ports.sh; can also be
# run alone:  bash platforms/ci/install-ports.sh [arm wasm baremetal windows jni headers ...]
# Everything goes through apt-get with a dpkg lock timeout: other jobs on the machine may hold the lock.
set -uo pipefail

FOLIO_ROOT=${FOLIO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PORTS_BUILD=${PORTS_BUILD:-$FOLIO_ROOT/build-ports}
APT=(apt-get -y -q -o DPkg::Lock::Timeout=600 --no-install-recommends)
# FOLIO_SUDO_NONINTERACTIVE=1 (test.sh's background install): sudo never asks for a password, it fails,
# and the foreground install of the ports phase asks instead.
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if [ -n "$SUDO" ] && [ "${FOLIO_SUDO_NONINTERACTIVE:-}" = 1 ]; then SUDO="sudo -n"; fi

ports_pkgs() {
  case $1 in
    arm)       # the whole project is cross-built (tools and tests too): target versions of its libraries
               echo g++-aarch64-linux-gnu g++-arm-linux-gnueabihf qemu-user-static \
                    libzstd-dev:arm64 libzstd-dev:armhf libmd4c-dev:arm64 libmd4c-dev:armhf libmd4c-html0-dev:arm64 libmd4c-html0-dev:armhf \
                    libyaml-cpp0.7:arm64 libyaml-cpp0.7:armhf ;;
    wasm)      echo emscripten chromium ;;
    baremetal) echo gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-dev qemu-system-arm ;;
    windows)   echo mingw-w64 g++-mingw-w64-x86-64-posix wine wine64 ;;
    jni)       echo default-jdk-headless ;;
    headers)   echo ;;
  esac
  # every port: the host toolchain and the build tool's dependencies (the host builder makes test packs)
  echo cmake g++ libzstd-dev libflatbuffers-dev flatbuffers-compiler catch2 xxd dpkg-dev \
       libmd4c-dev libmd4c-html0-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
}

ports_missing() { # prints the packages of "$@" that are not installed
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || echo "$p"
  done
}

ports_apt_update() {
  # The armhf security index regularly fails with a size mismatch ("Mirror sync in progress?") and makes
  # apt-get update exit 100 although every other index is fine and installs work: never fatal here.
  $SUDO "${APT[@]}" update >/dev/null 2>&1 || echo "install: apt-get update exited $? (known armhf index issue; continuing)"
}

# A Multi-Arch: same library must have one version on every architecture. When the armhf security index
# fails to download (ports_apt_update), apt drops that suite for the foreign architectures, so a native
# library updated by bookworm-security (libzstd 1.5.4+dfsg2-5+deb12u1 on 2026-12-05) has no matching
# arm64 / armhf version and the cross packages cannot be installed. ports_multiarch_pins prints pins
# (pkg:arch=version) to the newest version every architecture has, for each such library among the
# packages "$@" want (by their libzstd, the one seen); empty when there is nothing to pin.
ports_multiarch_pins() {
  local lib arch v common native; native=$(dpkg --print-architecture)
  for lib in libzstd1 libzstd-dev; do
    printf '%s\n' "$@" | grep -q "^libzstd-dev:" || continue
    common=$(apt-cache madison "$lib" 2>/dev/null | awk '{print $3}' | sort -u)
    for arch in arm64 armhf; do
      common=$(comm -12 <(echo "$common") <(apt-cache madison "$lib:$arch" 2>/dev/null | awk '{print $3}' | sort -u))
    done
    v=$(echo "$common" | sed '/^$/d' | sort -V | tail -1)
    [ -n "$v" ] || continue
    echo "$lib:$native=$v $lib:arm64=$v $lib:armhf=$v"
  done
}

ports_install() { # ports_install arm wasm ...
  local t want=() need
  for t in "$@"; do
    [ "$t" = arm ] && for a in arm64 armhf; do
      dpkg --print-foreign-architectures | grep -qx $a || { $SUDO dpkg --add-architecture $a; PORTS_NEED_UPDATE=1; }
    done
    want+=($(ports_pkgs "$t"))
  done
  need=$(ports_missing $(printf '%s\n' "${want[@]}" | sort -u))
  if [ -n "$need" ] || [ -n "${PORTS_NEED_UPDATE:-}" ]; then
    ports_apt_update
    if [ -n "$need" ]; then
      echo "install: apt-get install $(echo $need)"
      if ! DEBIAN_FRONTEND=noninteractive $SUDO "${APT[@]}" install $need >"$PORTS_BUILD/apt-install.log" 2>&1; then
        local pins; pins=$(ports_multiarch_pins $need)
        if [ -n "$pins" ]; then
          echo "install: the foreign architectures lack the native version of a Multi-Arch library; installing $(echo $pins) on every architecture"
          local rest; rest=$(printf '%s\n' $need | grep -v -E "^($(printf '%s\n' $pins | sed -E 's/:[a-z0-9]+=.*//' | sort -u | paste -sd'|'))(:[a-z0-9]+)?$")
          DEBIAN_FRONTEND=noninteractive $SUDO "${APT[@]}" install --allow-downgrades $rest $pins >"$PORTS_BUILD/apt-install.log" 2>&1 \
            || { echo "install: apt-get install failed, see $PORTS_BUILD/apt-install.log"; tail -20 "$PORTS_BUILD/apt-install.log"; return 1; }
        else
          echo "install: apt-get install failed, see $PORTS_BUILD/apt-install.log"; tail -20 "$PORTS_BUILD/apt-install.log"; return 1
        fi
      fi
    fi
  fi
  for t in "$@"; do
    case $t in
      wasm|baremetal|jni) ports_zstd_source || return 1 ;;
      windows) { ports_zstd_source && ports_source md4c src/md4c.h && ports_source yaml-cpp include/yaml-cpp/yaml.h; } || return 1 ;;
    esac
    [ "$t" = wasm ] && { ports_playwright || return 1; }
  done
  return 0
}

# Debian source packages, extracted under build-ports/src: zstd (its decoder for wasm, bare metal and
# Windows; the whole library for the Windows tools), md4c and yaml-cpp (Windows tools). Nothing is
# downloaded from anywhere but Debian. apt-get source needs a deb-src entry, which Debian images lack.
ports_deb_src_entry() {
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    echo "install: adding a deb-src entry (/etc/apt/sources.list.d/folio-deb-src.sources)"
    sed -n '/^Types: deb$/,/^$/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | sed 's/^Types: deb$/Types: deb-src/' \
      | $SUDO tee /etc/apt/sources.list.d/folio-deb-src.sources >/dev/null
    [ -s /etc/apt/sources.list.d/folio-deb-src.sources ] || printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      | $SUDO tee /etc/apt/sources.list.d/folio-deb-src.sources >/dev/null
    ports_apt_update
  fi
}

# ports_source SRCPKG MARKER: extract Debian source package SRCPKG unless build-ports/src/*/MARKER exists.
# The newest source version is tried first, then the older ones apt knows (a security update's source
# can be missing from the mirror while its binary is installed: bookworm-security's libzstd
# 1.5.4+dfsg2-5+deb12u1 answered 404 on a fresh machine, bookworm's 1.5.4+dfsg2-5 did not). If the Debian
# patch tarball cannot be fetched (snapshot mirrors sometimes lack it), the upstream .orig tarball from
# the same Debian pool is extracted instead.
ports_source() {
  local pkg=$1 marker=$2 dir="$PORTS_BUILD/src"
  if compgen -G "$dir/*/$marker" >/dev/null; then return 0; fi
  ports_deb_src_entry
  mkdir -p "$dir"
  local v versions
  versions=$(apt-cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -rV | uniq)
  : >"$dir/$pkg.apt.log"
  for v in "" $versions; do
    (cd "$dir" && apt-get -q -o DPkg::Lock::Timeout=600 source --download-only "$pkg${v:+=$v}" >>"$dir/$pkg.apt.log" 2>&1) \
      && break
    echo "install: apt-get source $pkg${v:+=$v} failed; trying an older version" >>"$dir/$pkg.apt.log"
  done
  local dsc; dsc=$(cd "$dir" && ls "${pkg}"_*.dsc 2>/dev/null | head -1)
  [ -n "$dsc" ] && (cd "$dir" && dpkg-source -x "$dsc" >/dev/null 2>&1)
  if ! compgen -G "$dir/*/$marker" >/dev/null; then
    local orig; orig=$(cd "$dir" && ls "${pkg}"_*.orig.tar.* 2>/dev/null | head -1)
    [ -n "$orig" ] && (cd "$dir" && tar -xf "$orig")
  fi
  compgen -G "$dir/*/$marker" >/dev/null || { echo "install: apt-get source $pkg failed (see $dir/$pkg.apt.log)"; return 1; }
}
ports_zstd_source() { ports_source libzstd lib/zstd.h; }

# playwright-core (no browser download: it drives Debian's /usr/bin/chromium), pinned, in the build dir.
ports_playwright() {
  local dir="$PORTS_BUILD/npm"
  [ -f "$dir/node_modules/playwright-core/package.json" ] && return 0
  mkdir -p "$dir"
  (cd "$dir" && [ -f package.json ] || echo '{"name":"folio-ports-e2e","private":true}' >package.json
   PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent playwright-core@1 >/dev/null 2>&1) \
    || { echo "install: npm install playwright-core failed"; return 1; }
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  mkdir -p "$PORTS_BUILD"
  [ $# -gt 0 ] || set -- arm wasm baremetal windows jni headers
  start=$(date +%s)
  ports_install "$@"; rc=$?
  echo "install: $(( $(date +%s) - start )) s (rc $rc)"
  exit $rc
fi
