#!/usr/bin/env bash
# azd postprovision hook: creates the pseudonymisation key in Key Vault the first time and
# never replaces an existing one (a new key changes every pseudonym: docs/deploy.md explains).
# The key is 32 random bytes, base64, written from a private temporary file so it never appears
# on a command line, in azd's environment or in the deployment history.
set -eu

: "${AZURE_KEY_VAULT_NAME:?run this through azd (azd provision or azd up)}"
: "${PSEUDONYMISATION_KEY_NAME:?run this through azd (azd provision or azd up)}"

for tool in az openssl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "postprovision: $tool is required (docs/deploy.md, prerequisites)" >&2; exit 1; }
done

errors=$(mktemp)
key_file=$(mktemp)
trap 'rm -f "$errors" "$key_file"' EXIT

# The deployer's Key Vault Secrets Officer role, just assigned, can take a few minutes to apply.
attempt=0
while :; do
  if az keyvault secret show --vault-name "$AZURE_KEY_VAULT_NAME" --name "$PSEUDONYMISATION_KEY_NAME" \
      --query id --output none 2>"$errors"; then
    echo "postprovision: $PSEUDONYMISATION_KEY_NAME already exists in $AZURE_KEY_VAULT_NAME; left unchanged."
    exit 0
  fi
  if grep -q "SecretNotFound" "$errors"; then
    break
  fi
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 20 ]; then
    echo "postprovision: cannot read $AZURE_KEY_VAULT_NAME:" >&2
    cat "$errors" >&2
    exit 1
  fi
  echo "postprovision: waiting for Key Vault access to apply ($attempt/20)..."
  sleep 30
done

umask 077
openssl rand -base64 32 | tr -d '\n' >"$key_file"
az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name "$PSEUDONYMISATION_KEY_NAME" \
  --file "$key_file" --encoding utf-8 --content-type "base64 HMAC-SHA256 key" --output none
echo "postprovision: created $PSEUDONYMISATION_KEY_NAME in $AZURE_KEY_VAULT_NAME."
