"""The GCS emulator (``gcp-storage-emulator``) as a subprocess, and the fixtures that use it.

The emulator keeps its objects on disk under ``data_dir``, so :meth:`GcsEmulator.stop` followed by
:meth:`GcsEmulator.start` is an outage the stored objects survive, on the same port.

Quirks of the emulator (none of them needs a workaround in the adapter):

* Without ``--data-dir`` it writes ``.cloudstorage/`` into the current directory: always pass one.
* It serves one request at a time (``http.server.HTTPServer``) and holds each object in memory
  while handling it; a resumable upload rewrites the whole partial file on every chunk.
* ``objects.list`` ignores ``maxResults``/``pageToken`` and returns everything in one page.
* ``ifGenerationMatch`` and other preconditions are accepted and ignored.
* Only whole-object downloads carry ``X-Goog-Hash``; ranged ones are not checksummed.
* Deleting an object soft-deletes it (7 days, like a new real bucket), keeping a copy on disk.
* Every write (an upload, a delete) rewrites one JSON index of every object the emulator holds,
  soft-deleted ones included: a write costs time in proportion to the objects stored, which GCS
  does not. A long run (the soak: tens of thousands of objects) starts it with
  ``persist_index=False``, which leaves the index in memory only (it then does not survive a
  restart).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.storage.gcs import GcsBlobStore
from tests.support.services import free_port, require

HOST = "127.0.0.1"
# Short enough that the outage test takes seconds; long enough for the emulator's single thread.
STORE_RETRY_DEADLINE = 3.0
STORE_TIMEOUT = 30.0


class EmulatorError(RuntimeError):
    pass


# ``python -c`` boot for ``persist_index=False``: the emulator's own module, its index write a
# no-op (objects' bytes are still written to disk; the index lives in the process).
_IN_MEMORY_INDEX = """
import runpy, sys
from gcp_storage_emulator.storage import Storage
Storage._write_config_to_file = lambda self: None
sys.argv = ["gcp_storage_emulator", *sys.argv[1:]]
runpy.run_module("gcp_storage_emulator", run_name="__main__", alter_sys=True)
"""


class GcsEmulator:
    """One ``gcp-storage-emulator`` process on ``127.0.0.1:port``, storing under ``data_dir``;
    with ``quiet=False`` it logs one line per HTTP request (``data_dir/emulator.log``);
    ``persist_index=False``: see the module's quirks."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        quiet: bool = True,
        persist_index: bool = True,
    ) -> None:
        self.data_dir = data_dir
        self.port = port if port is not None else free_port()
        self.quiet = quiet
        self.persist_index = persist_index
        self._process: subprocess.Popen[bytes] | None = None
        self._log_path = data_dir / "emulator.log"

    @staticmethod
    def installed() -> bool:
        return importlib.util.find_spec("gcp_storage_emulator") is not None

    @property
    def host(self) -> str:
        """The value for ``STORAGE_EMULATOR_HOST``."""
        return f"http://{HOST}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 20.0) -> None:
        """Start (or restart, keeping the stored objects) and wait until it answers."""
        if self.running:
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            *(["-m", "gcp_storage_emulator"] if self.persist_index else ["-c", _IN_MEMORY_INDEX]),
            "--data-dir",
            str(self.data_dir.resolve()),
            "start",
            "--host",
            HOST,
            "--port",
            str(self.port),
            *(["--quiet"] if self.quiet else []),
        ]
        with self._log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._process = None
                raise EmulatorError(f"exited at start-up on port {self.port}: {self._log_tail()}")
            if self._answers():
                return
            time.sleep(0.05)
        self.stop()
        raise EmulatorError(f"did not answer on {self.host} within {timeout:g}s")

    def stop(self) -> None:
        """Stop the process; the port stops answering at once (connections are refused)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.host}/", timeout=1) as response:  # noqa: S310
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def _log_tail(self) -> str:
        try:
            return self._log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return "(no log)"


@pytest.fixture(scope="session")
def gcs_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GcsEmulator]:
    """A running emulator for the session, with ``STORAGE_EMULATOR_HOST`` pointing at it."""
    require(GcsEmulator.installed(), "GCS emulator (gcp-storage-emulator package)")
    emulator = GcsEmulator(tmp_path_factory.mktemp("gcs-emulator"))
    try:
        emulator.start()
    except EmulatorError as exc:
        require(False, f"GCS emulator ({exc})")
    previous = os.environ.get("STORAGE_EMULATOR_HOST")
    os.environ["STORAGE_EMULATOR_HOST"] = emulator.host
    try:
        yield emulator
    finally:
        if previous is None:
            os.environ.pop("STORAGE_EMULATOR_HOST", None)
        else:
            os.environ["STORAGE_EMULATOR_HOST"] = previous
        emulator.stop()


@pytest.fixture
def gcs_store(gcs_emulator: GcsEmulator) -> GcsBlobStore:
    """A store on a fresh, uniquely named bucket of the session's emulator."""
    # A test that stopped the emulator and failed before restarting it must not break the next.
    gcs_emulator.start()
    store = GcsBlobStore(
        f"test-{uuid.uuid4().hex[:24]}",
        project="test-project",
        timeout=STORE_TIMEOUT,
        retry_deadline=STORE_RETRY_DEADLINE,
    )
    store.ensure_bucket()
    return store
