"""What an official's form page says it acts on, and the way back to that record.

`core/form.html` takes optional `subject` (the record, in words, after the title in the heading
and the page's <title>), `breadcrumbs` ((address, words) pairs) and `cancel_url`. A page declared
with `core.editing.edit_view` puts only `title` and `exercise` in its context, so these ride on
the title itself: a `FormTitle` is the title's text that also carries them, and the template
reads `title.subject`, `title.breadcrumbs` and `title.cancel_url` when the view passes none.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from cocrea.exercises.models import Exercise
from cocrea.plans.models import ActionPlan, Commitment, Milestone

Crumbs = tuple[tuple[str, str], ...]


class FormTitle(str):
    """A form page's title, with what it acts on and where "Cancelar" goes."""

    subject: str
    breadcrumbs: Crumbs
    cancel_url: str

    def __new__(
        cls, title: str, *, subject: str = "", breadcrumbs: Crumbs = (), cancel_url: str = ""
    ) -> "FormTitle":
        made = super().__new__(cls, title)
        made.subject, made.breadcrumbs, made.cancel_url = subject, breadcrumbs, cancel_url
        return made


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
