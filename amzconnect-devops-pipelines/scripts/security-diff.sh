#!/usr/bin/env bash
# Review step of the self-update pipeline (CodeBuild, tooling account), run before the approval:
# compares the synthesized tooling stacks with the deployed ones and reports whether IAM
# permissions or security groups widen, like CDK Pipelines' permissions-broadening check
# (`cdk diff --security-only --fail` exits non-zero when a change broadens them). The one-line
# summary (SECURITY_SUMMARY) goes into the approval message; the full diff is in the build log.
# It reads the deployed templates through the tooling account's read-only CDK lookup role.
# Usage: security-diff.sh <cloud assembly dir> <stack name pattern>
set -euo pipefail
assembly="${1:?usage: security-diff.sh <cloud assembly dir> <stack pattern>}"
stacks="${2:?usage: security-diff.sh <cloud assembly dir> <stack pattern>}"
cd "$(dirname "$0")/../.."
cdk_version="$(node -p "require('./package.json').devDependencies['aws-cdk']")"

set +e
npx --yes "aws-cdk@${cdk_version}" diff --app "${assembly}" --security-only --fail "${stacks}" 2>&1 | tee security-diff.txt
status=${PIPESTATUS[0]}
set -e
changed="$(grep -c '^Stack ' security-diff.txt || true)"
if [ "${status}" -ne 0 ]; then
  SECURITY_SUMMARY="IAM or security-group permissions WIDEN in ${changed} stack(s): read the Review log before approving"
else
  SECURITY_SUMMARY="no IAM or security-group widening (${changed} stack(s) compared)"
fi
export SECURITY_SUMMARY
echo "SECURITY_SUMMARY=${SECURITY_SUMMARY}"
