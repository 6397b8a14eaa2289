"""A TCP proxy that injects faults, for the chaos run: in front of the GCS emulator (503s, hung
requests, slow answers) and in front of PostgreSQL (a restart: every connection dropped, new ones
refused for a while).

It runs as a process of its own (``python -m tests.support.fault_proxy``), so a fault keeps its
timing however busy the harness is, and is driven over a second, loopback control port: one JSON
line in, one JSON line back (:class:`FaultProxy` does this).

Modes, each applying to connections accepted while it is set:

``pass``
    bytes go through unchanged, both ways.
``refuse``
    the listening socket is closed (a client's connect is refused, as by a stopped server) and
    every open connection is reset.
``http503``
    the request is read and answered ``503 Service Unavailable`` without reaching the upstream.
``hang``
    the request is read and never answered; when the mode ends the connection is reset (a
    client with a shorter timeout gives up before that).
``slow``
    the upstream's answer is held back ``delay`` seconds before its first byte.

The GCS emulator answers HTTP/1.0 and closes every connection after its response, so each
request is a connection of its own and a mode applies per request.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.services import free_port

HOST = "127.0.0.1"
MODES = ("pass", "refuse", "http503", "hang", "slow")
_503_BODY = b'{"error": {"code": 503, "message": "unavailable (injected by the chaos run)"}}'
_503 = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(_503_BODY), _503_BODY)
)
_HEAD_LIMIT = 64 * 1024


class _Proxy:
    def __init__(self, listen_port: int, upstream: tuple[str, int]) -> None:
        self.listen_port = listen_port
        self.upstream = upstream
        self.mode = "pass"
        self.delay = 0.0
        self.server: asyncio.Server | None = None
        self.open: set[asyncio.StreamWriter] = set()
        self.hung: set[asyncio.StreamWriter] = set()
        self.counts: dict[str, int] = dict.fromkeys(MODES, 0)

    async def listen(self) -> None:
        if self.server is None:
            self.server = await asyncio.start_server(
                self._accept, HOST, self.listen_port, reuse_address=True
            )

    async def set_mode(self, mode: str, delay: float) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        if self.mode == "hang" and mode != "hang":
            self._reset(self.hung)
        self.mode, self.delay = mode, delay
        if mode == "refuse":
            if self.server is not None:
                self.server.close()
                await self.server.wait_closed()
                self.server = None
            self._reset(self.open)
        else:
            await self.listen()

    def cut(self) -> int:
        """Reset every open connection now (a network blip); returns how many."""
        count = len(self.open)
        self._reset(self.open)
        return count

    @staticmethod
    def _reset(writers: set[asyncio.StreamWriter]) -> None:
        for writer in list(writers):
            writer.transport.abort()
        writers.clear()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        mode, delay = self.mode, self.delay
        self.counts[mode] = self.counts.get(mode, 0) + 1
        self.open.add(writer)
        try:
            if mode == "http503":
                await _read_request(reader)
                writer.write(_503)
                await writer.drain()
            elif mode == "hang":
                self.hung.add(writer)
                await _read_request(reader)
                await reader.read()  # until the client gives up or the mode ends (reset)
            else:
                await self._forward(reader, writer, delay if mode == "slow" else 0.0)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            self.open.discard(writer)
            self.hung.discard(writer)
            writer.close()

    async def _forward(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float
    ) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        self.open.add(up_writer)
        pipes = [
            asyncio.create_task(_pipe(reader, up_writer, 0.0)),
            asyncio.create_task(_pipe(up_reader, writer, delay)),
        ]
        try:
            # A half-closed side lets the other finish; a reset on either ends both.
            await asyncio.wait(pipes, return_when=asyncio.FIRST_EXCEPTION)
        finally:
            for pipe in pipes:
                pipe.cancel()
            for outcome in await asyncio.gather(*pipes, return_exceptions=True):
                if isinstance(outcome, OSError):
                    writer.transport.abort()
            self.open.discard(up_writer)
            up_writer.transport.abort()


async def _read_request(reader: asyncio.StreamReader) -> None:
    """Read one HTTP request (head and a Content-Length body) so the client is not reset while
    it is still sending."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    if len(head) > _HEAD_LIMIT:
        return
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            await asyncio.wait_for(reader.readexactly(int(value)), 10)


async def _pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, delay: float) -> None:
    first = True
    try:
        while chunk := await src.read(65536):
            if first and delay:
                await asyncio.sleep(delay)
            first = False
            dst.write(chunk)
            await dst.drain()
    finally:
        if dst.can_write_eof():
            with contextlib.suppress(OSError):
                dst.write_eof()


async def _serve(listen_port: int, upstream: tuple[str, int], control_port: int) -> None:
    proxy = _Proxy(listen_port, upstream)
    await proxy.listen()

    async def control(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            command = json.loads(await reader.readline())
            reply: dict[str, Any] = {"ok": True}
            if "mode" in command:
                await proxy.set_mode(command["mode"], float(command.get("delay", 0.0)))
            if command.get("cut"):
                reply["cut"] = proxy.cut()
            reply.update(mode=proxy.mode, open=len(proxy.open), counts=proxy.counts)
        except Exception as exc:  # a bad command is answered, never fatal
            reply = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
        writer.write(json.dumps(reply).encode() + b"\n")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(control, HOST, control_port, reuse_address=True)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


@dataclass
class FaultProxy:
    """A fault-injecting proxy process to ``upstream_host:upstream_port``, listening on
    ``port``; its log (one line at start, errors) goes to ``log_path``."""

    upstream_host: str
    upstream_port: int
    log_path: Path
    port: int = 0
    control_port: int = 0
    _proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 20.0) -> FaultProxy:
        self.port = self.port or free_port()
        self.control_port = self.control_port or free_port()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.support.fault_proxy",
                    "--listen",
                    str(self.port),
                    "--upstream",
                    f"{self.upstream_host}:{self.upstream_port}",
                    "--control",
                    str(self.control_port),
                ],
                cwd=Path(__file__).resolve().parents[2],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"fault proxy exited: {self.log_path.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                self.command()
                return self
            time.sleep(0.1)
        raise RuntimeError(f"fault proxy not answering on {self.control_port}")

    def command(self, **command: Any) -> dict[str, Any]:
        with socket.create_connection((HOST, self.control_port), timeout=10) as sock:
            sock.sendall(json.dumps(command).encode() + b"\n")
            with sock.makefile("rb") as answer:
                reply: dict[str, Any] = json.loads(answer.readline())
        if not reply.get("ok"):
            raise RuntimeError(f"fault proxy refused {command}: {reply.get('error')}")
        return reply

    def set_mode(self, mode: str, delay: float = 0.0) -> dict[str, Any]:
        return self.command(mode=mode, delay=delay)

    def cut(self) -> int:
        return int(self.command(cut=True)["cut"])

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", type=int, required=True)
    parser.add_argument("--upstream", required=True, help="host:port")
    parser.add_argument("--control", type=int, required=True)
    args = parser.parse_args()
    host, _, port = args.upstream.rpartition(":")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.listen, (host, int(port)), args.control))


if __name__ == "__main__":
    main()
