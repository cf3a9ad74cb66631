"""Cached page fragments, keyed by a version the database holds.

The version is read from the row the page loads anyway (for plans, `content_version`, bumped in
the same transaction as every write that changes what the fragment shows), so a stale fragment
is never served, with Redis or with each process's own memory alike. The timeout only bounds
how long a renamed institution or theme can show its old name.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

TIMEOUT = 600


def cached_fragment(parts: tuple[object, ...], render: Callable[[], str]) -> SafeString:
    raw = "|".join(str(p) for p in (*parts, get_language()))
    key = "fragment:" + hashlib.sha256(raw.encode()).hexdigest()
    html: str | None = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)
