"""The ``pipeline`` command, for producers and operators.

pipeline ingest PATH... [--wait] [--json]     hand in files or folders (recursive)
pipeline status [ID] [--json]                 counts per status, or one document
pipeline export [--document ID] [--status S] [--format json|csv]
pipeline reprocess ID... | --failed           run the chain again, replacing records
pipeline reconcile [--dry-run] [--deep]      database vs blob store: repair, report
pipeline outbox replay --since T             publish retained events again (a stream lost them)
pipeline deadletters [--limit N]              rejected task messages no submission could hold
pipeline db upgrade                           apply the Alembic migrations
pipeline apikey create|list|revoke            keys of the HTTP API
pipeline api [--host H] [--port P]            serve the HTTP API (uvicorn)
pipeline samples DIR                          write the bundled demo documents
pipeline eval CORPUS_DIR                      precision/recall/F1 against truth.json
pipeline corrections truth OUT_DIR            reviewed documents as an evaluation corpus

An error is one line on stderr (exit code 1) saying what to do; ``pipeline -v ...`` adds the
traceback. Start-up is kept short by importing what a command needs (SQLAlchemy, Celery, the
PDF and GCS libraries) inside that command: ``pipeline --help`` loads click and nothing else.
"""

from __future__ import annotations

import atexit
import csv
import gc
import json
import logging
import os
import sys
import time
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from datetime import datetime

    from pydantic import ValidationError

    from pipeline.config import Settings


@contextmanager
def _loading() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while a command imports its libraries and sets
    up. Importing pydantic and SQLAlchemy allocates enough to trigger ~190 collections that free
    next to nothing (modules and classes live as long as the process), a tenth of
    ``pipeline status``; the collector is back on before any document is read."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _skip_collecting_at_exit() -> None:
    """At exit, freeze what is left instead of having the garbage collector walk it: tearing
    down an interpreter that holds SQLAlchemy and pydantic took ~110 ms, a fifth of
    ``pipeline status``. Runs after the commands' own clean-up (threads joined, files closed);
    Python does not promise ``__del__`` at exit either way."""
    atexit.unregister(gc.freeze)  # once, however many commands this process runs
    atexit.register(gc.freeze)


def _settings(ctx: click.Context) -> Settings:
    settings: Settings = ctx.obj["settings"]
    return settings


class PipelineGroup(click.Group):
    """The root command: an exception no command handled becomes one line saying what to do
    (exit code 1); the traceback is shown only with ``-v``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            verbose = bool(ctx.params.get("verbose"))
            if verbose:
                traceback.print_exc(file=sys.stderr)
            raise click.ClickException(describe_error(exc, verbose=verbose)) from exc


def describe_error(exc: BaseException, *, verbose: bool = False) -> str:
    """``exc`` as one line for the person at the terminal: what failed and what to do."""
    from pipeline.domain.errors import DatabaseUnavailable, PipelineError

    message = _one_line(exc)
    if isinstance(exc, DatabaseUnavailable):
        return f"{message}: check PIPELINE_DATABASE_URL and that the database is up"
    if isinstance(exc, PipelineError):  # their messages say what to do
        return message
    # Checked by module name: the error handler must not import SQLAlchemy or kombu itself.
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is not None and isinstance(exc, sa_exc.SQLAlchemyError):
        cause = getattr(exc, "orig", None)
        return (
            f"database error: {_one_line(cause) if cause is not None else message}: check "
            "PIPELINE_DATABASE_URL, that the database is up, and that it is migrated "
            "(`pipeline db upgrade`)"
        )
    kombu_exc = sys.modules.get("kombu.exceptions")
    if kombu_exc is not None and isinstance(exc, kombu_exc.OperationalError):
        return f"cannot reach the broker: {message}: check PIPELINE_BROKER_URL and that Redis is up"
    if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError | PermissionError):
        return (
            f"cannot connect: {message}: check that the services PIPELINE_DATABASE_URL and "
            "PIPELINE_BROKER_URL name are up and reachable"
        )
    hint = "" if verbose else " (`pipeline -v ...` shows the traceback)"
    return f"{type(exc).__name__}: {message}{hint}"


def _one_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _configuration_error(exc: ValidationError) -> str:
    """Pydantic's report (several lines per field) as one line naming each variable."""
    problems = []
    for error in exc.errors():
        field = "_".join(str(part) for part in error["loc"])
        where = f"PIPELINE_{field.upper()}: " if field else ""
        problems.append(where + error["msg"].removeprefix("Value error, "))
    return "invalid configuration: " + "; ".join(problems) + " (fix the environment variables)"


@click.group(cls=PipelineGroup)
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="More log output (-vv for debug), library warnings, and the traceback of an error.",
)
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """Ingestion pipeline for mortgage and loan documents."""
    _skip_collecting_at_exit()
    with _loading():
        from pydantic import ValidationError

        from pipeline.config import Settings

        try:
            settings = Settings()
        except ValidationError as exc:
            raise click.ClickException(_configuration_error(exc)) from exc
        level = logging.WARNING - 10 * verbose
        from pipeline.logging import configure_logging

        configure_logging(level=max(level, logging.DEBUG), json_format=settings.log_json)
    ctx.obj = {"settings": settings}


# --- ingest --------------------------------------------------------------------------------


def _parse_metadata(pairs: tuple[str, ...]) -> dict[str, str] | None:
    if not pairs:
        return None
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got {pair!r}", param_hint="--metadata")
        out[key] = value
    return out


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--wait", is_flag=True, help="Wait until every file is COMPLETED or FAILED.")
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@click.option("--metadata", "-m", multiple=True, metavar="KEY=VALUE", help="Attach metadata.")
@click.option("--idempotency-key", help="Repeat-safe key (single file only).")
@click.option(
    "--producer",
    metavar="NAME",
    help="Who hands these in, for fairness between producers "
    "(default: $PIPELINE_PRODUCER, else user@host).",
)
@click.option("--timeout", default=3600.0, show_default=True, help="Seconds to wait at most.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    help="Processes handing files in at once. Embedded, each one also reads and extracts the "
    "files it hands in, so a folder is read on every core; default 0: one per 16 files, up to "
    "the cores (a process costs ~1.5 s to start), or 1 with workers, which do that work.",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    wait: bool,
    as_json: bool,
    metadata: tuple[str, ...],
    idempotency_key: str | None,
    producer: str | None,
    timeout: float,
    jobs: int,
) -> None:
    """Hand in files (folders are walked recursively; a corpus's truth.json is skipped).
    The more files a producer handed in lately, the later the workers take its next ones, so
    a large batch does not hold up another producer's few files."""
    from pipeline.producer import iter_files, results, submit_many

    settings = _settings(ctx)
    files = list(iter_files(paths))
    if not files:
        raise click.ClickException("no files found")
    if idempotency_key and len(files) > 1:
        raise click.BadParameter("only with a single file", param_hint="--idempotency-key")
    meta = _parse_metadata(metadata)
    if not jobs:
        # (a process costs ~1.5 s of start-up, the time of ~16 text documents)
        jobs = max(1, min(os.cpu_count() or 1, len(files) // 16)) if settings.eager else 1
    submitted = []
    with click.progressbar(
        length=len(files), label="submitting", file=sys.stderr, show_pos=True, hidden=as_json
    ) as bar:
        for result in submit_many(
            files,
            jobs=jobs,
            metadata=meta,
            idempotency_key=idempotency_key,
            producer=producer,
            settings=settings,
            log_level=logging.getLogger().level,
        ):
            submitted.append(result)
            bar.update(1)
    ids = [s.submission_id for s in submitted]
    current = results(ids, settings)
    if wait:
        current = _wait(ids, current, settings, timeout, quiet=as_json)
    if as_json:
        click.echo(json.dumps(current, indent=2))
    else:
        _print_summary(current, waited=wait)
    if wait and any(r["status"] == "FAILED" for r in current):
        ctx.exit(1)
    if wait and not all(r["final"] for r in current):
        ctx.exit(2)


def _wait(
    ids: list[uuid.UUID],
    current: list[dict[str, Any]],
    settings: Settings,
    timeout: float,
    quiet: bool,
) -> list[dict[str, Any]]:
    from pipeline.producer import results

    deadline = time.monotonic() + timeout
    done = sum(r["final"] for r in current)
    with click.progressbar(
        length=len(ids), label="processing", file=sys.stderr, show_pos=True, hidden=quiet
    ) as bar:
        bar.update(done)
        while done < len(ids) and time.monotonic() < deadline:
            time.sleep(0.5)
            current = results(ids, settings)
            now_done = sum(r["final"] for r in current)
            bar.update(now_done - done)
            done = now_done
    return current


def _print_summary(rows: list[dict[str, Any]], *, waited: bool) -> None:
    width = max((len(r.get("filename") or "") for r in rows), default=8)
    width = min(max(width, 8), 48)
    click.echo(f"{'file':<{width}}  {'status':<10}  {'type':<14}  {'pages':>5}  document")
    for r in rows:
        kind = r.get("doc_type") or "-"
        status = r["status"] + (" (dup)" if r.get("duplicate") else "")
        click.echo(
            f"{(r.get('filename') or '')[:width]:<{width}}  {status:<10}  {kind:<14}  "
            f"{r.get('page_count') or '-':>5}  {r.get('document_id') or '-'}"
        )
        if r["status"] == "FAILED" and r.get("error_message"):
            click.echo(f"{'':<{width}}    reason: {r['error_message']}")
    completed = sum(r["status"] == "COMPLETED" and not r.get("duplicate") for r in rows)
    failed = sum(r["status"] == "FAILED" for r in rows)
    duplicates = sum(bool(r.get("duplicate")) for r in rows)
    pending = sum(not r["final"] for r in rows)
    click.echo("")
    click.echo(f"completed: {completed}   failed: {failed}   duplicate: {duplicates}", nl=False)
    click.echo(f"   not finished: {pending}" if pending else "")
    if pending and not waited:
        click.echo("(queued for the workers; `pipeline status` shows progress)")


# --- operators -----------------------------------------------------------------------------


@main.command()
@click.argument("document_id", required=False, type=click.UUID)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def status(ctx: click.Context, document_id: uuid.UUID | None, as_json: bool) -> None:
    """Counts per status (oldest waiting work, failures by reason), or one document."""
    with _loading():
        from pipeline.bootstrap import get_runtime
        from pipeline.service_layer import views

        rt = get_runtime(_settings(ctx))
    if document_id is not None:
        detail = rt.run(views.document_detail(rt.deps, document_id))
        if detail is None:
            raise click.ClickException(f"no document {document_id}")
        click.echo(json.dumps(detail, indent=2))
        return
    summary = rt.run(views.status_summary(rt.deps))
    summary["dead_letters"] = _dead_letter_count(rt)
    summary["queues"], summary["back_pressure"] = _queue_summary(rt.settings, rt.deps.clock())
    summary["settings"] = rt.settings.public_summary()
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    click.echo(f"mode: {summary['settings']['mode']}  database: {summary['settings']['database']}")
    for name, count in summary["documents"].items():
        age = summary["oldest_age_seconds"].get(name)
        extra = f"   (oldest {age:.0f}s)" if age is not None else ""
        click.echo(f"  {name:<11} {count:>7}{extra}")
    subs = summary["submissions"]
    click.echo(
        f"  submissions {subs['total']:>7}   duplicates {subs['duplicates']}"
        f"   awaiting ingest {subs['awaiting_ingest']}   rejected {subs['rejected']}"
    )
    dead = summary["dead_letters"]
    click.echo(
        f"  dead letters {dead:>6}   (`pipeline deadletters` lists them)"
        if dead is not None
        else "  dead letters    ?   (the dead-letter store did not answer)"
    )
    outbox = summary["outbox"]
    click.echo(f"  events      {outbox['pending']:>7} to publish   {outbox['dead']} parked")
    _echo_queues(summary["queues"], summary["back_pressure"], embedded=rt.settings.eager)
    last = summary["last_reconciliation"]
    if last is not None:
        click.echo(
            f"  last reconcile {last['run_at']} ({last['status']}): {last['records_checked']} "
            f"checked, {last['mismatches_found']} mismatches, {last['auto_repaired']} repaired, "
            f"{last['failed_repairs']} failed repairs"
        )
    if summary["failures_by_reason"]:
        click.echo("failures by reason:")
        for item in summary["failures_by_reason"]:
            click.echo(f"  {item['count']:>5}  {item['reason']}")


@main.command()
@click.option("--document", "document_id", type=click.UUID)
@click.option(
    "--status", "status_filter", type=click.Choice(["PENDING", "PROCESSING", "COMPLETED", "FAILED"])
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def export(
    ctx: click.Context,
    document_id: uuid.UUID | None,
    status_filter: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Documents with their borrowers, income and accounts (JSON), or income rows (CSV)."""
    from pipeline.bootstrap import get_runtime
    from pipeline.domain.model import DocumentStatus
    from pipeline.service_layer import views

    rt = get_runtime(_settings(ctx))
    docs = rt.run(
        views.export_documents(
            rt.deps,
            document_id=document_id,
            status=DocumentStatus(status_filter) if status_filter else None,
        )
    )
    out = output.open("w", newline="") if output else sys.stdout
    try:
        if fmt == "json":
            json.dump(docs, out, indent=2)
            out.write("\n")
        else:
            write_csv(docs, out)
    finally:
        if output:
            out.close()


CSV_COLUMNS = [
    "document_id",
    "filename",
    "doc_type",
    "borrower",
    "ssn_last4",
    "amount",
    "period",
    "year",
    "source_type",
    "employer",
    "page",
    "section",
    "confidence",
]


def write_csv(docs: list[dict[str, Any]], out: Any) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for doc in docs:
        people = {b["id"]: b for b in doc["borrowers"]}
        for income in doc["income_records"]:
            if income.get("rejected"):  # a reviewer marked it wrong: not income to lend on
                continue
            person = people.get(income["borrower_id"] or "", {})
            source = income.get("source") or {}
            writer.writerow(
                {
                    "document_id": doc["id"],
                    "filename": doc["filename"],
                    "doc_type": doc["doc_type"],
                    "borrower": person.get("name"),
                    "ssn_last4": person.get("ssn_last4"),
                    "amount": income["amount"],
                    "period": income["period"],
                    "year": income["year"],
                    "source_type": income["source_type"],
                    "employer": income["employer"],
                    "page": source.get("page"),
                    "section": source.get("section"),
                    "confidence": income["confidence"],
                }
            )


@main.command()
@click.argument("document_ids", nargs=-1, type=click.UUID)
@click.option("--failed", "all_failed", is_flag=True, help="Every FAILED document.")
@click.option("--force-ocr", is_flag=True, help="OCR pages again even if already done.")
@click.pass_context
def reprocess(
    ctx: click.Context, document_ids: tuple[uuid.UUID, ...], all_failed: bool, force_ocr: bool
) -> None:
    """Move documents back to PENDING and run the chain again (records are replaced). Each
    counts as a hand-in of this process's producer, so reprocessing thousands does not hold
    up other producers' files."""
    from pipeline.bootstrap import get_runtime
    from pipeline.fairness import default_producer, hand_in_priority
    from pipeline.service_layer import services
    from workers.tasks import enqueue_processing

    if not document_ids and not all_failed:
        raise click.UsageError("give document ids or --failed")
    rt = get_runtime(_settings(ctx))
    ids = list(document_ids)
    if all_failed:
        ids += rt.run(services.failed_document_ids(rt.deps))
    producer = rt.settings.producer or default_producer()
    queued = 0
    for doc_id in ids:
        if rt.run(services.reprocess(rt.deps, doc_id, force_ocr=force_ocr)):
            priority = hand_in_priority(rt.hand_ins, producer, f"reprocess:{uuid.uuid4()}")
            enqueue_processing(doc_id, priority=priority)
            queued += 1
        else:
            click.echo(f"{doc_id}: not COMPLETED or FAILED (or unknown); left alone", err=True)
    click.echo(f"reprocessing {queued} document(s)")


@main.command()
@click.option("--dry-run", is_flag=True, help="Report what would be done; change nothing.")
@click.option("--deep", is_flag=True, help="Download and re-hash every stored object (slow).")
@click.option("--json", "as_json", is_flag=True, help="Print the whole report as JSON.")
@click.pass_context
def reconcile(ctx: click.Context, dry_run: bool, deep: bool, as_json: bool) -> None:
    """Compare the database with the blob store, repair what can be repaired and write a
    report. Exit code 1 if a finding needs a person (failed repairs)."""
    from pipeline.bootstrap import get_runtime
    from pipeline.domain.model import Submission
    from pipeline.service_layer.reconcile import reconcile as run_reconciliation
    from workers.tasks import enqueue_ingest

    rt = get_runtime(_settings(ctx))
    stale: list[Submission] = []
    # Sent once the run is over: in eager mode sending runs the ingest at once, and the event
    # loop is busy with the reconciliation until then.
    report = rt.run(
        run_reconciliation(rt.deps, dry_run=dry_run, deep=deep, enqueue_ingest=stale.append)
    )
    for submission in stale:
        enqueue_ingest(submission)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(
            f"{report.records_checked} checked, {report.mismatches_found} mismatches, "
            f"{report.auto_repaired} repaired, {report.failed_repairs} failed repairs"
            + ("   (dry run: nothing changed)" if dry_run else "")
        )
        for finding in report.findings[:20]:
            subject = finding.document_id or finding.submission_id or finding.key
            click.echo(f"  {finding.outcome:<8}  {finding.kind:<18}  {subject}: {finding.action}")
        more = report.mismatches_found - min(20, len(report.findings))
        if more:
            click.echo(f"  ... and {more} more (--json, or the report's details)")
        click.echo(f"report {report.id}")
    if report.failed_repairs:
        ctx.exit(1)


@main.command()
@click.option("--dry-run", is_flag=True, help="Only list what would be done.")
@click.pass_context
def sweep(ctx: click.Context, dry_run: bool) -> None:
    """Hand dead workers' messages back to the queues and send again work whose message was
    lost (or, past max requeues, fail it): what the beat schedule does every few seconds."""
    from pipeline.bootstrap import get_runtime
    from pipeline.service_layer import operations
    from workers.app import app
    from workers.liveness import broker_probe
    from workers.tasks import enqueue_ingest, enqueue_processing

    rt = get_runtime(_settings(ctx))
    with broker_probe(app, rt.settings) as probe:
        result = rt.run(operations.sweep_stuck(rt.deps, broker=probe, dry_run=dry_run))
    for document_id in result.requeued:
        enqueue_processing(document_id)
    for submission in result.resend:
        enqueue_ingest(submission)
    for line in result.details:
        click.echo(("(dry run) " if dry_run else "") + line)
    if not dry_run:
        click.echo(
            f"handed back: {len(result.restored)}   sent again: "
            f"{len(result.requeued) + len(result.resend)}   failed: {len(result.failed)}"
        )


@main.group()
def outbox() -> None:
    """Domain events waiting in the outbox."""


@outbox.command("relay")
@click.pass_context
def outbox_relay(ctx: click.Context) -> None:
    """Publish every due event now (what the beat schedule does every few seconds)."""
    from pipeline.bootstrap import get_runtime
    from pipeline.service_layer import operations

    rt = get_runtime(_settings(ctx.find_root()))
    result = rt.run(operations.relay_pending(rt.deps, rt.publisher, max_batches=10_000))
    click.echo(
        f"published {result.published} event(s) to {rt.publisher.destination}; "
        f"failed {result.failed}; parked {len(result.gave_up)}"
    )


@outbox.command("dead")
@click.option("--retry", is_flag=True, help="Give parked events a fresh set of attempts.")
@click.pass_context
def outbox_dead(ctx: click.Context, retry: bool) -> None:
    """Events parked after max failed publishes (with their last error)."""
    from pipeline.bootstrap import get_runtime

    rt = get_runtime(_settings(ctx.find_root()))
    limit = rt.settings.outbox_max_retries

    async def run() -> None:
        async with rt.deps.uow_factory() as uow:
            for row in await uow.outbox.list_dead(max_retries=limit):
                click.echo(f"{row.id}  {row.event_type}  {row.aggregate_id}  {row.error}")
            if retry:
                count = await uow.outbox.retry_dead(max_retries=limit)
                await uow.commit()
                click.echo(f"{count} event(s) will be published again")

    rt.run(run())


@outbox.command("replay")
@click.option(
    "--since", required=True, metavar="ISO_TIME", help="Events that occurred at or after this."
)
@click.option("--until", metavar="ISO_TIME", help="... and before this.")
@click.option("--type", "event_type", metavar="EVENT_TYPE", help="Only this event type.")
@click.pass_context
def outbox_replay(
    ctx: click.Context, since: str, until: str | None, event_type: str | None
) -> None:
    """Publish retained, already published events again (after the stream lost them).

    Each keeps its outbox_id, so consumers that deduplicate on it apply it once. Times are
    ISO 8601 (UTC when no offset is given), compared with the events' occurred_at."""
    from pipeline.bootstrap import get_runtime
    from pipeline.service_layer import operations

    start = _iso_time(since, "--since")
    end = _iso_time(until, "--until") if until else None
    rt = get_runtime(_settings(ctx.find_root()))
    result = rt.run(
        operations.replay_outbox(
            rt.deps, rt.publisher, since=start, until=end, event_type=event_type
        )
    )
    click.echo(f"replayed {result.replayed} event(s) to {rt.publisher.destination}")
    if result.error is not None:
        raise click.ClickException(
            f"replay stopped after outbox id {result.last_outbox_id}: {result.error}; "
            "run it again once the destination is back"
        )


def _iso_time(text: str, option: str) -> Any:
    from datetime import UTC, datetime

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not an ISO 8601 time (e.g. 2026-03-01T12:00:00Z)", param_hint=option
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _queue_summary(
    settings: Settings, now: datetime
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Each queue's depth and the back-pressure they are under (None, None: the broker did not
    answer; status reads the database first, and a broker outage is not its error)."""
    from pipeline.queues import QueuesUnavailable, back_pressure, read_queue_depths

    try:
        depths = read_queue_depths(settings)
    except QueuesUnavailable:
        return None, None
    pressure = back_pressure(depths, ocr_bound=settings.ocr_queue_bound)
    queues = {name: depth.as_dict(now) for name, depth in depths.items()}
    return queues, pressure.as_dict() if pressure else None


def _echo_queues(
    queues: dict[str, Any] | None, pressure: dict[str, Any] | None, *, embedded: bool
) -> None:
    if embedded:
        click.echo("  queues      none (embedded: tasks run in-process)")
        return
    if queues is None:
        click.echo("  queues         ?   (the broker did not answer)")
        return
    click.echo("  queues      waiting  taken  oldest  by priority (0 first)")
    for name, q in queues.items():
        age = q["oldest_age_seconds"]
        levels = " ".join(f"{p}:{n}" for p, n in q["by_priority"].items())
        click.echo(
            f"    {name:<11}{q['waiting']:>7} {q['reserved']:>6} "
            f"{f'{age:.0f}s' if age is not None else '-':>7}  {levels}".rstrip()
        )
    if pressure is not None:
        click.echo(f"  back-pressure: {pressure['message']}")


def _dead_letter_count(rt: Any) -> int | None:
    try:
        return int(rt.dead_letters.count())
    except Exception:  # status reads the database first; a broker outage is not its error
        return None


@main.command("deadletters")
@click.option("--limit", default=20, show_default=True, help="Newest entries to show.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def deadletters(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Task messages rejected for breaking the task contract that named no submission to
    record them under (newest first): task, reason, time, argument names and types."""
    from pipeline.bootstrap import get_runtime

    rt = get_runtime(_settings(ctx))
    store = rt.dead_letters
    entries = store.newest(limit)
    if as_json:
        for entry in entries:
            click.echo(json.dumps(entry, sort_keys=True))
        return
    click.echo(f"{store.count()} dead letter(s) in {store.destination}")
    for entry in entries:
        shape = [*entry.get("args", []), *(f"{k}={v}" for k, v in entry.get("kwargs", {}).items())]
        click.echo(
            f"{entry.get('received_at')}  {entry.get('task')}  [{entry.get('task_id')}]\n"
            f"    {entry.get('reason')}\n    arguments: ({', '.join(shape)})"
        )


@main.group()
def db() -> None:
    """Database administration."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    """Apply the Alembic migrations."""
    from pipeline.db import migrations

    url = _settings(ctx.find_root()).sqlalchemy_url
    migrations.upgrade(url, revision)
    click.echo(f"database at revision {migrations.current_revision(url)}")


@main.group()
def storage() -> None:
    """Blob store administration."""


@storage.command("init")
@click.pass_context
def storage_init(ctx: click.Context) -> None:
    """Create the bucket if it is missing (development and the emulator)."""
    from pipeline.storage import GcsBlobStore, LocalBlobStore, build_blob_store

    store = build_blob_store(_settings(ctx.find_root()))
    if isinstance(store, GcsBlobStore):
        store.ensure_bucket()
        click.echo(f"bucket {store.bucket} ready")
    elif isinstance(store, LocalBlobStore):
        store.root.mkdir(parents=True, exist_ok=True)
        click.echo(f"local blob store at {store.root}")


@main.group()
def apikey() -> None:
    """Keys of the HTTP API (only a SHA-256 of each is stored)."""


@apikey.command("create")
@click.option("--name", required=True, help="Who or what uses the key.")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(["submit", "read", "review"]),
    help="What the key may do (repeatable): submit documents, read results, review them.",
)
@click.pass_context
def apikey_create(ctx: click.Context, name: str, scopes: tuple[str, ...]) -> None:
    """Create a key and print it once: it cannot be shown again."""
    from pipeline.bootstrap import get_runtime
    from pipeline.service_layer import api_keys

    rt = get_runtime(_settings(ctx.find_root()))
    try:
        key, secret = rt.run(api_keys.create_api_key(rt.deps, name=name, scopes=scopes))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(secret)
    click.echo(
        f"key {key.id} ({key.name}, scopes: {', '.join(sorted(key.scopes))}): store it now, "
        "it is not shown again",
        err=True,
    )


@apikey.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def apikey_list(ctx: click.Context, as_json: bool) -> None:
    """Every key: id, name, prefix, scopes, created, last used, revoked."""
    from pipeline.bootstrap import get_runtime
    from pipeline.service_layer import api_keys

    rt = get_runtime(_settings(ctx.find_root()))
    keys = rt.run(api_keys.list_api_keys(rt.deps))
    rows: list[dict[str, Any]] = [
        {
            "id": str(k.id),
            "name": k.name,
            "prefix": k.prefix,
            "scopes": sorted(s.value for s in k.scopes),
            "created_at": k.created_at.isoformat(),
            "last_used_at": k.last_used_at.isoformat() if k.last_used_at else None,
            "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None,
        }
        for k in keys
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
        used = row["last_used_at"] or "never"
        click.echo(
            f"{row['id']}  {row['prefix']}...  {row['name']}  [{','.join(row['scopes'])}]  "
            f"{state}  last used {used}"
        )


@apikey.command("revoke")
@click.argument("key", metavar="KEY_ID_OR_PREFIX")
@click.pass_context
def apikey_revoke(ctx: click.Context, key: str) -> None:
    """Revoke a key (by its id, or the prefix `apikey list` shows); it stops working at once."""
    from pipeline.bootstrap import get_runtime
    from pipeline.service_layer import api_keys

    rt = get_runtime(_settings(ctx.find_root()))
    keys = rt.run(api_keys.list_api_keys(rt.deps))
    matches = [k for k in keys if str(k.id) == key or k.prefix == key.removesuffix("...")]
    if len(matches) != 1:
        raise click.ClickException(
            f"no API key {key!r}"
            if not matches
            else f"{key!r} names {len(matches)} keys: use the id"
        )
    if not rt.run(api_keys.revoke_api_key(rt.deps, matches[0].id)):
        raise click.ClickException(f"API key {matches[0].id} was already revoked")
    click.echo(f"revoked {matches[0].id} ({matches[0].name})")


@main.command("api")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Server processes (each with its own database pool).",
)
@click.pass_context
def api_command(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Serve the HTTP API (uvicorn); its OpenAPI document at /openapi.json."""
    import os

    import uvicorn

    from pipeline.api.app import create_app

    settings = _settings(ctx)
    # log_config=None: uvicorn's loggers go through the pipeline's (redacting) handler.
    if workers > 1:
        # Each process builds its app, and its logging, from the environment (the same
        # settings); the level chosen here with -v is handed down through it.
        os.environ["PIPELINE_LOG_LEVEL"] = logging.getLevelName(logging.getLogger().level)
        uvicorn.run(
            "pipeline.api.app:create_app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_config=None,
        )
    else:
        uvicorn.run(create_app(settings), host=host, port=port, log_config=None)


@main.group()
def corrections() -> None:
    """Reviewers' corrections (made on the review page)."""


@corrections.command("list")
@click.argument("document_id", type=click.UUID)
@click.pass_context
def corrections_list(ctx: click.Context, document_id: uuid.UUID) -> None:
    """A document's corrections, oldest first (JSON lines): who, when, field, old and new."""
    from pipeline.bootstrap import get_runtime
    from pipeline.service_layer.corrections import list_corrections

    rt = get_runtime(_settings(ctx.find_root()))
    for c in rt.run(list_corrections(rt.deps, document_id)):
        click.echo(json.dumps(c.as_dict(), sort_keys=True))


@corrections.command("truth")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def corrections_truth(ctx: click.Context, out_dir: Path) -> None:
    """Write the reviewed documents (each with a correction) and their records as corrected
    into OUT_DIR with a truth.json: `pipeline eval OUT_DIR` then scores the current code
    against the reviewers' labels."""
    from pipeline.bootstrap import get_runtime
    from pipeline.service_layer.corrections import write_truth_corpus

    if (out_dir / "truth.json").exists():
        raise click.UsageError(f"{out_dir} already holds a truth.json: give a new directory")
    rt = get_runtime(_settings(ctx.find_root()))
    written = rt.run(write_truth_corpus(rt.deps, out_dir))
    for line in written.skipped:
        click.echo(f"skipped {line}", err=True)
    click.echo(
        f"{written.documents} reviewed document(s) and truth.json written to {out_dir}; "
        f"score them with `pipeline eval {out_dir}`"
    )


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--corpus", is_flag=True, help="A labelled evaluation corpus with truth.json.")
@click.option("--per-type", default=4, show_default=True, help="With --corpus: documents per type.")
@click.option("--seed", default=7, show_default=True)
@click.option("--no-scanned", is_flag=True, help="With --corpus: text PDFs only.")
@click.option(
    "--generator",
    type=click.Choice(["classic", "randomized", "wild", "bazaar", "packets", "vendor-packets"]),
    default="classic",
    show_default=True,
    help="classic: the bundled layouts; randomized: independently written randomized layouts; "
    "wild: a third generator imitating vendors' documents (payroll providers, banks, tax "
    "software, verification services), written apart from the extraction; "
    "bazaar: a fourth, by other authors, of other vendors' and institutions' documents; "
    "packets: loan files of both generators' documents with filler pages between them, "
    "vendor-packets: the same of the wild and bazaar generators' documents, "
    "--per-type of them (all but classic: seeds 1-999 tune, 9000-9999 are held out).",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(
        [
            *("w2", "paystub", "bank_statement", "form_1040", "form_1099", "voe"),
            *("form_1003", "form_1099_family", "form_1040_schedules"),
        ]
    ),
    help="With --generator randomized: only these kinds (repeatable; default: the first six, "
    "so earlier corpora stay as they were; form_1003, form_1099_family and "
    "form_1040_schedules only when named).",
)
@click.option(
    "--scanned-share",
    type=click.FloatRange(0, 1),
    default=0.33,
    show_default=True,
    help="With --generator randomized, wild or bazaar: the share of documents written as scans.",
)
def samples(
    out_dir: Path,
    corpus: bool,
    per_type: int,
    seed: int,
    no_scanned: bool,
    generator: str,
    kinds: tuple[str, ...],
    scanned_share: float,
) -> None:
    """Write generated sample documents (fake people, fake numbers)."""
    if kinds and generator != "randomized":
        raise click.UsageError("--kind goes with --generator randomized")
    if generator in ("randomized", "wild", "bazaar", "packets", "vendor-packets"):
        from pipeline.samples import randomized

        if not corpus:
            raise click.UsageError(
                f"--generator {generator} writes a labelled corpus: add --corpus"
            )
        if seed in randomized.HELD_OUT_SEEDS:
            click.echo(
                f"seed {seed} is in the held-out band (9000-9999): measure with it, "
                "do not look at its documents while tuning extraction",
                err=True,
            )
        started = time.perf_counter()
        share = 0.0 if no_scanned else scanned_share
        if generator in ("packets", "vendor-packets"):
            from pipeline.samples.packets import generate_packet_corpus

            truth = generate_packet_corpus(
                out_dir,
                seed=seed,
                count=per_type,
                scanned_share=share,
                vendors=generator == "vendor-packets",
            )
        elif generator in ("wild", "bazaar"):
            from pipeline.samples.wild import generate_wild_corpus

            truth = generate_wild_corpus(
                out_dir,
                seed=seed,
                count_per_kind=per_type,
                scanned_share=share,
                generator=generator,
            )
        else:
            truth = randomized.generate_randomized_corpus(
                out_dir,
                seed=seed,
                count_per_kind=per_type,
                scanned_share=share,
                kinds=kinds or randomized.KINDS,
            )
        click.echo(
            f"{generator} corpus written to {out_dir} in {time.perf_counter() - started:.1f}s "
            f"(labels: {truth})"
        )
        return

    from pipeline import samples as gen

    if corpus:
        truth = gen.generate_corpus(out_dir, seed=seed, per_type=per_type, scanned=not no_scanned)
        click.echo(f"corpus written to {out_dir} (labels: {truth})")
    else:
        files = gen.generate_samples(out_dir, seed=seed)
        click.echo(f"{len(files)} sample documents written to {out_dir}")


@main.command("eval")
@click.argument("corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--in-place", is_flag=True, help="Use the configured database instead of a scratch one."
)
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the embedded workspace here; a re-run reprocesses stored files without OCR.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="NAME",
    help="Leave this file of the truth out (not ingested, not scored); repeatable.",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_command(
    ctx: click.Context,
    corpus_dir: Path,
    in_place: bool,
    workspace: Path | None,
    exclude: tuple[str, ...],
    as_json: bool,
) -> None:
    """Ingest a labelled corpus and print precision/recall/F1 per record kind, document kind
    and layout, then the misses."""
    from pipeline.evaluation_run import EvalSetupError, run_evaluation

    try:
        report, text = run_evaluation(
            corpus_dir,
            settings=_settings(ctx),
            in_place=in_place,
            workspace=workspace,
            exclude=exclude,
        )
    except EvalSetupError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2, default=str) if as_json else text)


if __name__ == "__main__":  # pragma: no cover
    main()
