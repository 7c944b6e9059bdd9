#!/usr/bin/env bash
# Runs every test: installs what the tests need (Azurite from package.json, Debian's
# Chromium for the dashboard test), starts Azurite on loopback, runs the solution's
# tests, and stops Azurite by its PID whatever happens.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the dashboard test..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# In memory: Azurite refuses --location together with --inMemoryPersistence.
node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --loose --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort 10100 --queueHost 127.0.0.1 --queuePort 10101 \
  --tableHost 127.0.0.1 --tablePort 10102 &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true' EXIT

# Azurite can take 15 s or more to listen on a busy machine; its table port opens last.
azurite_up=false
for _ in $(seq 1 300); do
  if (exec 3<>/dev/tcp/127.0.0.1/10102) 2>/dev/null; then azurite_up=true; break; fi
  kill -0 "$azurite_pid" 2>/dev/null || break
  sleep 0.2
done
if [ "$azurite_up" != true ]; then
  echo "Azurite did not start on 127.0.0.1:10100-10102" >&2
  exit 1
fi

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export PIPELINE_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:10100/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10101/devstoreaccount1;TableEndpoint=http://127.0.0.1:10102/devstoreaccount1;"

dotnet test Pipeline.sln --nologo "$@"
