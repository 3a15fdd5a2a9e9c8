#!/usr/bin/env bash
# Build step of every sub-project pipeline (CodeBuild, tooling account).
# Usage: build.sh <sub-project folder> <environment name | all>
# Installs from the lockfile, runs the sub-project's lint and tests, and synthesizes its stacks
# for one environment into <folder>/cdk.out. cdk-nag and CloudFormation schema validation run
# during synthesis, so any unacknowledged finding fails the build.
set -euo pipefail
folder="${1:?usage: build.sh <sub-project folder> <environment>}"
environment="${2:?usage: build.sh <sub-project folder> <environment>}"
cd "$(dirname "$0")/../.."

if [ "${SKIP_INSTALL:-}" != "1" ]; then # pr-check.sh installs once for every sub-project
  echo "== install"
  npm ci --no-audit --no-fund
fi

echo "== lint ${folder}"
npx tsc -p tsconfig.json
npx eslint "${folder}" env

if [ "${folder}" = "amzconnect-contact-flows" ]; then
  echo "== flow lint"
  npm run --silent flows -- lint
fi

echo "== test ${folder}"
npx jest --selectProjects "${folder}" env --ci

echo "== synth ${folder} for ${environment}"
cd "${folder}"
if [ "${environment}" = "all" ]; then
  npx cdk synth --quiet --output cdk.out
else
  npx cdk synth --quiet -c "env=${environment}" --output cdk.out
fi
