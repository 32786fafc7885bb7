#!/usr/bin/env bash
# Refresh the vendored Workbox (service worker library of the offline field app) from the
# npm registry: the production builds of the modules the field app's service worker loads
# with importScripts, and the licence. No CDN at run time: workbox-sw is told to load its
# modules from /static/vendor/workbox/ (src/tpmap/field/static/field/sw.js).
#   scripts/refresh_workbox.sh [VERSION]     (default: the version in vendor/VERSIONS)
set -euo pipefail
cd "$(dirname "$0")/.."
VENDOR=src/tpmap/site/static/vendor
DEST=$VENDOR/workbox
VERSION=${1:-$(awk '$1 == "workbox" {print $2}' "$VENDOR/VERSIONS")}
MODULES="workbox-sw workbox-core workbox-routing workbox-strategies workbox-precaching workbox-expiration"
command -v npm >/dev/null || { echo "npm is needed (apt-get install -y npm)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$DEST" && mkdir -p "$DEST"
for m in $MODULES; do
  (cd "$work" && npm pack --silent "$m@$VERSION" >/dev/null)
  mkdir -p "$work/$m" && tar -xzf "$work/$m-$VERSION.tgz" -C "$work/$m"
  if [ "$m" = workbox-sw ]; then
    cp "$work/$m/package/build/workbox-sw.js" "$DEST/"
  else
    cp "$work/$m/package/build/$m.prod.js" "$DEST/"
  fi
done
cp "$work/workbox-core/package/LICENSE" "$DEST/LICENSE"
# The prod builds end with a sourceMappingURL comment; the maps are not vendored.
sed -i '/^\/\/# sourceMappingURL=/d' "$DEST"/*.js
if grep -q '^workbox ' "$VENDOR/VERSIONS"; then
  sed -i "s/^workbox .*/workbox $VERSION/" "$VENDOR/VERSIONS"
else
  echo "workbox $VERSION" >> "$VENDOR/VERSIONS"
fi
echo "Workbox $VERSION vendored into $DEST"
