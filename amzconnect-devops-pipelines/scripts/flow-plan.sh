#!/usr/bin/env bash
# Plan step of the contact-flows pipeline (CodeBuild, tooling account), run before the approval
# where the environment requires one: computes what the flow deployment would change in one
# Region, reading the target instance through the read-only flow-plan role, and exports a
# one-line summary (PLAN_SUMMARY) that the approval message shows. The full plan is in the log.
# Usage: flow-plan.sh <environment> <region> <flow-plan role ARN>
set -euo pipefail
environment="${1:?usage: flow-plan.sh <environment> <region> <role ARN>}"
region="${2:?usage: flow-plan.sh <environment> <region> <role ARN>}"
role_arn="${3:?usage: flow-plan.sh <environment> <region> <role ARN>}"
cd "$(dirname "$0")/../.."

npm ci --no-audit --no-fund

# The SDK assumes the role from the CodeBuild container credentials.
mkdir -p "${HOME}/.aws"
cat > "${HOME}/.aws/config" <<CONFIG
[profile flow-plan]
role_arn = ${role_arn}
credential_source = EcsContainer
region = ${region}
CONFIG

set +e
AWS_PROFILE=flow-plan npm run --silent flows -- plan --env "${environment}" --region "${region}" --out flow-plan.txt
status=$?
set -e
if [ -s flow-plan.txt ]; then
  # First line: "Plan for <app> <env> <region> (instance <id>): N to create, N to update, ..."
  PLAN_SUMMARY="$(head -n 1 flow-plan.txt | sed 's/^.*): //' | cut -c1-120)"
else
  PLAN_SUMMARY="no plan (see the build log)"
fi
export PLAN_SUMMARY
echo "PLAN_SUMMARY=${PLAN_SUMMARY}"
exit "${status}"
