#!/usr/bin/env bash
# Pull-request check (CodeBuild pull-request build in the tooling account, or locally).
# Usage: pr-check.sh [<base branch>]
#   In CodeBuild the base branch comes from CODEBUILD_WEBHOOK_BASE_REF (refs/heads/<branch>).
# 1. Diffs the pull request against its base and lets the router's rules pick what to check
#    (src/router/decide-pull-request.ts): the changed sub-projects, contact flows after any
#    upstream change, everything after a shared input; documentation alone checks nothing.
# 2. Runs, per sub-project, exactly the pipelines' build step (scripts/build.sh: lint, tests, flow
#    lint, cdk synth with cdk-nag for the base environment).
# 3. When contact flows are in the release, computes the flow plan of every Region of the base
#    environment through its read-only flow-plan role, with the HTML report in pr-check-report/
#    (uploaded by CodeBuild next to the build). A blocked flow fails the check.
# Environment (optional): PR_CHECK_BASE_SHA (base commit, instead of fetching the base branch),
# PR_CHECK_SKIP_INSTALL=1 (node_modules present), PR_CHECK_SKIP_PLAN=1 (no AWS credentials, e.g.
# locally), FLOW_PLAN_ROLES ("env=<role ARN> ..."; set by the PullRequestChecks construct).
set -euo pipefail
cd "$(dirname "$0")/../.."

base="${1:-${CODEBUILD_WEBHOOK_BASE_REF:-}}"
base="${base#refs/heads/}"
if [ -z "${base}" ]; then
  echo "pr-check: no base branch (argument, or CODEBUILD_WEBHOOK_BASE_REF)" >&2
  exit 2
fi
report_dir="pr-check-report"
rm -rf "${report_dir}"
mkdir -p "${report_dir}"

echo "== pull request into ${base} (head $(git rev-parse --short HEAD))"
if [ -n "${PR_CHECK_BASE_SHA:-}" ]; then
  merge_base="$(git merge-base "${PR_CHECK_BASE_SHA}" HEAD)"
elif git fetch --quiet --no-tags origin "+refs/heads/${base}:refs/remotes/origin/${base}" 2>/dev/null; then
  merge_base="$(git merge-base "origin/${base}" HEAD)"
else
  merge_base=""
fi
if [ -n "${merge_base}" ]; then
  git diff --name-only "${merge_base}" HEAD > "${report_dir}/changed-paths.txt"
else
  # Without the base, every file counts as changed: the check covers everything.
  echo "pr-check: cannot read ${base}; checking every sub-project" >&2
  git ls-files > "${report_dir}/changed-paths.txt"
fi
echo "$(wc -l < "${report_dir}/changed-paths.txt") changed path(s)"

if [ "${PR_CHECK_SKIP_INSTALL:-}" != "1" ]; then
  echo "== install"
  npm ci --no-audit --no-fund
fi

scope="$(npx --no-install tsx amzconnect-devops-pipelines/src/router/pull-request-scope-cli.ts --base "${base}" "${report_dir}/changed-paths.txt")"
value() { printf '%s\n' "${scope}" | sed -n "s/^$1=//p"; }
environment="$(value environment)"
regions="$(value regions)"
folders="$(value folders)"
tooling="$(value tooling)"
flow_plan="$(value flow_plan)"
echo "scope: $(value reason)"
echo "sub-projects: ${folders:-none}; tooling app: ${tooling}; flow plan: ${flow_plan}"

target="${environment:-all}"
checked=0
for folder in ${folders}; do
  echo "== check ${folder} for ${target}"
  SKIP_INSTALL=1 bash amzconnect-devops-pipelines/scripts/build.sh "${folder}" "${target}"
  checked=$((checked + 1))
done
if [ "${tooling}" = "yes" ]; then
  echo "== check amzconnect-devops-pipelines"
  SKIP_INSTALL=1 bash amzconnect-devops-pipelines/scripts/build.sh amzconnect-devops-pipelines all
  checked=$((checked + 1))
fi
if [ "${checked}" -eq 0 ]; then
  echo "Nothing to check: the pull request changes no sub-project (documentation, pictures)."
fi

if [ "${flow_plan}" = "yes" ]; then
  if [ "${PR_CHECK_SKIP_PLAN:-}" = "1" ]; then
    echo "== flow plan skipped (PR_CHECK_SKIP_PLAN=1)"
  else
    role_arn=""
    for pair in ${FLOW_PLAN_ROLES:-}; do
      if [ "${pair%%=*}" = "${environment}" ]; then role_arn="${pair#*=}"; fi
    done
    if [ -z "${role_arn}" ]; then
      echo "pr-check: no flow-plan role for ${environment} in FLOW_PLAN_ROLES" >&2
      exit 1
    fi
    status=0
    for region in ${regions}; do
      echo "== flow plan ${environment} ${region} (read-only role ${role_arn})"
      mkdir -p "${HOME}/.aws"
      # The SDK assumes the read-only role from the CodeBuild container credentials.
      cat > "${HOME}/.aws/config" <<CONFIG
[profile flow-plan]
role_arn = ${role_arn}
credential_source = EcsContainer
region = ${region}
CONFIG
      AWS_PROFILE=flow-plan npm run --silent flows -- plan --env "${environment}" --region "${region}" \
        --html "${report_dir}" --out "${report_dir}/flow-plan-${environment}-${region}.txt" || status=$?
    done
    if [ "${status}" -ne 0 ]; then
      echo "pr-check: the flow plan failed or a flow is blocked (see above)" >&2
      exit "${status}"
    fi
  fi
fi
echo "pr-check: passed"
