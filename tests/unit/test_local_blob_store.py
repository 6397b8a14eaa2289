"""LocalBlobStore on a real temporary directory, plus the key layout shared by every store."""

from __future__ import annotations

import errno
import hashlib
import os
import threading
import uuid
from datetime import UTC
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.domain.errors import BlobMissing, PermanentError, StorageUnavailable
from pipeline.storage import (
    InvalidBlobKey,
    LocalBlobStore,
    build_blob_store,
    document_key,
    staging_key,
)
from pipeline.storage.local import TEMP_PREFIX

HASH = hashlib.sha256(b"a loan document").hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> LocalBlobStore:
    return LocalBlobStore(tmp_path / "blobs")


def write(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def leftovers(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.name.startswith(TEMP_PREFIX)]


# Keys ---------------------------------------------------------------------------------------


def test_document_key_is_content_addressed() -> None:
    assert document_key(HASH) == f"documents/{HASH[:2]}/{HASH}"


@pytest.mark.parametrize("bad", ["", "ABC", HASH.upper(), HASH[:-1], f"../{HASH[3:]}"])
def test_document_key_refuses_anything_but_a_sha256(bad: str) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        document_key(bad)


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("W2 2023 (final).pdf", "W2_2023_final_.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ann\\paystub.PDF", "paystub.PDF"),
        (".bashrc", "bashrc"),
        ("..", "upload"),
        ("", "upload"),
        ("Überweisung März.pdf", "Überweisung_März.pdf"),
        ("-rf.pdf", "rf.pdf"),
        ("a\x00b\nc.pdf", "a_b_c.pdf"),
    ],
)
def test_staging_key_keeps_a_readable_single_segment(filename: str, expected: str) -> None:
    submission = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert staging_key(submission, filename) == f"staging/{submission}/{expected}"


def test_staging_key_truncates_long_names_but_keeps_the_extension() -> None:
    key = staging_key(uuid.uuid4(), "é" * 300 + ".pdf")
    name = key.rsplit("/", 1)[1]
    assert name.endswith(".pdf")
    assert len(name.encode()) <= 200
    assert name.removesuffix(".pdf").strip("é") == ""


def test_staging_keys_are_usable_by_the_store(store: LocalBlobStore, tmp_path: Path) -> None:
    source = write(tmp_path / "in.pdf", b"%PDF-1.7")
    key = staging_key(uuid.uuid4(), "../../../../tmp/evil name?.pdf")
    store.put_file(key, source)
    assert store.exists(key)
    assert (store.root / key).read_bytes() == b"%PDF-1.7"


def test_build_blob_store_without_a_bucket_is_local(tmp_path: Path) -> None:
    settings = Settings(gcs_bucket=None, blob_dir=tmp_path / "b", var_dir=tmp_path)
    built = build_blob_store(settings)
    assert isinstance(built, LocalBlobStore)
    assert built.root == (tmp_path / "b").resolve()


# Roundtrip ----------------------------------------------------------------------------------


def test_put_then_download_roundtrip(store: LocalBlobStore, tmp_path: Path) -> None:
    content = os.urandom(3 * 1024 * 1024 + 7)
    source = write(tmp_path / "in.pdf", content)
    key = document_key(hashlib.sha256(content).hexdigest())

    uri = store.put_file(key, source, content_type="application/pdf")

    assert uri == store.uri(key)
    assert uri.startswith("file:///")
    assert store.key_from_uri(uri) == key
    target = tmp_path / "work" / "nested" / "out.pdf"
    store.download_to(key, target)
    assert target.read_bytes() == content
    assert leftovers(store.root) == []
    assert leftovers(target.parent) == []


def test_storing_the_same_content_twice_is_harmless(store: LocalBlobStore, tmp_path: Path) -> None:
    source = write(tmp_path / "in.pdf", b"same bytes")
    first = store.put_file("documents/ab/x", source)
    second = store.put_file("documents/ab/x", source)

    assert first == second
    assert [info.key for info in store.list("")] == ["documents/ab/x"]
    assert (store.root / "documents/ab/x").read_bytes() == b"same bytes"
    assert leftovers(store.root) == []


def test_overwrite_replaces_the_content(store: LocalBlobStore, tmp_path: Path) -> None:
    store.put_file("k", write(tmp_path / "a", b"old"))
    store.put_file("k", write(tmp_path / "b", b"new content"))
    out = tmp_path / "out"
    store.download_to("k", out)
    assert out.read_bytes() == b"new content"


def test_download_replaces_an_existing_destination(store: LocalBlobStore, tmp_path: Path) -> None:
    store.put_file("k", write(tmp_path / "a", b"stored"))
    out = write(tmp_path / "out", b"something much longer that was here before")
    store.download_to("k", out)
    assert out.read_bytes() == b"stored"


# Atomicity ----------------------------------------------------------------------------------


def test_readers_never_see_a_partial_write(store: LocalBlobStore, tmp_path: Path) -> None:
    size = 4 * 1024 * 1024
    versions = {b"A" * size, b"B" * size}
    sources = [write(tmp_path / f"v{i}", content) for i, content in enumerate(sorted(versions))]
    store.put_file("documents/aa/racy", sources[0])
    target = store.root / "documents/aa/racy"
    done = threading.Event()
    seen: list[bytes] = []

    def read_continuously() -> None:
        while not done.is_set():
            seen.append(target.read_bytes())

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        for i in range(40):
            store.put_file("documents/aa/racy", sources[i % 2])
    finally:
        done.set()
        reader.join()

    assert seen, "the reader never ran"
    torn = [len(content) for content in seen if content not in versions]
    assert torn == [], f"{len(torn)} of {len(seen)} reads saw a partial file"


def test_a_failed_write_keeps_the_old_content(
    store: LocalBlobStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.put_file("documents/ab/k", write(tmp_path / "old", b"old content"))

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("pipeline.storage.local.os.fsync", failing_fsync)
    with pytest.raises(StorageUnavailable, match="documents/ab/k"):
        store.put_file("documents/ab/k", write(tmp_path / "new", b"new content"))

    assert (store.root / "documents/ab/k").read_bytes() == b"old content"
    assert leftovers(store.root) == []


# Keys escaping the root ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["../escape", "a/../../escape", "/etc/passwd", "a//b", "", "a/./b", "a\\..\\b", "a/\x00"],
)
def test_keys_escaping_the_root_are_refused(
    store: LocalBlobStore, tmp_path: Path, key: str
) -> None:
    source = write(tmp_path / "in", b"x")
    with pytest.raises(InvalidBlobKey):
        store.put_file(key, source)
    with pytest.raises(InvalidBlobKey):
        store.download_to(key, tmp_path / "out")
    with pytest.raises(InvalidBlobKey):
        store.exists(key)
    with pytest.raises(InvalidBlobKey):
        store.delete(key)
    with pytest.raises(InvalidBlobKey):
        store.uri(key)
    assert not (tmp_path / "escape").exists()
    assert not (tmp_path / "out").exists()


def test_invalid_keys_are_permanent_errors() -> None:
    assert issubclass(InvalidBlobKey, PermanentError)


def test_a_symlink_out_of_the_root_is_refused(store: LocalBlobStore, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    store.root.mkdir(parents=True)
    (store.root / "link").symlink_to(outside, target_is_directory=True)

    with pytest.raises(InvalidBlobKey, match="escapes"):
        store.put_file("link/stolen", write(tmp_path / "in", b"x"))
    assert list(outside.iterdir()) == []


def test_the_temporary_file_prefix_is_reserved(store: LocalBlobStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidBlobKey, match="reserved"):
        store.put_file(f"a/{TEMP_PREFIX}x", write(tmp_path / "in", b"x"))


def test_key_from_uri_refuses_foreign_uris(store: LocalBlobStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidBlobKey):
        store.key_from_uri((tmp_path / "elsewhere" / "k").as_uri())
    with pytest.raises(InvalidBlobKey):
        store.key_from_uri("gs://bucket/documents/ab/x")
    with pytest.raises(InvalidBlobKey):
        store.key_from_uri(store.root.as_uri() + "/../k")


def test_key_from_uri_handles_quoted_characters(store: LocalBlobStore, tmp_path: Path) -> None:
    key = "staging/s/Überweisung März #2.pdf"
    uri = store.put_file(key, write(tmp_path / "in", b"x"))
    assert "%20" in uri
    assert store.key_from_uri(uri) == key


# list / exists / delete ---------------------------------------------------------------------


def test_list_exists_delete(store: LocalBlobStore, tmp_path: Path) -> None:
    for key, content in {
        "documents/ab/ab1": b"1",
        "documents/ab/ab2": b"22",
        "documents/cd/cd1": b"333",
        "staging/s1/w2.pdf": b"4444",
    }.items():
        store.put_file(key, write(tmp_path / "in", content))
    # An interrupted write left behind must not show up as an object.
    write(store.root / "documents/ab" / f"{TEMP_PREFIX}crashed", b"partial")

    listed = list(store.list("documents/"))
    assert [(info.key, info.size) for info in listed] == [
        ("documents/ab/ab1", 1),
        ("documents/ab/ab2", 2),
        ("documents/cd/cd1", 3),
    ]
    assert all(info.updated_at.tzinfo is UTC for info in listed)
    assert [info.key for info in store.list("documents/a")] == [
        "documents/ab/ab1",
        "documents/ab/ab2",
    ]
    assert [info.key for info in store.list("staging/s1/w2")] == ["staging/s1/w2.pdf"]
    assert len(list(store.list(""))) == 4
    assert list(store.list("nothing/here/")) == []

    assert store.exists("documents/ab/ab1")
    assert not store.exists("documents/ab")  # a directory is not an object
    store.delete("documents/ab/ab1")
    assert not store.exists("documents/ab/ab1")
    store.delete("documents/ab/ab1")
    store.delete("never/stored")
    assert [info.key for info in store.list("documents/ab/")] == ["documents/ab/ab2"]


def test_list_on_an_empty_store(store: LocalBlobStore) -> None:
    assert list(store.list("")) == []


def test_missing_blob_raises_blob_missing(store: LocalBlobStore, tmp_path: Path) -> None:
    out = tmp_path / "work" / "out"
    with pytest.raises(BlobMissing, match=r"file:///.*documents/ab/gone.*does not exist"):
        store.download_to("documents/ab/gone", out)
    assert not out.exists()

    store.put_file("documents/ab/file", write(tmp_path / "in", b"x"))
    with pytest.raises(BlobMissing):
        store.download_to("documents/ab", out)  # a directory, not an object
    with pytest.raises(BlobMissing):
        store.download_to("documents/ab/file/below", out)
