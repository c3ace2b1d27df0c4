#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium with playwright-core (a test tool's own
# browser download cannot reach its host here): make sure /usr/bin/chromium is there, installing
# it from Debian's packages when we are root on a Debian-like machine, else saying what to do.
set -euo pipefail

if [ -x "${SHOP_CHROMIUM:-/usr/bin/chromium}" ]; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found: installing it from Debian's packages" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi

echo "The console's browser tests need Chromium at /usr/bin/chromium (apt-get install chromium), or SHOP_CHROMIUM pointing at one." >&2
exit 1
