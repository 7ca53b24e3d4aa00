#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed".
# Installs what the tests need first: the npm packages of tests/openapi-client (openapi-typescript, typescript) and of
# tests/oidc-provider (the OpenID Connect provider the sign-in tests run against), pinned by their lock files.
set -uo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

for npm_project in tests/openapi-client tests/oidc-provider; do
  if [ ! -d "$npm_project/node_modules" ] || [ "$npm_project/package-lock.json" -nt "$npm_project/node_modules" ]; then
    echo "Installing the npm packages of $npm_project (npm ci)..."
    if ! (cd "$npm_project" && npm ci --no-audit --no-fund --loglevel=error); then
      echo "npm ci failed in $npm_project"
      echo "0 passed, 1 failed"
      exit 1
    fi
  fi
done

# The designer's browser tests drive Debian's Chromium (Playwright's own browser download does not work on these machines).
if ! command -v chromium > /dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (apt-get install chromium)..."
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  if ! ($apt_get update -qq && DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium > /dev/null); then
    echo "could not install chromium"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

echo "Building the solution (${configuration}) and the designer (npm ci and vite build in designer/ when its sources changed)..."
build_log="$results/build.log"
if ! dotnet build RunbookOrchestrator.sln -c "$configuration" -nologo -v q > "$build_log" 2>&1; then
  grep -E " error " "$build_log" | sort -u | head -20
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test RunbookOrchestrator.sln -c "$configuration" --no-build -nologo \
  --logger "trx;LogFilePrefix=results" --results-directory "$results" \
  --logger "console;verbosity=minimal" "$@"
status=$?

echo "Running the designer's unit tests (vitest)..."
(cd designer && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$results/vitest.xml") || status=1

# Count from the TRX files: they list every test outcome, whichever project ran it.
read -r passed failed < <(python3 - "$results" <<'PY'
import sys, glob, re
passed = failed = 0
for f in glob.glob(sys.argv[1] + "/vitest.xml"):
    text = open(f, encoding="utf-8").read()
    m = re.search(r'<testsuites [^>]*>', text)
    if m:
        c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
        total, bad = int(c.get("tests", 0)), int(c.get("failures", 0)) + int(c.get("errors", 0))
        passed += total - bad - int(c.get("skipped", 0))
        failed += bad
for f in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(f, encoding="utf-8").read()
    m = re.search(r'<Counters [^>]*>', text)
    if m:
        c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
        passed += int(c.get("passed", 0))
        failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
print(passed, failed)
PY
)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
