#!/usr/bin/env bash
# Installs the Debian packages named as arguments when they are missing.
# As root on Debian it uses apt-get; otherwise it names the command to run and fails.
set -euo pipefail
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian system: make sure these are installed: $*" >&2
  exit 0
fi
missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
