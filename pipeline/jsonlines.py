"""Append-only JSON-lines files: the embedded mode's event stream and dead-letter list."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def append_json_line(path: Path, data: dict[str, Any]) -> None:
    """Append ``data`` as one JSON line to ``path`` (created with its folder) and fsync it, so a
    line written is on disk when this returns. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(data, sort_keys=True) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
