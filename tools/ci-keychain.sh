#!/usr/bin/env bash
# A keychain for the tests on a macOS CI runner. The packed app and its CLI keep the proxy password
# in the OS keychain (keytar: SecKeychainAddGenericPassword into the default keychain); a runner's
# login keychain may be locked, or ask for its password in a dialog nobody answers. This makes a
# throwaway keychain with a random password in the job's temporary folder, unlocked for six hours
# (longer than any job), puts it first in the user's search list (keeping the keychains already
# there, so a signing keychain stays found), and makes it the default, so the tests' secrets are
# written there without a prompt. Removed with the runner's temporary folder when the job ends.
# On any other OS there is nothing to do.
#   tools/ci-keychain.sh
set -euo pipefail

if [ "$(uname -s)" != Darwin ]; then
  echo "ci-keychain: not macOS, no keychain needed"
  exit 0
fi

dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
keychain="${dir%/}/xmplus-ci.keychain-db"
password="$(openssl rand -hex 16)"

# A keychain left by an earlier run in the same folder: start afresh.
if [ -e "$keychain" ]; then
  security delete-keychain "$keychain" 2>/dev/null || rm -f "$keychain"
fi

security create-keychain -p "$password" "$keychain"
security set-keychain-settings -lut 21600 "$keychain"
security unlock-keychain -p "$password" "$keychain"

# `security list-keychains` prints one quoted, indented path a line; keep each of them (paths may
# hold spaces), after the new one. Written for macOS's bash 3.2: no mapfile, and an empty array
# expanded with ${a[@]+...} under `set -u`.
existing=()
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  line="${line#\"}"
  line="${line%\"}"
  if [ -n "$line" ] && [ "$line" != "$keychain" ]; then
    existing+=("$line")
  fi
done < <(security list-keychains -d user)
security list-keychains -d user -s "$keychain" ${existing[@]+"${existing[@]}"}
security default-keychain -d user -s "$keychain"

echo "ci-keychain: default keychain $keychain (unlocked); search list:"
security list-keychains -d user
