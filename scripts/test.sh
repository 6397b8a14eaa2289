#!/usr/bin/env bash
# Everything the tests need, from a fresh machine: system packages, the locked Python
# environment, lint, format check, type check, compose file check, and the whole test suite.
# PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are expected to be running.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr tesseract-ocr-eng)
command -v docker-compose >/dev/null 2>&1 || need_apt+=(docker-compose)
if ((${#need_apt[@]})); then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv

uv sync --frozen
uv run ruff check .
uv run ruff format --check .
uv run mypy pipeline workers
docker-compose -f docker-compose.yml config -q
uv run pytest "$@"
