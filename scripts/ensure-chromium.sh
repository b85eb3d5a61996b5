#!/bin/sh
# Make sure Debian's chromium is installed at /usr/bin/chromium (used by the end-to-end tests).
# Idempotent: does nothing when it is already there. Installs it with apt-get only when running
# as root on a system that has apt-get; otherwise explains how to install it and exits 1.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  if apt-get update -qq >"$log" 2>&1 && apt-get install -y -qq --no-install-recommends chromium >>"$log" 2>&1; then
    rm -f "$log"
    echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
    exit 0
  fi
  echo "ensure-chromium: apt-get install chromium failed; log:" >&2
  tail -n 20 "$log" >&2
  rm -f "$log"
  exit 1
fi

echo "ensure-chromium: $CHROMIUM not found. The end-to-end tests need Debian's chromium." >&2
echo "  Install it with:  sudo apt-get update && sudo apt-get install -y chromium" >&2
echo "  (or run this script as root on a Debian/Ubuntu system to install it automatically)" >&2
exit 1
