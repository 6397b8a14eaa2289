"""GcsBlobStore: the real google-cloud-storage client against the real gcp-storage-emulator."""

from __future__ import annotations

import hashlib
import os
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC
from pathlib import Path

import pytest
from google.cloud import storage

from pipeline.config import Settings
from pipeline.domain.errors import BlobMissing, StorageUnavailable
from pipeline.storage import (
    GcsBlobStore,
    InvalidBlobKey,
    StorageMisconfigured,
    build_blob_store,
    document_key,
)
from pipeline.storage.gcs import UPLOAD_CHUNK_SIZE
from tests.support.gcs_emulator import STORE_RETRY_DEADLINE, STORE_TIMEOUT, GcsEmulator

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
# Time the client may spend past its retry deadline: one last attempt and the error translation.
OUTAGE_MARGIN_SECONDS = 5.0


def random_file(path: Path, size: int) -> Path:
    """``size`` random bytes written a MiB at a time (never the whole file in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        remaining = size
        while remaining:
            block = min(remaining, MiB)
            out.write(os.urandom(block))
            remaining -= block
    return path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(MiB), b""):
            digest.update(block)
    return digest.hexdigest()


def leftovers(directory: Path) -> list[str]:
    return [path.name for path in directory.iterdir() if path.name.endswith(".part")]


def test_roundtrip_of_a_multi_megabyte_file(gcs_store: GcsBlobStore, tmp_path: Path) -> None:
    # Over the multipart limit (8 MiB) and not a multiple of the chunk size: a resumable upload
    # of two chunks, the second one short.
    source = random_file(tmp_path / "statement.pdf", UPLOAD_CHUNK_SIZE + 3 * MiB + 11)
    key = document_key(sha256(source))

    uri = gcs_store.put_file(key, source, content_type="application/pdf")

    assert uri == f"gs://{gcs_store.bucket}/{key}"
    assert gcs_store.key_from_uri(uri) == key
    stored = storage.Client().bucket(gcs_store.bucket).get_blob(key)
    assert stored is not None
    assert stored.content_type == "application/pdf"
    assert stored.size == source.stat().st_size
    target = tmp_path / "work" / "copy.pdf"
    gcs_store.download_to(key, target)
    assert sha256(target) == sha256(source)
    assert leftovers(target.parent) == []


def test_roundtrip_of_small_and_empty_files(gcs_store: GcsBlobStore, tmp_path: Path) -> None:
    for size in (0, 1, 5000):
        source = random_file(tmp_path / f"in-{size}", size)
        gcs_store.put_file(f"small/{size}", source)
        target = tmp_path / f"out-{size}"
        gcs_store.download_to(f"small/{size}", target)
        assert target.read_bytes() == source.read_bytes()


def test_storing_the_same_content_twice_is_harmless(
    gcs_store: GcsBlobStore, tmp_path: Path
) -> None:
    source = random_file(tmp_path / "in", 2 * MiB)
    key = document_key(sha256(source))

    assert gcs_store.put_file(key, source) == gcs_store.put_file(key, source)

    assert [(info.key, info.size) for info in gcs_store.list("")] == [(key, 2 * MiB)]
    target = tmp_path / "out"
    gcs_store.download_to(key, target)
    assert sha256(target) == key.rsplit("/", 1)[1]


def test_a_large_upload_streams_from_disk(gcs_store: GcsBlobStore, tmp_path: Path) -> None:
    size = 64 * MiB
    source = random_file(tmp_path / "big.tiff", size)

    tracemalloc.start()
    try:
        gcs_store.put_file("big/scan.tiff", source)
        _, upload_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        target = tmp_path / "back.tiff"
        gcs_store.download_to("big/scan.tiff", target)
        _, download_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    # One 8 MiB chunk in flight plus the client's copy of it (~16 MiB measured); reading the file
    # whole, or in the client's default 100 MiB chunks, would be >= 64 MiB.
    assert upload_peak < 24 * MiB, f"upload peak {upload_peak / MiB:.1f} MiB"
    assert download_peak < 8 * MiB, f"download peak {download_peak / MiB:.1f} MiB"
    assert target.stat().st_size == size
    assert sha256(target) == sha256(source)


def test_exists_list_delete(gcs_store: GcsBlobStore, tmp_path: Path) -> None:
    for key, size in {
        "documents/ab/ab1": 1,
        "documents/ab/ab2": 2,
        "documents/cd/cd1": 3,
        "staging/s1/w2.pdf": 4,
    }.items():
        gcs_store.put_file(key, random_file(tmp_path / key, size))

    listed = list(gcs_store.list("documents/"))
    assert [(info.key, info.size) for info in listed] == [
        ("documents/ab/ab1", 1),
        ("documents/ab/ab2", 2),
        ("documents/cd/cd1", 3),
    ]
    assert all(info.updated_at.tzinfo is UTC for info in listed)
    assert [info.key for info in gcs_store.list("documents/a")] == [
        "documents/ab/ab1",
        "documents/ab/ab2",
    ]
    assert len(list(gcs_store.list(""))) == 4
    assert list(gcs_store.list("nothing/")) == []

    assert gcs_store.exists("documents/ab/ab1")
    assert not gcs_store.exists("documents/ab")
    gcs_store.delete("documents/ab/ab1")
    assert not gcs_store.exists("documents/ab/ab1")
    gcs_store.delete("documents/ab/ab1")
    gcs_store.delete("never/stored")
    assert [info.key for info in gcs_store.list("documents/ab/")] == ["documents/ab/ab2"]


def test_missing_object_raises_blob_missing(gcs_store: GcsBlobStore, tmp_path: Path) -> None:
    target = tmp_path / "work" / "out.pdf"
    with pytest.raises(BlobMissing, match=rf"gs://{gcs_store.bucket}/documents/ab/gone"):
        gcs_store.download_to("documents/ab/gone", target)
    assert not target.exists()
    assert leftovers(target.parent) == []


def test_a_corrupted_download_fails_and_leaves_nothing(
    gcs_store: GcsBlobStore, gcs_emulator: GcsEmulator, tmp_path: Path
) -> None:
    gcs_store.put_file("documents/ab/k", random_file(tmp_path / "in", 100_000))
    # The emulator keeps object bytes in <data_dir>/.cloudstorage/<bucket>/<key> and serves the
    # crc32c/md5 it computed at upload time: flip a byte behind its back.
    stored = gcs_emulator.data_dir / ".cloudstorage" / gcs_store.bucket / "documents/ab/k"
    content = bytearray(stored.read_bytes())
    content[50_000] ^= 0xFF
    stored.write_bytes(bytes(content))

    target = tmp_path / "out"
    with pytest.raises(StorageUnavailable, match="checksum"):
        gcs_store.download_to("documents/ab/k", target)
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_a_missing_bucket_is_a_configuration_error(
    gcs_emulator: GcsEmulator, tmp_path: Path
) -> None:
    store = GcsBlobStore("no-such-bucket-here", retry_deadline=STORE_RETRY_DEADLINE)
    with pytest.raises(StorageMisconfigured, match="PIPELINE_GCS_BUCKET"):
        store.put_file("k", random_file(tmp_path / "in", 10))
    with pytest.raises(StorageMisconfigured, match="PIPELINE_GCS_BUCKET"):
        list(store.list(""))


def test_key_from_uri_refuses_other_buckets(gcs_store: GcsBlobStore) -> None:
    with pytest.raises(InvalidBlobKey):
        gcs_store.key_from_uri("gs://some-other-bucket/documents/ab/x")
    with pytest.raises(InvalidBlobKey):
        gcs_store.key_from_uri("file:///var/blobs/documents/ab/x")
    with pytest.raises(InvalidBlobKey):
        gcs_store.uri("../x")


def test_build_blob_store_with_a_bucket_is_gcs(gcs_emulator: GcsEmulator, tmp_path: Path) -> None:
    settings = Settings(gcs_bucket="built-from-settings", var_dir=tmp_path)
    built = build_blob_store(settings)
    assert isinstance(built, GcsBlobStore)
    built.ensure_bucket()
    built.ensure_bucket()
    assert built.put_file("k", random_file(tmp_path / "in", 10)) == "gs://built-from-settings/k"
    assert built.exists("k")


def test_an_outage_is_storage_unavailable_and_recovers(
    gcs_store: GcsBlobStore, gcs_emulator: GcsEmulator, tmp_path: Path
) -> None:
    source = random_file(tmp_path / "in", 1000)
    gcs_store.put_file("documents/ab/before", source)
    bound = STORE_RETRY_DEADLINE + OUTAGE_MARGIN_SECONDS
    assert bound < STORE_TIMEOUT, "a refused connection, not a request timeout, must end the wait"

    gcs_emulator.stop()
    try:
        calls: dict[str, Callable[[], object]] = {
            "uploading": lambda: gcs_store.put_file("documents/ab/during", source),
            "downloading": lambda: gcs_store.download_to("documents/ab/before", tmp_path / "o"),
            "checking": lambda: gcs_store.exists("documents/ab/before"),
            "deleting": lambda: gcs_store.delete("documents/ab/before"),
            "listing": lambda: list(gcs_store.list("documents/")),
        }
        for action, call in calls.items():
            started = time.monotonic()
            with pytest.raises(StorageUnavailable, match=f"GCS unavailable while {action}") as info:
                call()
            elapsed = time.monotonic() - started
            assert "Connection refused" in str(info.value)
            assert elapsed < bound, f"{action}: took {elapsed:.1f}s to report the outage"
    finally:
        gcs_emulator.start()

    assert not (tmp_path / "o").exists()
    assert gcs_store.exists("documents/ab/before")
    assert gcs_store.put_file("documents/ab/after", source).endswith("documents/ab/after")
    gcs_store.download_to("documents/ab/before", tmp_path / "o")
    assert (tmp_path / "o").read_bytes() == source.read_bytes()
