#!/usr/bin/env bash
# Rolls a new reranker model out to the search-reranker endpoint on Vertex AI.
# Usage: vertex/deploy_reranker.sh MODEL_ID
set -euo pipefail

PROJECT="${PROJECT:-sandbox-project}"
REGION="us-central1"
ENDPOINT_ID="$(gcloud ai endpoints list --region="$REGION" --filter=display_name=search-reranker --format='value(name)')"

# The endpoint is looked up by display name above, so name it for ML Monitor:
# mlmon: endpoint=search-reranker
gcloud ai endpoints deploy-model "$ENDPOINT_ID" \
  --project="$PROJECT" \
  --region="$REGION" \
  --model="$1" \
  --display-name=reranker-bert-small \
  --machine-type=n1-highcpu-8 \
  --min-replica-count=2 \
  --max-replica-count=6 \
  --traffic-split=0=100
