"""`manage.py check` (and so `runserver`, `migrate` and the deploy checklist) refuses a
configuration where a limit would count in each process's own memory: with N workers, every
limit would let N times its number through."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from cocrea.core.limits import ALLAUTH_LIMIT_PREFIX

# Stores that every worker and machine sees, with an atomic increment.
SHARED_BACKENDS = frozenset(
    {
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.memcached.PyMemcacheCache",
        "django.core.cache.backends.memcached.PyLibMCCache",
        "django_redis.cache.RedisCache",
        "cocrea.core.limits.SharedDatabaseCache",
    }
)
SPLIT_BACKEND = "cocrea.core.limits.SplitCache"


def _not_shared(alias: str, who: str) -> list[CheckMessage]:
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
    if backend in SHARED_BACKENDS:
        return []
    return [
        Error(
            f"{who} count in the cache {alias!r} ({backend or 'undefined'}), which is not "
            "shared by every worker: each process would keep its own count.",
            hint="Set REDIS_URL, or use cocrea.core.limits.SharedDatabaseCache (the default "
            "without Redis; its table comes with `manage.py migrate`).",
            id="core.E001",
        )
    ]


def _allauth_alias() -> tuple[str, list[CheckMessage]]:
    """allauth counts in the default cache; a SplitCache sends its keys to its SHARED part."""
    default = settings.CACHES.get("default", {})
    if default.get("BACKEND") != SPLIT_BACKEND:
        return "default", []
    options = default.get("OPTIONS", {})
    if ALLAUTH_LIMIT_PREFIX.startswith(tuple(options.get("SHARED_PREFIXES", ()))):
        return str(options.get("SHARED", "")), []
    problem = Error(
        f"The default cache keeps allauth's limit keys ({ALLAUTH_LIMIT_PREFIX}…) in memory.",
        hint=f"Add {ALLAUTH_LIMIT_PREFIX!r} to its OPTIONS['SHARED_PREFIXES'].",
        id="core.E002",
    )
    return str(options.get("LOCAL", "")), [problem]


@register(Tags.caches)
def limits_count_in_a_shared_cache(
    *,
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if settings.RATELIMIT_ENABLE:
        alias = getattr(settings, "RATELIMIT_USE_CACHE", "default")
        problems += _not_shared(alias, "django-ratelimit's limits (RATELIMIT_USE_CACHE)")
    if getattr(settings, "ACCOUNT_RATE_LIMITS", None) is not False:
        alias, problems_of_split = _allauth_alias()
        problems += problems_of_split or _not_shared(alias, "allauth's sign-in limits")
    return problems
