"""Which step each side may take from which status, and where it leads (Alaveteli's described
states, with the Mexican procedure's clarification, extension and non-competence). A table, not
code: `steps.step_add` reads it, the step forms list what it allows, the tests walk it."""

from dataclasses import dataclass

from cocrea.requests.models import EventKind, Side, Status

OPEN = (Status.WAITING, Status.CLARIFICATION, Status.EXTENDED)
ANSWERS = (Status.ANSWERED, Status.ANSWERED_FULL, Status.ANSWERED_PARTIAL)
# What the requester may say an answer was (Alaveteli's classification of a response).
RATINGS = (Status.ANSWERED_FULL, Status.ANSWERED_PARTIAL, Status.NOT_HELD, Status.CLASSIFIED)
# What can be appealed: an answer, a refusal, a non-competence, or a silence past the deadline
# (checked by the step: WAITING and EXTENDED only once overdue).
APPEALABLE = (
    *ANSWERS,
    Status.NOT_HELD,
    Status.CLASSIFIED,
    Status.NOT_COMPETENT,
    Status.WAITING,
    Status.EXTENDED,
)


@dataclass(frozen=True)
class Transition:
    side: Side
    sources: tuple[Status, ...]  # empty: any status (a message)
    target: Status | None  # None: the status stays (a message) or the requester chooses it (rated)


TRANSITIONS: dict[EventKind, Transition] = {
    EventKind.CLARIFICATION_REQUESTED: Transition(Side.INSTITUTION, (Status.WAITING,), Status.CLARIFICATION),
    EventKind.CLARIFICATION_ANSWERED: Transition(Side.REQUESTER, (Status.CLARIFICATION,), Status.WAITING),
    EventKind.EXTENDED: Transition(Side.INSTITUTION, (Status.WAITING,), Status.EXTENDED),
    EventKind.ANSWERED: Transition(Side.INSTITUTION, (Status.WAITING, Status.EXTENDED), Status.ANSWERED),
    EventKind.NOT_COMPETENT: Transition(Side.INSTITUTION, (Status.WAITING,), Status.NOT_COMPETENT),
    EventKind.NOT_HELD: Transition(Side.INSTITUTION, (Status.WAITING, Status.EXTENDED), Status.NOT_HELD),
    EventKind.CLASSIFIED: Transition(Side.INSTITUTION, (Status.WAITING, Status.EXTENDED), Status.CLASSIFIED),
    EventKind.RATED: Transition(Side.REQUESTER, (*ANSWERS, Status.NOT_HELD, Status.CLASSIFIED), None),
    EventKind.WITHDRAWN: Transition(Side.REQUESTER, OPEN, Status.WITHDRAWN),
    EventKind.APPEALED: Transition(Side.REQUESTER, APPEALABLE, Status.UNDER_APPEAL),
    EventKind.APPEAL_RESOLVED: Transition(Side.GUARANTOR, (Status.UNDER_APPEAL,), Status.APPEAL_RESOLVED),
    EventKind.COMPLIED: Transition(Side.INSTITUTION, (Status.APPEAL_RESOLVED,), Status.COMPLIED),
    EventKind.MESSAGE: Transition(Side.REQUESTER, (), None),
}  # fmt: skip

# Steps that need the Comité de Transparencia's resolution named.
NEEDS_RESOLUTION = (EventKind.EXTENDED, EventKind.NOT_HELD, EventKind.CLASSIFIED)
# Steps that end the institution's response (the answer clock stops, the appeal clock starts).
RESPONSES = (EventKind.ANSWERED, EventKind.NOT_COMPETENT, EventKind.NOT_HELD, EventKind.CLASSIFIED)


def allowed(kind: EventKind, status: Status) -> bool:
    """Whether `kind` may follow a request in `status` (overdue silences checked apart)."""
    transition = TRANSITIONS[kind]
    return not transition.sources or status in transition.sources
