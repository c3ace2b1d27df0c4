#!/usr/bin/env bash
# Deploys the shop to a running LocalStack (localstack/docker-compose.yml) through the SDK's
# endpoint variable: the same serverless.yml and resources/ as AWS, as the stage "localstack"
# (CloudFormation resolves every reference there, as on AWS).
set -euo pipefail
cd "$(dirname "$0")/.."

export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://localhost:4566}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_REGION="${AWS_REGION:-us-east-1}"

if ! curl -fsS "$AWS_ENDPOINT_URL/_localstack/health" >/dev/null; then
  echo "LocalStack does not answer at $AWS_ENDPOINT_URL." >&2
  echo "Start it with: LOCALSTACK_AUTH_TOKEN=... docker compose -f localstack/docker-compose.yml up -d" >&2
  exit 1
fi

npx sls deploy --stage localstack --region "$AWS_REGION" "$@"
