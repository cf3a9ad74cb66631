"""Who edits the catalogue: an institution's liaisons edit its datasets; admins edit any."""

import rules

from cocrea.core.selectors import liaison_organization_ids
from cocrea.opendata.models import Dataset


@rules.predicate
def is_liaison(user: object) -> bool:
    return bool(liaison_organization_ids(user=user))


@rules.predicate
def is_dataset_liaison(user: object, dataset: Dataset | None) -> bool:
    if not isinstance(dataset, Dataset) or dataset.source:
        return False  # the platform's own datasets are written by the platform
    return dataset.organization_id in liaison_organization_ids(user=user)


rules.add_perm("opendata.add_dataset", rules.is_superuser | is_liaison)


@rules.predicate
def is_platform_data(user: object, dataset: Dataset | None) -> bool:
    return isinstance(dataset, Dataset) and bool(dataset.source)


rules.add_perm(
    "opendata.change_dataset", ~is_platform_data & (rules.is_superuser | is_dataset_liaison)
)
rules.add_perm("opendata.rate_publication", rules.is_authenticated)
