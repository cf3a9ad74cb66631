"""Placeholder interface (helper "clock" implements): which law a body follows."""

from cocrea.core.models import Organization
from cocrea.requests.models import LegalProfile, LegalTerm, Step


def profile_for(organization: Organization) -> LegalProfile:
    """The law the body's requests follow: its unit's choice, its state's law, or the general."""
    raise NotImplementedError


def term_for(profile: LegalProfile, step: Step) -> LegalTerm:
    """The profile's term for `step`, or the general law's where the state's says nothing."""
    raise NotImplementedError
