#!/bin/sh
# Run a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret
# Service), everything under a throwaway HOME: the person's own keychain is never touched.
# Inside it PECDESK_REAL_KEYRING=1 is set, which the tests marked real_keyring wait for, and
# PECDESK_KEYRING_DIR names the throwaway dir (the tests look there for leaked secrets).
# Without dbus-run-session or gnome-keyring-daemon the command runs as is, and those tests are
# skipped with the reason. Install both with: apt-get install gnome-keyring dbus-daemon
# (bash scripts/test does it when run as root).
# Usage: tools/run_real_keyring.sh .venv/bin/python -m pytest ...
set -e
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "run_real_keyring: dbus-run-session or gnome-keyring-daemon missing;" \
    "the real keychain tests will be skipped" >&2
  exec "$@"
fi
T=$(mktemp -d)
export PECDESK_KEYRING_DIR="$T"
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" \
  XDG_CACHE_HOME="$T/cache" XDG_RUNTIME_DIR="$T/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
rc=0
dbus-run-session -- sh -c '
  if printf "%s" throwaway-keyring-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  then export PECDESK_REAL_KEYRING=1
  else echo "run_real_keyring: gnome-keyring did not start; real keychain tests will fail or skip" >&2
  fi
  exec "$@"' sh "$@" || rc=$?
rm -rf "$T"
exit $rc
