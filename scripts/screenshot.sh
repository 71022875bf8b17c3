#!/usr/bin/env bash
# Regenerates docs/seed.png, the README's picture: the seed article
# (../shared/seed/aws-layoffs.txt) drawn by `newsie render` and
# photographed by headless Chromium.
#
#   scripts/screenshot.sh [ARTICLE] [OUTPUT.png]
#
# NEWSIE_BIN names a newsie binary to use instead of building one;
# NEWSIE_CHROMIUM names the browser (default: chromium on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

article=${1:-../shared/seed/aws-layoffs.txt}
output=${2:-docs/seed.png}
if [ ! -f "$article" ]; then
  echo "screenshot: $article is absent (the shared seed data is needed)" >&2
  exit 1
fi
browser=${NEWSIE_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$browser" ]; then
  echo "screenshot: Chromium is absent (run .ci/install-chromium.sh)" >&2
  exit 1
fi
if [ -z "${NEWSIE_BIN:-}" ]; then
  cargo build --release --quiet -p newsie-cli
  NEWSIE_BIN="$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')/release/newsie"
fi
bin=$(realpath "$NEWSIE_BIN")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Render from the article's folder so the page names it by file name only.
(cd "$(dirname "$article")" && "$bin" render "$(basename "$article")" -o "$work/page.html")
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-dev-shm-usage --hide-scrollbars --force-device-scale-factor=1 \
  --user-data-dir="$work/profile" --window-size=1400,1800 \
  --screenshot="$work/page.png" "file://$work/page.html" 2>/dev/null
mkdir -p "$(dirname "$output")"
mv "$work/page.png" "$output"
echo "screenshot: wrote $output"
