#!/usr/bin/env bash
# Installs the Debian packages weft needs, only those that are missing.
# Called by `make` before building; safe to run again (does nothing when all
# packages are present). Uses apt-get as root, or through sudo otherwise.
set -euo pipefail

packages=(
  pkg-config
  liblua5.4-dev
  libtermkey-dev
  libunibilium-dev
  libutf8proc-dev
  libcmark-gfm-dev
  libcmark-gfm-extensions-dev
  libvterm-dev
  libcurl4-openssl-dev
  tmux
  python3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "weft: installing missing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1; then
  run=(sudo)
else
  echo "weft: these Debian packages are missing: ${missing[*]}" >&2
  echo "weft: run as root, or install sudo, or install them yourself:" >&2
  echo "      apt-get install ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq || true
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
