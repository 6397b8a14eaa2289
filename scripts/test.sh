#!/usr/bin/env bash
# Everything the tests need, from a fresh machine: system packages, the locked Python
# environment, lint, format check, type check, compose file check, and the whole test suite.
# PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are expected to be running; the GCS
# emulator and the Celery workers are started by the tests themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_COMPOSE=1 bash scripts/setup.sh

uv run ruff check .
uv run ruff format --check .
uv run mypy pipeline workers
PIPELINE_PII_KEY=compose-config-check FLOWER_BASIC_AUTH=check:check docker-compose -f docker-compose.yml config -q
uv run pytest "$@"
