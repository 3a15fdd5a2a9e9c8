#!/usr/bin/env bash
# Deploy step of every pipeline (CodeBuild, tooling account): deploys the stacks synthesized by
# the build step for one environment and one Region. The CDK CLI assumes the target account's
# deploy and publish roles named in the cloud assembly, publishes assets, then deploys.
# Usage: deploy.sh <cloud assembly dir> <stack name pattern>
set -euo pipefail
assembly="${1:?usage: deploy.sh <cloud assembly dir> <stack pattern>}"
stacks="${2:?usage: deploy.sh <cloud assembly dir> <stack pattern>}"
cd "$(dirname "$0")/../.."
cdk_version="$(node -p "require('./package.json').devDependencies['aws-cdk']")"
npx --yes "aws-cdk@${cdk_version}" deploy \
  --app "${assembly}" \
  --require-approval never \
  --no-version-reporting \
  --progress events \
  "${stacks}"
