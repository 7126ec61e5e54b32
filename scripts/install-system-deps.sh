#!/usr/bin/env bash
# Installs what the PDF brief and its tests need from Debian's packages, only if missing:
# Chromium and its headless shell (which prints the HTML brief to PDF: the same engine without the
# desktop browser, half the memory), Noto Sans (Latin text, TrueType so the PDF embeds it as
# TrueType rather than Type 3), Noto CJK fonts (Chinese names), poppler-utils (pdftotext).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
fc-list : family 2>/dev/null | grep -E "^Noto Sans(,|$)" >/dev/null || missing+=(fonts-noto-core)
fc-list : family 2>/dev/null | grep "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}. This is not a Debian-like system: install" >&2
  echo "Chromium (and its headless shell), Noto Sans and Noto Sans CJK fonts and poppler's pdftotext yourself, then re-run." >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "Missing system packages: ${missing[*]}. Run as root or with sudo:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# matplotlib keeps a list of the fonts it found; drop it so that charts see the new fonts.
rm -f "${MPLCONFIGDIR:-${XDG_CACHE_HOME:-$HOME/.cache}/matplotlib}"/fontlist-*.json
