"""Hooks: how a lower app tells a higher one that something happened, without importing it.

The lower app defines the hook (`commitment_changed = Hook("plans.commitment_changed")`) and
calls it where the news starts; a higher app declares, in its capability.py,
`listens={"plans.commitment_changed": "cocrea.monitoring.services.commitment_changed"}`. Calls are
synchronous and in the caller's transaction, like the direct call they replace, and every
listener gets keyword arguments only.
"""

from typing import Any

from django.utils.module_loading import import_string

from cocrea.core import capabilities


class Hook:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, **kwargs: Any) -> None:
        for receiver in self.receivers():
            receiver(**kwargs)

    def receivers(self) -> list[Any]:
        return [
            import_string(c.listens[self.name])
            for c in capabilities.registry
            if self.name in c.listens
        ]

    def __repr__(self) -> str:
        return f"Hook({self.name!r})"
