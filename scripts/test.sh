#!/usr/bin/env bash
# Runs every test. First installs, from Debian's packages, the real tools the tests drive
# (dig, kdig, nsupdate, knsupdate, named-checkzone, named as an interop peer, dnspython with httpx
# for its DoH client, and
# PostgreSQL's server binaries: the tests start throwaway clusters of their own on loopback;
# kubectl, whose built-in kustomize renders the manifests under deploy/kubernetes; setpriv, to
# run the published server as the container image's user with one capability; chromium and a
# font, which the web UI's Playwright tests drive headless by executable path; faketime, to jump
# the clocks of a client and of the server process in the TSIG clock tests).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v dig >/dev/null || need+=(bind9-dnsutils)
command -v kdig >/dev/null || need+=(knot-dnsutils)
command -v knsupdate >/dev/null || need+=(knot-dnsutils)
command -v named-checkzone >/dev/null || need+=(bind9-utils)
command -v named >/dev/null || need+=(bind9)
python3 -c 'import dns' 2>/dev/null || need+=(python3-dnspython)
/usr/bin/python3 -c 'import httpx' 2>/dev/null || need+=(python3-httpx)   # dnspython's DoH client: tests/Integration/Doh
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v kubectl >/dev/null || need+=(kubernetes-client)
command -v setpriv >/dev/null || need+=(util-linux)   # setpriv, unshare, nsenter: tests/Integration/Deploy
command -v ip >/dev/null || need+=(iproute2)          # loopback up in the Deploy test's network namespace
command -v faketime >/dev/null || need+=(faketime)          # libfaketime: tests/Integration/Chaos (TSIG clock jumps)
command -v chromium >/dev/null || need+=(chromium fonts-liberation)   # tests/SplitDns.Ui.Tests (Playwright)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "test.sh: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Playwright's driver ships in its NuGet package; the browser is Debian's: never download one.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
dotnet build SplitDns.sln -c Release -nologo -v quiet
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test SplitDns.sln -c Release --no-build -nologo -v quiet --logger "console;verbosity=minimal" "$@" | tee "$log" || status=$?

# One closing line for the whole solution: "N passed, N failed" (summed over the test projects).
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
