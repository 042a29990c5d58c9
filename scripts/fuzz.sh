#!/usr/bin/env bash
# The larger fuzz run: FUZZ_RUNS cases per operation of /docs-json (npm test runs 30), on the
# PostgreSQL of TEST_DATABASE_URL. Fails on any 5xx, any error that is not problem+json, any
# row written by a refused request; fast-check prints the shrunk case and its seed.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_RUNS="${FUZZ_RUNS:-500}"
exec node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects e2e --testPathPatterns 'test/e2e/fuzz/'
