"""The ``pipeline`` command as an operator meets it: what starting it loads, ``status`` reading
the database without the blob store, and errors as one line (the traceback only with ``-v``).
Real subprocesses on an SQLite file; nothing faked."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.bootstrap import head_revisions

# Libraries that take a good part of a second to import; a command loads only those it uses.
HEAVY = (
    "alembic",
    "celery",
    "google.cloud.storage",
    "kombu",
    "PIL",
    "pydantic",
    "pypdf",
    "pypdfium2",
    "pytesseract",
    "redis",
    "reportlab",
    "sqlalchemy",
)


def environment(tmp_path: Path, **variables: str) -> dict[str, str]:
    """This process's environment without pipeline settings or any way to GCS credentials."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIPELINE_", "GOOGLE_", "CLOUDSDK_"))
        and k not in ("STORAGE_EMULATOR_HOST", "HOME")
    }
    # No gcloud user credentials under HOME, and no asking a metadata server for a service account.
    env.update(HOME=str(tmp_path / "home"), NO_GCE_CHECK="True", **variables)
    return env


def run_cli(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        cwd=tmp_path,
        env=env or environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def loaded_after(
    code: str,
    tmp_path: Path,
    env: dict[str, str] | None = None,
    modules: tuple[str, ...] = HEAVY,
) -> list[str]:
    """Which of ``modules`` a fresh interpreter holds after running ``code``."""
    report = (
        "\nimport json, sys\n"
        f"print('LOADED=' + json.dumps([m for m in {modules!r} if m in sys.modules]), "
        "file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code + report],
        cwd=tmp_path,
        env=env or environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    line = next((ln for ln in proc.stderr.splitlines() if ln.startswith("LOADED=")), None)
    assert line is not None, proc.stderr
    loaded: list[str] = json.loads(line.removeprefix("LOADED="))
    return loaded


RUN_MAIN = """
from pipeline.cli import main
try:
    main({args!r})
except SystemExit:
    pass
"""


def test_importing_the_cli_loads_no_heavy_library(tmp_path: Path) -> None:
    assert loaded_after("import pipeline.cli", tmp_path) == []


def test_help_loads_no_heavy_library(tmp_path: Path) -> None:
    assert loaded_after(RUN_MAIN.format(args=["--help"]), tmp_path) == []
    assert "status" in run_cli(tmp_path, "--help").stdout


def test_status_on_a_current_database_loads_neither_alembic_nor_blob_or_pdf_libraries(
    tmp_path: Path,
) -> None:
    first = run_cli(tmp_path, "status")  # a fresh workspace: migrated here
    assert first.returncode == 0, first.stderr
    loaded = loaded_after(RUN_MAIN.format(args=["status"]), tmp_path)
    assert set(loaded) <= {"pydantic", "sqlalchemy"}, loaded


def test_status_loads_no_extractor(tmp_path: Path) -> None:
    # Logging's redaction and the runtime's PiiProtector live in pipeline.pii, apart from the
    # extractors (a tenth of a second to import).
    assert run_cli(tmp_path, "status").returncode == 0
    extraction = ("pipeline.extraction", "pipeline.extraction.w2")
    loaded = loaded_after(RUN_MAIN.format(args=["status"]), tmp_path, modules=extraction)
    assert loaded == [], loaded
    # ... nor does it create the embedded PII key, which only hashing needs.
    assert not (tmp_path / "var" / "pii.key").exists()


def test_status_migrates_a_fresh_workspace(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "status", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"]["PENDING"] == 0
    with sqlite3.connect(tmp_path / "var" / "pipeline.db") as conn:
        stored = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    assert stored == head_revisions()


def gcs_without_credentials(tmp_path: Path) -> dict[str, str]:
    return environment(
        tmp_path,
        PIPELINE_GCS_BUCKET="loan-documents",
        PIPELINE_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'pipeline.db'}",
        PIPELINE_PII_KEY=secrets.token_urlsafe(32),
    )


def test_status_with_the_gcs_backend_and_no_credentials_reads_the_database(
    tmp_path: Path,
) -> None:
    env = gcs_without_credentials(tmp_path)
    proc = run_cli(tmp_path, "status", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "mode: distributed" in proc.stdout
    assert "PENDING" in proc.stdout
    assert proc.stderr == ""
    # ... while a command that needs the bucket does find no credentials in this environment.
    needs_bucket = run_cli(tmp_path, "storage", "init", env=env)
    assert needs_bucket.returncode == 1
    assert "credentials" in needs_bucket.stderr


def test_status_in_distributed_mode_needs_no_pii_key(tmp_path: Path) -> None:
    env = gcs_without_credentials(tmp_path)
    del env["PIPELINE_PII_KEY"]
    proc = run_cli(tmp_path, "status", env=env)
    assert proc.returncode == 0, proc.stderr
    assert "mode: distributed" in proc.stdout


def test_an_error_is_one_line_and_minus_v_adds_the_traceback(tmp_path: Path) -> None:
    env = gcs_without_credentials(tmp_path)
    proc = run_cli(tmp_path, "storage", "init", env=env)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("Error: no GCS credentials found")
    assert "GOOGLE_APPLICATION_CREDENTIALS" in proc.stderr  # what to do

    verbose = run_cli(tmp_path, "-v", "storage", "init", env=env)
    assert verbose.returncode == 1
    assert "Traceback (most recent call last)" in verbose.stderr
    assert verbose.stderr.splitlines()[-1] == proc.stderr.strip()


def test_an_unexpected_error_is_one_line_that_points_to_minus_v(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "export.json"
    proc = run_cli(tmp_path, "export", "--output", str(target))
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("Error: FileNotFoundError: ")
    assert "pipeline -v" in proc.stderr

    verbose = run_cli(tmp_path, "-v", "export", "--output", str(target))
    assert verbose.returncode == 1
    assert "Traceback (most recent call last)" in verbose.stderr
    assert verbose.stderr.splitlines()[-1].startswith("Error: FileNotFoundError: ")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("PIPELINE_DATABASE_URL", "mysql://db/loans"), ("PIPELINE_MAX_PAGES", "many")],
)
def test_invalid_configuration_is_one_line_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    proc = run_cli(tmp_path, "status", env=environment(tmp_path, **{variable: value}))
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith(f"Error: invalid configuration: {variable}: ")
    assert not (tmp_path / "var").exists()
