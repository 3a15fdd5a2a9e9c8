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

# The sub-project and every workspace it is built from (the workspace graph in env/src/subprojects.ts).
read -r -a folders <<< "$(npx tsx env/src/cli/upstream-folders.ts "${folder}")"

echo "== lint ${folders[*]}"
npx tsc -p tsconfig.json
npx eslint "${folders[@]}"

if [ "${folder}" = "amzconnect-contact-flows" ]; then
  echo "== flow lint"
  npm run --silent flows -- lint
fi

echo "== test ${folders[*]}"
npx jest --selectProjects "${folders[@]}" --ci

echo "== synth ${folder} for ${environment}"
cd "${folder}"
if [ "${environment}" = "all" ]; then
  npx cdk synth --quiet --output cdk.out
else
  npx cdk synth --quiet -c "env=${environment}" --output cdk.out
fi
