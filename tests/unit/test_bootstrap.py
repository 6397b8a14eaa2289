"""The composition root's start-up work: the embedded database's schema check (read without
Alembic, migrated with it when needed) and the blob store made on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from pipeline.bootstrap import MIGRATIONS_DIR, ensure_schema, head_revisions
from pipeline.db import migrations
from pipeline.storage import LazyBlobStore, LocalBlobStore, StorageMisconfigured
from pipeline.storage.base import BlobStore


def alembic_heads(url: str) -> set[str]:
    return set(ScriptDirectory.from_config(migrations.alembic_config(url)).get_heads())


def stored_revisions(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}


def test_head_revisions_agree_with_alembic(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'pipeline.db'}"
    assert head_revisions() == alembic_heads(url)


def test_head_revisions_of_a_branch_and_of_a_script_that_does_not_read(tmp_path: Path) -> None:
    scripts = {
        "a.py": 'revision: str = "a"\ndown_revision: str | None = None\n',
        "b.py": 'revision = "b"\ndown_revision = "a"\n',
        "c.py": "revision = 'c'\ndown_revision = 'a'\n",
    }
    for name, text in scripts.items():
        (tmp_path / name).write_text(text)
    assert head_revisions(tmp_path) == {"b", "c"}
    (tmp_path / "d.py").write_text('revision = "d"\ndown_revision = ("b", "c")\n')
    assert head_revisions(tmp_path) == {"d"}
    (tmp_path / "e.py").write_text("revision = make_id()\n")
    assert head_revisions(tmp_path) is None


def test_a_new_database_is_migrated_to_head(tmp_path: Path) -> None:
    path = tmp_path / "var" / "pipeline.db"
    url = f"sqlite+aiosqlite:///{path}"
    ensure_schema(url)
    assert stored_revisions(path) == alembic_heads(url)


def test_a_database_one_migration_behind_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "pipeline.db"
    url = f"sqlite+aiosqlite:///{path}"
    script = ScriptDirectory.from_config(migrations.alembic_config(url))
    (head,) = script.get_heads()
    previous = script.get_revision(head).down_revision
    assert isinstance(previous, str)
    migrations.upgrade(url, previous)
    ensure_schema(url)
    assert stored_revisions(path) == {head}


def test_a_current_database_is_not_handed_to_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'pipeline.db'}"
    migrations.upgrade(url)

    def refuse(url: str, revision: str = "head") -> None:
        raise AssertionError("Alembic ran on a current database")

    monkeypatch.setattr(migrations, "upgrade", refuse)
    ensure_schema(url)


def test_the_migration_scripts_are_where_the_schema_check_reads_them() -> None:
    assert MIGRATIONS_DIR == migrations.PROJECT_ROOT / "alembic" / "versions"
    assert any(MIGRATIONS_DIR.glob("*.py"))


def test_the_lazy_store_builds_on_first_use_and_again_after_a_failed_build(
    tmp_path: Path,
) -> None:
    calls: list[int] = []

    def build() -> BlobStore:
        calls.append(1)
        if len(calls) == 1:
            raise StorageMisconfigured("no credentials")
        return LocalBlobStore(tmp_path / "blobs")

    store = LazyBlobStore(build)
    built_at_once = store.built
    assert not calls and not built_at_once
    with pytest.raises(StorageMisconfigured):
        store.exists("documents/ab/x")
    source = tmp_path / "f.txt"
    source.write_bytes(b"x")
    uri = store.put_file("staging/s/f.txt", source)
    assert store.built and store.exists("staging/s/f.txt")
    assert store.key_from_uri(uri) == "staging/s/f.txt"
    assert [info.key for info in store.list("staging/")] == ["staging/s/f.txt"]
    assert len(calls) == 2
