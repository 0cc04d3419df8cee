#!/usr/bin/env sh
# Installs the system packages the tests need when they are missing: PostgreSQL
# server binaries (the store tests start a throwaway server) and Chromium (the
# web-portal end-to-end test). Needs root and apt-get; otherwise it says what to do.
set -eu
missing=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "The tests need these system packages:$missing — install them with: sudo apt-get install$missing" >&2
  exit 1
fi
