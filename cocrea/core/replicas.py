"""Public pages read from a replica; everything else, and whoever just wrote, from the primary.

Active only when settings define a `replica` database (DATABASE_REPLICA_URL). A GET or HEAD
request reads from the replica unless its sender wrote something in the last
DATABASE_REPLICA_PIN_SECONDS (a cookie says so), so nobody misses their own change to
replication lag. Writes, reads inside a transaction (locks, read-then-write) and everything
outside a request (the worker, management commands) stay on the primary.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import FileResponse, HttpRequest, HttpResponseBase, StreamingHttpResponse

REPLICA = "replica"
PIN_COOKIE = "cocrea_primaria"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def primary_reads() -> Iterator[None]:
    """Reads in the block go to the primary: for what is computed once and then shared, like a
    cache filled under a token that only a committed write on the primary changes."""
    token = _reads_from_replica.set(False)
    try:
        yield
    finally:
        _reads_from_replica.reset(token)


def _primary_only(model: type) -> bool:
    """Who is signed in, and whether they still are, is never read from a lagging copy: a
    session ended (signing out) or an account deactivated must not come back from the replica."""
    meta = getattr(model, "_meta", None)
    return meta is not None and (
        meta.app_label == "sessions" or meta.label == settings.AUTH_USER_MODEL
    )


class PrimaryReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if (
            _reads_from_replica.get()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
            and not _primary_only(model)
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type, **hints: Any) -> str:
        # Explicit: Django would otherwise write an object back where it was read from.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def _streamed_from_replica(chunks: Iterable[Any]) -> Iterator[Any]:
    """Exports and feeds are read while the server sends them, after the view has returned."""
    token = _reads_from_replica.set(True)
    try:
        yield from chunks
    finally:
        _reads_from_replica.reset(token)


def _read_while_sent(response: HttpResponseBase) -> None:
    # A file is sent by the server straight from storage: nothing to read from the database.
    if isinstance(response, FileResponse) or not isinstance(response, StreamingHttpResponse):
        return
    chunks = response.streaming_content
    if isinstance(chunks, Iterable):  # not an asynchronous stream
        response.streaming_content = _streamed_from_replica(chunks)


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.active = replica_configured()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not self.active:
            return self.get_response(request)
        safe = request.method in SAFE_METHODS
        replica = safe and PIN_COOKIE not in request.COOKIES
        token = _reads_from_replica.set(replica)
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if replica:
            _read_while_sent(response)
        if not safe:
            self._pin(response)
        return response

    def _pin(self, response: HttpResponseBase) -> None:
        response.set_cookie(
            PIN_COOKIE,
            "1",
            max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
