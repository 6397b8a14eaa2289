#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian/Ubuntu machine: tesseract (OCR, with its
# English and Latin-script models), Debian's chromium (the review page's browser tests drive it
# with Playwright, which never downloads a browser of its own), docker-compose (only to validate
# docker-compose.yml), uv, and the locked Python environment.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr tesseract-ocr-eng)
# the Latin-script model: names with letters the English one misreads ("Quiñones")
tessdata=$(ls -d /usr/share/tesseract-ocr/*/tessdata 2>/dev/null | head -n 1 || true)
[ -n "$tessdata" ] && [ -f "$tessdata/Latin.traineddata" ] || need_apt+=(tesseract-ocr-script-latn)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ "${WITH_COMPOSE:-0}" = 1 ]; then
    command -v docker-compose >/dev/null 2>&1 || need_apt+=(docker-compose)
fi
if ((${#need_apt[@]})); then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi
command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
# Bytecode compiled once here: where __pycache__ cannot be written (PYTHONDONTWRITEBYTECODE=1, a
# read-only install) every `pipeline` call and worker would otherwise compile the libraries and our
# modules from source at start-up. A module edited since is still recompiled, in memory.
uv sync --frozen --quiet --compile-bytecode
uv run --frozen python -m compileall -q pipeline workers
