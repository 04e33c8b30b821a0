#!/usr/bin/env bash
# Sign dist/pecdesk.app for the hardened runtime, build the DMG, notarize and staple it (macOS).
#
# Run from the repository root after `pyinstaller --noconfirm pecdesk.spec`:
#     packaging/macos/sign-and-notarize.sh
# Environment:
#     PECDESK_MAC_IDENTITY   "Developer ID Application: Name (TEAMID)" in the login keychain
#                            (unset: build an unsigned DMG, skip signing and notarization, say so)
#     PECDESK_NOTARY_PROFILE a notarytool keychain profile, made once with
#                            `xcrun notarytool store-credentials <profile> --apple-id ... --team-id ...`
#                            (unset: sign and build the DMG, skip notarization, say so)
# Order matters: codesign seals what is inside a bundle, so the innermost code is signed first
# (loose Mach-O files, then the WebEngine helper app, then frameworks, then the app itself);
# no --deep, which would sign everything with one set of entitlements.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=packaging/macos
APP=dist/pecdesk.app
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' pecdesk/__init__.py)
# One DMG per architecture (arm64, x86_64): the bundle is built for the machine that builds it.
DMG="dist/pecdesk-${VERSION}-$(uname -m).dmg"
[ -d "$APP" ] || { echo "$APP missing: run pyinstaller --noconfirm pecdesk.spec first" >&2; exit 1; }

# 0. Without an identity: the DMG alone, unsigned (Gatekeeper will refuse it on other Macs).
make_dmg() {
  STAGE=$(mktemp -d)
  trap 'rm -rf "$STAGE"' EXIT
  cp -R "$APP" "$STAGE/"
  ln -s /Applications "$STAGE/Applications"
  rm -f "$DMG"
  hdiutil create -volname "pecdesk $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
}
if [ -z "${PECDESK_MAC_IDENTITY:-}" ]; then
  echo "PECDESK_MAC_IDENTITY not set: signing and notarization SKIPPED, $DMG is unsigned" >&2
  make_dmg
  exit 0
fi

sign() {  # sign <path> [entitlements]
  local args=(--force --timestamp --options runtime --sign "$PECDESK_MAC_IDENTITY")
  [ -n "${2:-}" ] && args+=(--entitlements "$2")
  codesign "${args[@]}" "$1"
}

# 1. Every loose Mach-O file (Python extensions, dylibs, Qt's .so plugins, libpython), except the
#    ones inside frameworks and the helper app, which are sealed with their bundle below.
while IFS= read -r -d '' f; do
  case "$f" in *.framework/*|*.app/Contents/MacOS/pecdesk) continue ;; esac
  if file -b "$f" | grep -q 'Mach-O'; then sign "$f"; fi
done < <(find "$APP/Contents" -type f -print0)

# 2. QtWebEngineProcess: its executable and its .app, with the WebEngine entitlements.
while IFS= read -r -d '' helper; do
  sign "$helper/Contents/MacOS/QtWebEngineProcess" "$HERE/webengine.entitlements"
  sign "$helper" "$HERE/webengine.entitlements"
done < <(find "$APP/Contents" -type d -name QtWebEngineProcess.app -print0)

# 3. Frameworks, deepest first (QtWebEngineCore.framework holds the helper signed above).
while IFS= read -r fw; do
  sign "$fw"
done < <(find "$APP/Contents" -type d -name '*.framework' | awk '{ print length, $0 }' | sort -rn | cut -d' ' -f2-)

# 4. The main executable, then the app bundle.
sign "$APP/Contents/MacOS/pecdesk" "$HERE/app.entitlements"
sign "$APP" "$HERE/app.entitlements"
codesign --verify --strict --deep --verbose=2 "$APP"

# 5. The DMG: the app and a link to /Applications (or ~/Applications) to drag it onto.
make_dmg
codesign --force --timestamp --sign "$PECDESK_MAC_IDENTITY" "$DMG"

# 6. Notarize and staple (Gatekeeper then opens it offline too).
if [ -z "${PECDESK_NOTARY_PROFILE:-}" ]; then
  echo "PECDESK_NOTARY_PROFILE not set: $DMG is signed but NOT notarized" >&2
  exit 0
fi
xcrun notarytool submit "$DMG" --keychain-profile "$PECDESK_NOTARY_PROFILE" --wait
xcrun stapler staple "$DMG"
xcrun stapler validate "$DMG"
spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
echo "$DMG: signed, notarized and stapled"
