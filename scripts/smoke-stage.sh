#!/bin/sh
# The operator's smoke test against a deployed stage (docs/operator.md, "After deploying: the smoke test"):
#   scripts/smoke-stage.sh --stack Redress-prod --from smoke@complaints.coophomes.coop
# or against `npm start` (REDRESS_STAFF_TOKEN and REDRESS_SMS_AUTH_TOKEN as npm start was given them):
#   scripts/smoke-stage.sh --local
# Prints PASS or FAIL for each check, cleans up what it made, and exits non-zero if anything failed.
set -eu
cd "$(dirname "$0")/.."
exec npx tsx scripts/smoke-stage.ts "$@"
