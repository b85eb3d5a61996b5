#!/bin/sh
# Make sure the Debian packages the tests need are installed: chromium (/usr/bin/chromium, the end-to-end
# tests) and ffmpeg (ffmpeg and ffprobe, which read and write videos for the command line and its tests).
# Idempotent: does nothing when every program is already there. Installs the missing packages with
# apt-get only when running as root on a system that has apt-get; otherwise explains how and exits 1.
set -eu

# One "program package" pair per line.
NEEDED="/usr/bin/chromium chromium
ffmpeg ffmpeg
ffprobe ffmpeg"

# The packages of the programs that are missing, once each, on one line.
missing_packages() {
  echo "$NEEDED" | while read -r program package; do
    if ! command -v "$program" >/dev/null 2>&1; then
      echo "$package"
    fi
  done | sort -u | tr '\n' ' '
}
missing=$(missing_packages | sed 's/ *$//')

if [ -z "$missing" ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  # shellcheck disable=SC2086 # one word per package
  if apt-get update -qq >"$log" 2>&1 && apt-get install -y -qq --no-install-recommends $missing >>"$log" 2>&1; then
    rm -f "$log"
    left=$(missing_packages | sed 's/ *$//')
    if [ -z "$left" ]; then
      echo "ensure-system-packages: installed $missing"
      exit 0
    fi
    echo "ensure-system-packages: installed $missing but still missing a program of: $left" >&2
    exit 1
  fi
  echo "ensure-system-packages: apt-get install $missing failed; log:" >&2
  tail -n 20 "$log" >&2
  rm -f "$log"
  exit 1
fi

echo "ensure-system-packages: missing Debian packages: $missing" >&2
echo "  The end-to-end tests need chromium; the video command line and its tests need ffmpeg." >&2
echo "  Install them with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
echo "  (or run this script as root on a Debian/Ubuntu system to install them automatically)" >&2
exit 1
