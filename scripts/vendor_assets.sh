#!/usr/bin/env bash
# Refresh the vendored front-end assets of the Logbook from the npm registry (no CDN at run
# time). Run it when bumping a version below, then commit src/tpmap/site/static/vendor/.
set -euo pipefail
HTMX_VERSION="${HTMX_VERSION:-2.0.11}"
LEAFLET_VERSION="${LEAFLET_VERSION:-1.9.4}"
SARABUN_VERSION="${SARABUN_VERSION:-5.3.0}"

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/src/tpmap/site/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "htmx.org@$HTMX_VERSION" "leaflet@$LEAFLET_VERSION" \
  "@fontsource/sarabun@$SARABUN_VERSION" >/dev/null
mkdir htmx leaflet sarabun
tar -xzf "htmx.org-$HTMX_VERSION.tgz" -C htmx
tar -xzf "leaflet-$LEAFLET_VERSION.tgz" -C leaflet
tar -xzf "fontsource-sarabun-$SARABUN_VERSION.tgz" -C sarabun

rm -rf "$dest/htmx" "$dest/leaflet" "$dest/sarabun"
mkdir -p "$dest/htmx" "$dest/leaflet/images" "$dest/sarabun"
# Sarabun (SIL Open Font License): Thai and Latin, regular and bold, so Thai renders the
# same on every phone even without Thai system fonts.
for s in thai-400 thai-700 latin-400 latin-700; do
  cp "sarabun/package/files/sarabun-$s-normal.woff2" "$dest/sarabun/"
done
cp sarabun/package/LICENSE "$dest/sarabun/LICENSE"
cp htmx/package/dist/htmx.min.js "$dest/htmx/"
cp htmx/package/LICENSE "$dest/htmx/LICENSE"
cp leaflet/package/dist/leaflet.js leaflet/package/dist/leaflet.css "$dest/leaflet/"
cp leaflet/package/dist/images/*.png "$dest/leaflet/images/"
cp leaflet/package/LICENSE "$dest/leaflet/LICENSE"
printf 'htmx.org %s\nleaflet %s\n@fontsource/sarabun %s\n' "$HTMX_VERSION" "$LEAFLET_VERSION" \
  "$SARABUN_VERSION" >"$dest/VERSIONS"
echo "vendored htmx $HTMX_VERSION, leaflet $LEAFLET_VERSION, sarabun $SARABUN_VERSION into $dest"
