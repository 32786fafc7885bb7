#!/usr/bin/env bash
# Refresh the vendored front-end assets of the Logbook from the npm registry (no CDN at run
# time). Run it when bumping a version below, then commit src/tpmap/site/static/vendor/.
set -euo pipefail
HTMX_VERSION="${HTMX_VERSION:-2.0.11}"
LEAFLET_VERSION="${LEAFLET_VERSION:-1.9.4}"
SARABUN_VERSION="${SARABUN_VERSION:-5.3.0}"
ECHARTS_VERSION="${ECHARTS_VERSION:-6.1.0}"

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/src/tpmap/site/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "htmx.org@$HTMX_VERSION" "leaflet@$LEAFLET_VERSION" \
  "@fontsource/sarabun@$SARABUN_VERSION" "echarts@$ECHARTS_VERSION" >/dev/null
mkdir htmx leaflet sarabun echarts
tar -xzf "htmx.org-$HTMX_VERSION.tgz" -C htmx
tar -xzf "leaflet-$LEAFLET_VERSION.tgz" -C leaflet
tar -xzf "fontsource-sarabun-$SARABUN_VERSION.tgz" -C sarabun
tar -xzf "echarts-$ECHARTS_VERSION.tgz" -C echarts

rm -rf "$dest/htmx" "$dest/leaflet" "$dest/sarabun" "$dest/echarts"
mkdir -p "$dest/htmx" "$dest/leaflet/images" "$dest/sarabun" "$dest/echarts"
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
# ECharts (Apache-2.0, with its NOTICE): the monitoring dashboard's charts and area map,
# drawn on a canvas (no inline styles or scripts, so the Content-Security-Policy holds).
cp echarts/package/dist/echarts.min.js "$dest/echarts/"
cp echarts/package/LICENSE echarts/package/NOTICE "$dest/echarts/"
# Keep the lines of assets refreshed by other scripts (workbox: scripts/refresh_workbox.sh).
others="$(grep -v -E '^(htmx.org|leaflet|@fontsource/sarabun|echarts) ' "$dest/VERSIONS" || true)"
{
  printf 'htmx.org %s\nleaflet %s\n@fontsource/sarabun %s\necharts %s\n' "$HTMX_VERSION" \
    "$LEAFLET_VERSION" "$SARABUN_VERSION" "$ECHARTS_VERSION"
  if [ -n "$others" ]; then printf '%s\n' "$others"; fi
} >"$dest/VERSIONS.new"
mv "$dest/VERSIONS.new" "$dest/VERSIONS"
echo "vendored htmx $HTMX_VERSION, leaflet $LEAFLET_VERSION, sarabun $SARABUN_VERSION," \
  "echarts $ECHARTS_VERSION into $dest"
