"""Object-level permissions of the core app (django-rules, autodiscovered)."""

import rules


@rules.predicate
def is_platform_admin(user: object) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


rules.add_perm("core.import_territories", is_platform_admin)
rules.add_perm("core.manage_organizations", is_platform_admin)
