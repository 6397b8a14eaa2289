#!/usr/bin/env bash
# The main job on embedded defaults (no services): SQLite under ./var, blobs under
# ./var/blobs, Celery tasks run in-process. Writes the bundled sample documents (fake people)
# and ingests them, waiting until each one is COMPLETED or FAILED.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
uv run pipeline samples samples/
uv run pipeline ingest samples/ --wait
uv run pipeline export --format csv
