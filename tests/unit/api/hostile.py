"""A hostile HTTP server on 127.0.0.1: raw sockets in threads, answering as a test scripts it.

Each accepted connection has its request read (head and ``Content-Length`` body) and is then
handed to a *behaviour*: a function that writes whatever it likes to the socket. Behaviours
stop as soon as the client goes away or the server is closed, so none outlives its test.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[[socket.socket, threading.Event, bytes], None]
"""What to do with a connection: the socket, the "server closed" event, the request head."""
CHUNK = 64 * 1024


class HostileServer:
    """A loopback server whose every connection gets ``behaviour`` after its request is read.

    Attributes:
        url: the base URL to give the client.
        requests: the request heads received (bytes), in order.
        connections: how many connections were accepted.
    """

    def __init__(self, behaviour: Behaviour) -> None:
        self._behaviour = behaviour
        self._closed = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.requests: list[bytes] = []
        self.connections = 0
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                head = _read_request(conn)
                self.requests.append(head)
                self._behaviour(conn, self._closed, head)
            except OSError:
                pass  # the client went away: that is how most behaviours end

    def close(self) -> None:
        """Stop accepting, end every behaviour and wait for their threads."""
        self._closed.set()
        self._listener.close()
        self._acceptor.join(5)
        for thread in self._threads:
            thread.join(5)


@contextmanager
def hostile(behaviour: Behaviour) -> Iterator[HostileServer]:
    """A :class:`HostileServer` for the length of a ``with`` block."""
    server = HostileServer(behaviour)
    try:
        yield server
    finally:
        server.close()


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(CHUNK)
        if not chunk:
            return data
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = conn.recv(CHUNK)
        if not chunk:
            break
        rest += chunk
    return head


# -- behaviours ------------------------------------------------------------------------------


def trickle(status: int = 200) -> Behaviour:
    """Headers promising a long body, then one byte at a time, slowly, for as long as asked."""

    def behave(conn: socket.socket, closed: threading.Event, head: bytes) -> None:
        conn.sendall(
            f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\n"
            "Content-Length: 100000\r\n\r\n".encode()
        )
        conn.sendall(b"{")
        while not closed.wait(0.05):
            conn.sendall(b" ")

    return behave


def silent(conn: socket.socket, closed: threading.Event, head: bytes) -> None:
    """Read the request, then say nothing at all until the server closes."""
    closed.wait(30)


def huge(status: int = 200, *, declared: bool = True) -> Behaviour:
    """A body of 100 MB (announced by Content-Length, or chunked when ``declared`` is False)."""
    total = 100 * 1024 * 1024

    def behave(conn: socket.socket, closed: threading.Event, head: bytes) -> None:
        framing = f"Content-Length: {total}" if declared else "Transfer-Encoding: chunked"
        conn.sendall(
            f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n{framing}\r\n\r\n".encode()
        )
        block = b" " * CHUNK
        if not declared:
            block = f"{CHUNK:x}\r\n".encode() + block + b"\r\n"
        sent = 0
        while sent < total and not closed.is_set():
            conn.sendall(block)
            sent += CHUNK

    return behave


def answer(status: int, body: bytes) -> Behaviour:
    """One plain answer with ``body``, then close."""
    return lambda conn, closed, head: _answer(conn, status, body)


def _answer(conn: socket.socket, status: int, body: bytes) -> None:
    conn.sendall(
        f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body
    )


def stuck_send(arrived: threading.Event) -> Behaviour:
    """POST /send never answered (``arrived`` set once it came); anything else: empty success."""

    def behave(conn: socket.socket, closed: threading.Event, head: bytes) -> None:
        if head.startswith(b"POST /send"):
            arrived.set()
            closed.wait(120)
        else:
            _answer(conn, 200, b'{"success": true, "data": []}')

    return behave


@contextmanager
def unreachable() -> Iterator[str]:
    """A base URL whose connections never complete: a listener whose backlog is full.

    The kernel drops further SYNs while the accept queue is full, so ``connect`` hangs: a
    deadline met there is met before a byte of the request left.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers: list[socket.socket] = []
    try:
        for _ in range(4):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        yield f"http://127.0.0.1:{port}"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
