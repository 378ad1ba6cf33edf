#!/usr/bin/env bash
# `npm run test:sr`: a real screen reader (Orca) reads both services in Chromium, keyboard only, in German and
# English (scripts/screen-reader/walk.js). Installs what it needs from Debian's packages when missing, builds when
# dist/ or the server bundle is missing, and runs everything in a private D-Bus session. Transcripts: test-results/sr/.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(orca xvfb at-spi2-core dbus-x11 python3-pyatspi xdotool openbox speech-dispatcher dconf-gsettings-backend
  gsettings-desktop-schemas libglib2.0-bin)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ -z "${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium fonts-dejavu-core); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "--- installing Debian's ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f dist/efa-verpflichtungserklaerung.js ] || [ ! -f build/server/main.js ]; then
  npm run build --silent
fi

exec dbus-run-session -- node scripts/screen-reader/walk.js
