"""Pages that compose several capabilities: the home page and the commitment page.

They sit at the top of the layers (see pyproject's import-linter contract): they read the
selectors of every capability below them, and nothing imports them.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from cocrea.core import selectors as core_selectors
from cocrea.core.fragments import cached_fragment
from cocrea.core.history import exercise_scope, history_page
from cocrea.core.models import TerritoryLevel
from cocrea.core.pagination import choice_labels, paginate
from cocrea.exercises import selectors as exercise_selectors
from cocrea.lawmaking import plan_links
from cocrea.lawmaking import selectors as lawmaking_selectors
from cocrea.monitoring import selectors as monitoring_selectors
from cocrea.monitoring.consistency import RULES
from cocrea.monitoring.rules import is_civil_society_member
from cocrea.pages import selectors as page_selectors
from cocrea.pages import statemap
from cocrea.participation import selectors as participation_selectors
from cocrea.participation.models import Proposal
from cocrea.participation.view_common import comments
from cocrea.plans import selectors as plan_selectors
from cocrea.plans.models import OGP_VALUES, PILLARS, Commitment, Milestone, MilestoneStatus
from cocrea.plans.status import next_milestone

EDIT_PLAN = "plans.edit_plan"
UPDATE = "plans.update_milestones"
PROCESSES_SHOWN = 20


def home(request: HttpRequest) -> HttpResponse:
    states = [statemap.map_state(state) for state in page_selectors.national_states()]
    context = {
        "now": page_selectors.open_now(),
        "search_url": _search_url(),
        "picture": exercise_selectors.national_picture(),
        "states": states,
        "map": statemap.national_map(states),
        "cuts": exercise_selectors.program_cuts(),
        "national": exercise_selectors.exercise_list(level=TerritoryLevel.NATIONAL).first(),
    }
    return render(request, "pages/home.html", context)


def _search_url() -> str:
    # The search capability may not be mounted yet; its address is decided already.
    try:
        return reverse("search:results")
    except NoReverseMatch:
        return "/buscar/"


LEAD_END = "<!--/lead-->"


def commitment_detail(
    request: HttpRequest, exercise_slug: str, plan_number: int, commitment_number: int
) -> HttpResponse:
    plan = plan_selectors.plan_visible(
        user=request.user, exercise_slug=exercise_slug, number=plan_number
    )
    header = plan_selectors.commitment_header(plan=plan, number=commitment_number)
    if not request.user.has_perm("plans.view_commitment", header):
        raise Http404
    can_edit = request.user.has_perm(EDIT_PLAN, header)
    can_update = request.user.has_perm(UPDATE, header)
    can_report = request.user.has_perm("monitoring.file_report", header)
    can_review = is_civil_society_member.test(request.user, header)

    today = timezone.localdate(timezone=plan.exercise.zone)
    # Outside the cached body: their figures change with every contribution, not with the plan.
    legislative = plan_links.processes_for_commitment(commitment=header)

    def body() -> str:
        commitment = plan_selectors.commitment_get(plan=plan, number=commitment_number)
        milestones = list(plan_selectors.milestones_with_evidence(commitment=commitment))
        answered = participation_selectors.answered_proposals(commitment=commitment)
        _answered_by_milestone(milestones, answered)
        _processes_by_milestone(milestones, legislative)
        history, entries = history_page(
            request,
            Commitment.history.filter(id=commitment.pk),
            scope=exercise_scope(plan.exercise),
            per_page=10,
            known={"plan": plan, "lead_institution": commitment.lead_institution},
        )
        context = {
            "exercise": plan.exercise,
            "plan": plan,
            "commitment": commitment,
            "milestones": milestones,
            "next": next_milestone(milestones, today),
            "answered": answered,
            "tables": participation_selectors.tables_of(commitment=commitment),
            "pillars": [label for field, label in PILLARS.values() if getattr(commitment, field)],
            "values": [label for field, label in OGP_VALUES.values() if getattr(commitment, field)],
            "page": history,
            "entries": entries,
            "can_update": can_update,
            "can_report": can_report,
            "can_review": can_review,
            "milestone_statuses": choice_labels(MilestoneStatus.choices),
            "reports": monitoring_selectors.commitment_reports(commitment=commitment)[:10],
            "findings": monitoring_selectors.open_findings(commitment=commitment),
            "origins": participation_selectors.origins_of(commitment=commitment),
            "rules": RULES,
        }
        return render_to_string("pages/_commitment_body.html", context, request=request)

    roles = (can_update, can_report, can_review)
    page = request.GET.get("pagina", "")
    key = ("commitment", header.pk, plan.content_version, roles, page, today)
    # The body opens with what a citizen looks for first (the promise, who answers for it, its
    # progress and next milestone), shown above the officials' buttons: one fragment, cut in two.
    lead, rest = cached_fragment(key, body).split(LEAD_END, 1)
    context = {
        "exercise": plan.exercise,
        "plan": plan,
        "commitment": header,
        "lead": mark_safe(lead),
        "body": mark_safe(rest),
        "can_edit": can_edit,
        "can_update": can_update,
        "can_report": can_report,
        "can_assess": request.user.has_perm("monitoring.assess", header),
        "can_override_status": request.user.has_perm("plans.override_status", header),
        "following": monitoring_selectors.is_following(user=request.user, commitment=header),
        "legislative": legislative,
        "can_moderate": request.user.has_perm("participation.moderate", plan.exercise),
    }
    context |= comments(
        request,
        header,
        kind="compromiso",
        container=plan.number,
        item=header.number,
        url=header.get_absolute_url(),
    )
    return render(request, "pages/commitment_detail.html", context)


def _answered_by_milestone(milestones: list[Milestone], answered: list[Proposal]) -> None:
    """Sets on each milestone the citizens' proposals it answers, for the timeline (an
    attribute the model does not declare, hence the ignore)."""
    by_milestone: dict[int, list[Proposal]] = {}
    for proposal in answered:
        if proposal.milestone_id:
            by_milestone.setdefault(proposal.milestone_id, []).append(proposal)
    for milestone in milestones:
        milestone.answered_proposals = by_milestone.get(milestone.pk, [])  # type: ignore[attr-defined]


def _processes_by_milestone(
    milestones: list[Milestone], processes: list[plan_links.ProcessFigures]
) -> None:
    """Sets on each milestone the legislative processes that are its evidence (an attribute
    the model does not declare, hence the ignore)."""
    grouped = plan_links.by_milestone(processes)
    for milestone in milestones:
        milestone.evidence_processes = grouped.get(milestone.pk, [])  # type: ignore[attr-defined]


def organization_detail(request: HttpRequest, organization_slug: str) -> HttpResponse:
    organization = core_selectors.organization_get(slug=organization_slug)
    seats = paginate(request, exercise_selectors.seats_of(organization=organization))
    # A congress's legislative processes (the latest; /leyes/ lists them all).
    listed = lawmaking_selectors.process_list(congress=organization).prefetch_related(None)
    processes = list(listed[:PROCESSES_SHOWN])  # their titles only: no phases
    context = {"organization": organization, "page": seats, "processes": processes}
    return render(request, "pages/organization_detail.html", context)
