"""Who may do what with information requests (django-rules, autodiscovered).

- Anyone signed in files a request (a pseudonym is enough); only its requester takes the
  requester's steps (clarify, rate, withdraw, appeal).
- The liaisons of the obligated body (its transparency unit) take the institution's steps and
  configure its unit and days off.
- The guarantors' liaisons — of a guarantor of the body's state, or of a national one — record
  appeal resolutions, declare suspensions, moderate, and keep the legal timeline; the
  platform's admins may do all of it.
"""

import rules

from cocrea.core.models import Organization, Sector, TerritoryLevel, User
from cocrea.core.rules import is_platform_admin
from cocrea.core.selectors import liaison_organization_ids
from cocrea.reports.calendar import state_of
from cocrea.requests.models import InformationRequest, LegalProfile


def _signed_in(user: object) -> bool:
    return isinstance(user, User) and user.is_authenticated and user.is_active


def _guarantor_states(user: object) -> set[int | None]:
    """The states (None: the whole country) whose bodies `user` oversees as a guarantor's
    liaison, memoised on the user for the request."""
    cached: set[int | None] | None = getattr(user, "_guarantor_states", None)
    if cached is not None:
        return cached
    guarantors = Organization.objects.filter(
        pk__in=liaison_organization_ids(user=user), sector=Sector.GUARANTOR
    ).select_related("territory__parent")
    states: set[int | None] = set()
    for guarantor in guarantors:
        state = state_of(guarantor.territory)
        if state is None or state.level == TerritoryLevel.NATIONAL:
            states.add(None)
        else:
            states.add(state.pk)
    setattr(user, "_guarantor_states", states)  # noqa: B010 (memoised for the request)
    return states


def guards(user: object, organization: Organization) -> bool:
    """Whether `user` is a liaison of a guarantor over `organization`."""
    if not _signed_in(user):
        return False
    states = _guarantor_states(user)
    state = state_of(organization.territory)
    return None in states or (state is not None and state.pk in states)


@rules.predicate
def is_requester(user: object, request: InformationRequest | None) -> bool:
    if request is None or not isinstance(user, User) or not _signed_in(user):
        return False
    return request.requester_id == user.pk


@rules.predicate
def is_body_liaison(user: object, target: InformationRequest | Organization | None) -> bool:
    if target is None or not _signed_in(user):
        return False
    organization_id = target.pk if isinstance(target, Organization) else target.organization_id
    return organization_id in liaison_organization_ids(user=user)


@rules.predicate
def is_guarantor(user: object, target: InformationRequest | Organization | None) -> bool:
    if target is None:
        return bool(_signed_in(user) and _guarantor_states(user))
    organization = target if isinstance(target, Organization) else target.organization
    return guards(user, organization)


@rules.predicate
def keeps_profile(user: object, profile: LegalProfile | None) -> bool:
    """A guarantor's liaison of the profile's state (a national one for the general law)."""
    if profile is None or not _signed_in(user):
        return False
    states = _guarantor_states(user)
    return None in states or profile.territory_id in states


rules.add_perm("requests.file", rules.predicate(_signed_in))
rules.add_perm("requests.requester_step", is_requester)
rules.add_perm("requests.institution_step", is_body_liaison | is_platform_admin)
rules.add_perm("requests.guarantor_step", is_guarantor | is_platform_admin)
rules.add_perm("requests.configure_unit", is_body_liaison | is_platform_admin)
rules.add_perm("requests.moderate", is_guarantor | is_platform_admin)
rules.add_perm("requests.declare_suspension", is_guarantor | is_platform_admin)
rules.add_perm("requests.keep_timeline", keeps_profile | is_platform_admin)
