#!/usr/bin/env bash
# Installs headless Chromium (Debian packages `chromium` and
# `chromium-driver`) for the browser tests in tests/render.rs and for
# scripts/screenshot.sh. Does nothing when /usr/bin/chromium is present.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium: present ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq chromium chromium-driver
/usr/bin/chromium --version
