#!/usr/bin/env bash
# azd postdeploy hook: subscribes IngestExtract's Event Grid blob trigger to the lake's system
# topic. The webhook needs the blobs_extension system key, which exists only once the deployed
# host has started with a blob trigger, so this runs after every deploy (create or update).
set -eu

: "${AZURE_FUNCTION_APP_NAME:?run this through azd (azd deploy or azd up)}"
: "${AZURE_FUNCTION_APP_HOST:?run this through azd (azd deploy or azd up)}"
: "${RESOURCE_GROUP:?run this through azd (azd deploy or azd up)}"
: "${LAKE_SYSTEM_TOPIC_NAME:?run this through azd (azd deploy or azd up)}"

command -v az >/dev/null 2>&1 || { echo "postdeploy: az is required (docs/deploy.md, prerequisites)" >&2; exit 1; }

subscription="ingest-extract-landing"
function_name="IngestExtract"

key=""
attempt=0
while [ -z "$key" ]; do
  key=$(az functionapp keys list --name "$AZURE_FUNCTION_APP_NAME" --resource-group "$RESOURCE_GROUP" \
    --query "systemKeys.blobs_extension" --output tsv 2>/dev/null || true)
  if [ -z "$key" ]; then
    attempt=$((attempt + 1))
    if [ "$attempt" -ge 20 ]; then
      echo "postdeploy: no blobs_extension key on $AZURE_FUNCTION_APP_NAME; is $function_name deployed and the host running?" >&2
      exit 1
    fi
    echo "postdeploy: waiting for the host to create the blobs_extension key ($attempt/20)..."
    sleep 15
  fi
done

endpoint="https://${AZURE_FUNCTION_APP_HOST}/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${key}"

# Only landing uploads, and only when a file is complete: Blob API puts and copies, or the
# Data Lake API's final flush (its CreateFile event announces an empty file).
set -- --name "$subscription" --resource-group "$RESOURCE_GROUP" --system-topic-name "$LAKE_SYSTEM_TOPIC_NAME" \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/landing/ \
  --advanced-filter data.api StringIn PutBlob PutBlockList CopyBlob FlushWithClose

if az eventgrid system-topic event-subscription show --name "$subscription" --resource-group "$RESOURCE_GROUP" \
    --system-topic-name "$LAKE_SYSTEM_TOPIC_NAME" --output none 2>/dev/null; then
  az eventgrid system-topic event-subscription update "$@" --output none
  echo "postdeploy: updated Event Grid subscription $subscription."
else
  az eventgrid system-topic event-subscription create "$@" --endpoint-type webhook \
    --max-delivery-attempts 30 --event-ttl 1440 --output none
  echo "postdeploy: created Event Grid subscription $subscription."
fi
