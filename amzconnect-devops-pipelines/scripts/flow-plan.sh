#!/usr/bin/env bash
# Plan step of the contact-flows pipeline (CodeBuild, tooling account), run before the approval
# where the environment requires one: computes what the flow deployment would change in one
# Region, reading the target instance through the read-only flow-plan role, and exports a
# one-line summary (PLAN_SUMMARY) that the approval message shows. The full plan is in the log;
# the HTML report (pictures of the changed flows) goes to the artifact bucket, and PLAN_REPORT_URL
# (its console link) joins the approval message. ARTIFACT_BUCKET and PLAN_REPORT_PREFIX come
# from the FlowPlanProject construct.
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
AWS_PROFILE=flow-plan npm run --silent flows -- plan --env "${environment}" --region "${region}" --out flow-plan.txt \
  --html flow-plan-report
status=$?
report="flow-plan-report/flow-plan-${environment}-${region}.html"
commit="${CODEBUILD_RESOLVED_SOURCE_VERSION:-unknown}"
key="${PLAN_REPORT_PREFIX:-}/${commit:0:12}/${region}.html"
# Uploaded with the project's own credentials (the tooling account), not the target's role.
if [ -s "${report}" ] && [ -n "${ARTIFACT_BUCKET:-}" ] && [ -n "${PLAN_REPORT_PREFIX:-}" ] &&
  aws s3 cp "${report}" "s3://${ARTIFACT_BUCKET}/${key}" --content-type text/html --only-show-errors; then
  PLAN_REPORT_URL="https://console.aws.amazon.com/s3/object/${ARTIFACT_BUCKET}?prefix=${key}"
else
  PLAN_REPORT_URL="no report (see the build log)"
fi
set -e
if [ -s flow-plan.txt ]; then
  # First line: "Plan for <app> <env> <region> (instance <id>): N to create, N to update, ..."
  PLAN_SUMMARY="$(head -n 1 flow-plan.txt | sed 's/^.*): //' | cut -c1-120)"
else
  PLAN_SUMMARY="no plan (see the build log)"
fi
export PLAN_SUMMARY PLAN_REPORT_URL
echo "PLAN_SUMMARY=${PLAN_SUMMARY}"
echo "PLAN_REPORT_URL=${PLAN_REPORT_URL}"
exit "${status}"
