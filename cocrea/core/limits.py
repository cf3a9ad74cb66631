"""Where limits count, and the sign-in lockout.

Every limit (django-ratelimit's on reports, supports and the like; allauth's on sign-in, sign-up
and codes) must count in a store that all workers and machines share: one count per process
would let N workers accept N times the limit. That store is Redis when REDIS_URL is set, and
otherwise the `cocrea_cache` table (core's migration 0007) through `SharedDatabaseCache`.
Everything else the site caches (fragments, figures) stays in each process's memory, which is
faster and, keyed by versions the database holds, never stale: `SplitCache` sends allauth's
limit keys to the shared store and the rest to memory. `cocrea/core/checks.py` refuses a
configuration where a limit would count per process.
"""

import base64
import ipaddress
import pickle
from collections.abc import Iterable, Mapping
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django import forms
from django.core.cache import BaseCache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.timezone import now

from cocrea.core.client_ip import client_ip
from cocrea.core.replicas import primary_reads

CACHE_TABLE = "cocrea_cache"
# allauth keeps its counts (and their locks) under these keys in the default cache.
ALLAUTH_LIMIT_PREFIX = "allauth:rl:"


class SharedDatabaseCache(DatabaseCache):
    """Django's database cache with two changes that limits need: counts are read from the
    primary (never a lagging replica), and `incr` is atomic (the row is locked while it is
    read and written), so two workers counting at once never both see 5 and both write 6."""

    def __init__(self, table: str, params: dict[str, Any]) -> None:
        super().__init__(table, params)
        self.table = table

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        with primary_reads():
            return super().get_many(keys, version)

    def has_key(self, key: str, version: int | None = None) -> bool:
        with primary_reads():
            return super().has_key(key, version)

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        cache_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, value_column = quote(self.table), quote("value")
        where = f"WHERE {quote('cache_key')} = %s"
        # SQLite runs its transactions IMMEDIATE (settings), which locks the file instead.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            # Identifiers quoted, from settings; the key is a parameter.
            select = f"SELECT {value_column}, {quote('expires')} FROM {table} {where}{lock}"  # noqa: S608
            cursor.execute(select, [cache_key])
            row = cursor.fetchone()
            if row is None or _expires(connection, row[1]) < now():
                raise ValueError(f"Key '{key}' not found")
            # What this cache wrote itself, as Django's database cache reads it.
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))  # noqa: S301
            value += delta
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            update = f"UPDATE {table} SET {value_column} = %s {where}"  # noqa: S608 (as above)
            cursor.execute(update, [pickled, cache_key])
        return int(value)


def _expires(connection: Any, value: Any) -> Any:
    expression = models.Expression(output_field=models.DateTimeField())
    converters = connection.ops.get_db_converters(expression)
    for converter in [*converters, *expression.get_db_converters(connection)]:
        value = converter(value, expression, connection)
    return value


class SplitCache(BaseCache):
    """The default cache when there is no Redis: keys that begin with one of SHARED_PREFIXES
    go to the SHARED alias, all others to the LOCAL one (both are other CACHES entries)."""

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        options = params["OPTIONS"]
        self.local_alias: str = options["LOCAL"]
        self.shared_alias: str = options["SHARED"]
        self.shared_prefixes: tuple[str, ...] = tuple(options["SHARED_PREFIXES"])

    def _part(self, key: str) -> BaseCache:
        shared = str(key).startswith(self.shared_prefixes)
        return caches[self.shared_alias if shared else self.local_alias]

    def _by_part(self, keys: Iterable[str]) -> dict[BaseCache, list[str]]:
        parts: dict[BaseCache, list[str]] = {}
        for key in keys:
            parts.setdefault(self._part(key), []).append(key)
        return parts

    def add(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._part(key).add(key, value, timeout, version)

    def get(self, key: str, default: Any | None = None, version: int | None = None) -> Any:
        return self._part(key).get(key, default, version)

    def set(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._part(key).set(key, value, timeout, version)

    def touch(
        self, key: str, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._part(key).touch(key, timeout, version)

    def delete(self, key: str, version: int | None = None) -> bool:
        return self._part(key).delete(key, version)

    def has_key(self, key: str, version: int | None = None) -> bool:
        return self._part(key).has_key(key, version)

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        return self._part(key).incr(key, delta, version)

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for part, part_keys in self._by_part(keys).items():
            found.update(part.get_many(part_keys, version))
        return found

    def set_many(
        self,
        data: Mapping[str, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[str]:
        failed: list[str] = []
        for part, part_keys in self._by_part(data).items():
            failed += part.set_many({k: data[k] for k in part_keys}, timeout, version)
        return failed

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        for part, part_keys in self._by_part(keys).items():
            part.delete_many(part_keys, version)

    def clear(self) -> None:
        caches[self.local_alias].clear()
        caches[self.shared_alias].clear()


def limit_address(request: HttpRequest) -> str:
    """The address as the limits count it: an IPv6 client owns a whole /64, as allauth and
    django-ratelimit also count it."""
    ip = client_ip(request)
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return ip


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    """allauth, with the client's address from `client_ip` and a lockout nobody can aim.

    allauth counts failed sign-ins per address and per account; five failures from anywhere
    locked the owner out. Here the per-account count is per account *and* address, so an
    attacker's failures lock only the attacker's address, and a locked sign-in answers 429
    with a way in by e-mail code (login by code does not go through the password count).
    """

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account_key}:{limit_address(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError as locked:
            # allauth's only refusal here is its failed sign-in limit.
            raise ImmediateHttpResponse(sign_in_locked(request)) from locked


def sign_in_locked(request: HttpRequest) -> HttpResponse:
    return render(request, "account/login_locked.html", status=429)
