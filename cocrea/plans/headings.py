"""The way back from a plan's, commitment's or milestone's form page (`core.headings`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cocrea.core.headings import Crumbs, FormTitle
from cocrea.exercises.models import Exercise
from cocrea.plans.models import ActionPlan, Commitment, Milestone


def exercise_trail(exercise: Exercise) -> Crumbs:
    return (
        (reverse("exercises:exercise_detail", args=[exercise.slug]), exercise.name),
        (reverse("plans:plan_list", args=[exercise.slug]), _("Planes de acción")),
    )


def plan_trail(plan: ActionPlan) -> Crumbs:
    return (*exercise_trail(plan.exercise), (plan.get_absolute_url(), plan.name))


def commitment_name(commitment: Commitment) -> str:
    return _("Compromiso %(number)s: %(title)s") % {
        "number": commitment.number,
        "title": commitment.title,
    }


def about_plan(title: str, plan: ActionPlan, cancel_url: str = "") -> FormTitle:
    """A page about the plan (or about something new in it: a stage, a document, a commitment)."""
    if plan.pk is None:  # a new plan: back to the exercise's plans
        trail = exercise_trail(plan.exercise)
        return FormTitle(title, breadcrumbs=trail, cancel_url=cancel_url or trail[-1][0])
    return FormTitle(
        title,
        subject=plan.name,
        breadcrumbs=plan_trail(plan),
        cancel_url=cancel_url or plan.get_absolute_url(),
    )


def about_commitment(title: str, commitment: Commitment, anchor: str = "") -> FormTitle:
    """A page about the commitment (or something of it: a milestone, a report); "Cancelar"
    goes back to the commitment's page, at `anchor` if given."""
    if commitment.pk is None:  # a new commitment: back to its plan
        return about_plan(title, commitment.plan)
    url = commitment.get_absolute_url()
    short = _("Compromiso %(number)s") % {"number": commitment.number}
    return FormTitle(
        title,
        subject=commitment_name(commitment),
        breadcrumbs=(*plan_trail(commitment.plan), (url, short)),
        cancel_url=url + anchor,
    )


def about_milestone(title: str, commitment: Commitment, milestone: Milestone) -> FormTitle:
    """A page about a milestone (a new one: about its commitment)."""
    if milestone.pk is None:
        return about_commitment(title, commitment, "#hitos")
    heading = about_commitment(title, commitment, f"#hito-{milestone.number}")
    heading.subject = _("Hito %(number)s del compromiso %(commitment)s: %(deliverable)s") % {
        "number": milestone.number,
        "commitment": commitment.number,
        "deliverable": milestone.deliverable[:120],
    }
    return heading
