"""Object-level permissions of the core app (django-rules, autodiscovered)."""

from collections.abc import Callable
from typing import TypeVar

import rules

from cocrea.core.selectors import liaison_organization_ids

M = TypeVar("M")


@rules.predicate
def is_platform_admin(user: object) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def liaison_of(model: type[M], organization_id: Callable[[M], int | None]) -> rules.Predicate:
    """Whether the account is a liaison of the institution that a `model` record names."""

    def predicate(user: object, obj: M | None) -> bool:
        if not isinstance(obj, model):
            return False
        return organization_id(obj) in liaison_organization_ids(user=user)

    return rules.Predicate(predicate)


rules.add_perm("core.import_territories", is_platform_admin)
rules.add_perm("core.manage_organizations", is_platform_admin)
