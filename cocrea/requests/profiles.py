"""Which law a body follows, and each step's term under it."""

from cocrea.core.models import Organization
from cocrea.reports.calendar import state_of
from cocrea.requests.models import LegalProfile, LegalTerm, Step, TransparencyUnit


def profile_for(organization: Organization) -> LegalProfile:
    """The law the body's requests follow: its unit's choice, its state's law, or the general."""
    unit = (
        TransparencyUnit.objects.filter(organization_id=organization.pk, profile__isnull=False)
        .select_related("profile")
        .first()
    )
    if unit is not None and unit.profile is not None:
        return unit.profile
    state = state_of(organization.territory)
    if state is not None:
        own = LegalProfile.objects.filter(territory_id=state.pk).first()
        if own is not None:
            return own
    return LegalProfile.objects.get(territory__isnull=True)


def term_for(profile: LegalProfile, step: Step) -> LegalTerm:
    """The profile's term for `step`, or the general law's where the state's says nothing."""
    own = LegalTerm.objects.filter(profile_id=profile.pk, step=step).first()
    if own is not None:
        return own
    return LegalTerm.objects.select_related("profile").get(
        profile__territory__isnull=True, step=step
    )
