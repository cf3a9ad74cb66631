"""Filing a report on the web, one question per page as GOV.UK does it: what happens, where,
photos, contact, then «Revisa tu reporte» with a «Cambiar» link per answer, and «Enviar
reporte». The receipt is the report's page reached with its token (`views.report_detail`).

Every step is a plain form that works without JavaScript and with the back button: its answers
wait in the session, per category and public work, and nothing is written until the last POST,
which alone counts towards the limit of filings per address. Photos are checked and re-encoded
without metadata when chosen; the clean copies wait in a private folder of the uploads' storage
and are deleted once filed, replaced or dropped (`filing_photos_purge` sweeps abandoned ones).

Not django-formtools' NamedUrlSessionWizardView: its session storage keeps one file per field
(our input takes three photos), it resets the answers even when the last POST is refused (the
rate limit, or the service), it lets any step be opened without the earlier ones, and «Cambiar»
would have to return to the review instead of the next step. Those overrides were most of it."""

import datetime as dt
import uuid
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from cocrea.core.client_ip import client_ip
from cocrea.core.models import Territory
from cocrea.core.params import id_param
from cocrea.exercises.models import Exercise
from cocrea.reports import selectors, services
from cocrea.reports.calendar import state_of
from cocrea.reports.forms import (
    CategoryChoiceForm,
    ContactForm,
    PhotosForm,
    QuestionsForm,
    ReviewForm,
    WhatForm,
    WhereForm,
    filing_from,
)
from cocrea.reports.models import Category, ComplaintSubject
from cocrea.reports.photos import CleanPhoto, RawPhoto

STEPS = ("que-pasa", "preguntas", "donde", "fotos", "contacto", "revisa")
FIRST = STEPS[0]
TITLES = {
    "que-pasa": gettext_lazy("¿Qué pasa?"),
    "preguntas": gettext_lazy("Cuéntanos un poco más"),
    "donde": gettext_lazy("¿Dónde?"),
    "fotos": gettext_lazy("Fotos"),
    "contacto": gettext_lazy("¿Cómo te avisamos?"),
    "revisa": gettext_lazy("Revisa tu reporte"),
}
SESSION_KEY = "report_filing"
TEMP_FOLDER = "reportes-en-curso"
# Filings per address an hour, counted on «Enviar reporte» only (the steps before write nothing).
RATE = "10/h"
EXPIRED = gettext_lazy(
    "Tu reporte en curso ya no estaba guardado: pasó mucho tiempo o abriste un paso a la "
    "mitad. Empieza de nuevo; no se envió nada."
)


@dataclass(frozen=True)
class Place:
    """Which filing: the category, and the public work a complaint is about."""

    category: Category
    work: ComplaintSubject | None

    @cached_property
    def steps(self) -> tuple[str, ...]:
        """The steps of this filing: the category's own questions get a page when it has any."""
        if self.category.attributes.exists():
            return STEPS
        return tuple(step for step in STEPS if step != "preguntas")

    @property
    def key(self) -> str:
        return f"{self.category.code}:{self.work.pk if self.work else ''}"

    def url(self, step: str, *, review: bool = False) -> str:
        if step == FIRST:
            url = reverse("reports:report_file", args=[self.category.code])
        else:
            url = reverse("reports:report_step", args=[self.category.code, step])
        query = {"obra": self.work.pk} if self.work else {}
        if review:
            query["revisar"] = 1
        return f"{url}?{urlencode(query)}" if query else url


class Draft:
    """The answers given so far to one filing, kept in the session as the posted text (so a
    step shows again exactly what was typed) and the chosen photos' clean copies."""

    def __init__(self, session: SessionBase, place: Place) -> None:
        self.session = session
        self.key = place.key

    def _all(self) -> dict[str, Any]:
        stored = self.session.get(SESSION_KEY)
        return stored if isinstance(stored, dict) else {}

    def _own(self) -> dict[str, Any]:
        own = self._all().get(self.key)
        return own if isinstance(own, dict) else {"answers": {}, "photos": []}

    def _keep(self, own: dict[str, Any]) -> None:
        drafts = self._all()
        drafts[self.key] = own
        self.session[SESSION_KEY] = drafts

    def answers(self, step: str) -> dict[str, list[str]] | None:
        found = self._own()["answers"].get(step)
        return found if isinstance(found, dict) else None

    def save(self, step: str, posted: dict[str, list[str]]) -> None:
        own = self._own()
        own["answers"][step] = {k: v for k, v in posted.items() if k != "csrfmiddlewaretoken"}
        self._keep(own)

    def photos(self) -> list[dict[str, Any]]:
        return list(self._own()["photos"])

    def replace_photos(self, photos: list[dict[str, Any]]) -> None:
        own = self._own()
        _photos_delete(own["photos"])
        own["photos"] = photos
        self._keep(own)

    def discard(self) -> None:
        _photos_delete(self.photos())
        drafts = self._all()
        drafts.pop(self.key, None)
        self.session[SESSION_KEY] = drafts


# The chosen photos, cleaned, wait in a private folder of the uploads' storage (never served:
# every upload is served by a view that checks who may see it, and none serves this folder).


def _photo_keep(photo: CleanPhoto, name: str) -> dict[str, Any]:
    day = timezone.now().strftime("%Y%m%d")
    stored = default_storage.save(
        f"{TEMP_FOLDER}/{day}/{uuid.uuid4().hex}.jpg", ContentFile(photo.jpeg)
    )
    return {"file": stored, "name": name[:80], "width": photo.width, "height": photo.height}


def _photos_delete(photos: list[dict[str, Any]]) -> None:
    for photo in photos:
        default_storage.delete(str(photo.get("file", "")))


def _photos_read(photos: list[dict[str, Any]]) -> list[CleanPhoto | RawPhoto] | None:
    """The clean copies back; None when one is gone (swept after a long pause)."""
    read: list[CleanPhoto | RawPhoto] = []
    for photo in photos:
        name = str(photo.get("file", ""))
        if not name.startswith(f"{TEMP_FOLDER}/") or not default_storage.exists(name):
            return None
        with default_storage.open(name, "rb") as stored:
            read.append(CleanPhoto(stored.read(), int(photo["width"]), int(photo["height"])))
    return read


def filing_photos_purge(*, older_than: dt.timedelta = dt.timedelta(days=2)) -> int:
    """Deletes the photos of filings abandoned before being sent; returns how many."""
    cutoff = (timezone.now() - older_than).strftime("%Y%m%d")
    if not default_storage.exists(TEMP_FOLDER):
        return 0
    deleted = 0
    for day in default_storage.listdir(TEMP_FOLDER)[0]:
        if day < cutoff:
            for name in default_storage.listdir(f"{TEMP_FOLDER}/{day}")[1]:
                default_storage.delete(f"{TEMP_FOLDER}/{day}/{name}")
                deleted += 1
    return deleted


# Before the steps: what to report


def list_territory(request: HttpRequest) -> Territory | None:
    """The state (or the country) a page is about: `?entidad=<slug>`, or the territory of
    `?ejercicio=<slug>` (a municipal exercise's state). None: every state."""
    slug = request.GET.get("entidad", "")
    if slug:
        territory = selectors.list_territory_get(slug=slug)
        if territory is None:
            raise Http404(_("No existe esa entidad."))
        return territory
    exercise_slug = request.GET.get("ejercicio", "")
    if exercise_slug:
        exercise = (
            Exercise.objects.select_related("territory__parent").filter(slug=exercise_slug).first()
        )
        if exercise is None:
            raise Http404(_("No existe ese ejercicio."))
        return state_of(exercise.territory)
    return None


def _work(request: HttpRequest) -> ComplaintSubject | None:
    """The public work a complaint is about (`?obra=<id>`); an unknown one is a 404."""
    raw = request.GET.get("obra", "")
    if not raw:
        return None
    work_id = id_param(raw)
    work = None if work_id is None else selectors.complaint_subject_get(work_id=work_id)
    if work is None:
        raise Http404(_("No existe esa obra."))
    return work


def report_new(request: HttpRequest) -> HttpResponse:
    """What to report, state by state (`?entidad=` one state's; `?obra=` the categories that
    take complaints about that public work): one radio per category, then «Continuar» (a GET:
    choosing writes nothing, and the back button comes back here)."""
    work = _work(request)
    territory = list_territory(request)
    if work is not None:
        categories = selectors.complaint_categories(work=work)
    else:
        categories = selectors.category_choices(territory=territory)
    listed = list(categories)
    chosen = "categoria" in request.GET
    form = CategoryChoiceForm(
        request.GET if chosen else None, codes=[category.code for category in listed]
    )
    if chosen and form.is_valid():
        return redirect(Place(_chosen(listed, form.cleaned_data["categoria"]), work).url(FIRST))
    context = {
        "form": form,
        "categories": listed,
        "work": work,
        "territory": territory,
        "territories": selectors.list_territories(),
        # The category's questions, if it has any, add a page: the fewest steps it can be.
        "steps": len(STEPS) - 2,
    }
    return render(request, "reports/report_new.html", context, status=400 if form.errors else 200)


def _chosen(categories: list[Category], code: str) -> Category:
    return next(category for category in categories if category.code == code)


# The steps


def _place(request: HttpRequest, category_code: str) -> Place:
    category = selectors.category_get(code=category_code)
    if category is None:
        raise Http404(_("No existe esa categoría de reporte."))
    work = _work(request)
    if work is not None and not selectors.complaint_categories(work=work).filter(pk=category.pk):
        raise Http404(_("Esa categoría no recibe quejas sobre esta obra."))
    return Place(category, work)


def _form(step: str, place: Place, draft: Draft, request: HttpRequest | None) -> forms.Form:
    """The step's form: bound to what was just posted, else to what was answered before."""
    stored = draft.answers(step)
    data: Any = request.POST if request is not None else stored
    if request is None and stored is not None:
        data = MultiValueDict(stored)  # as posted: a list of values per field
    files = request.FILES if request is not None else None
    category = place.category
    if step == "que-pasa":
        return WhatForm(data)
    if step == "preguntas":
        return QuestionsForm(data, category=category)
    if step == "donde":
        return WhereForm(data, category=category)
    if step == "fotos":
        kept = [str(photo["name"]) for photo in draft.photos()]
        return PhotosForm(data, files, kept=kept)
    if step == "contacto":
        return ContactForm(data)
    return ReviewForm(data)


def _missing_before(step: str, place: Place, draft: Draft) -> bool:
    steps = place.steps
    return any(draft.answers(earlier) is None for earlier in steps[: steps.index(step)])


@require_http_methods(["GET", "POST"])
def report_file(request: HttpRequest, category_code: str) -> HttpResponse:
    """The first step, at the category's address (what the list of categories links to)."""
    return _step(request, _place(request, category_code), FIRST)


@require_http_methods(["GET", "POST"])
def report_step(request: HttpRequest, category_code: str, step: str) -> HttpResponse:
    place = _place(request, category_code)
    if step not in place.steps[1:]:
        raise Http404(_("No existe ese paso."))
    return _step(request, place, step)


def _step(request: HttpRequest, place: Place, step: str) -> HttpResponse:
    draft = Draft(request.session, place)
    if _missing_before(step, place, draft):
        messages.warning(request, str(EXPIRED))
        return redirect(place.url(FIRST))
    if step == "revisa":
        return _review(request, place, draft)
    posted = request.method == "POST"
    # A step opened again (the back button, «Cambiar») shows what was answered before.
    form = _form(step, place, draft, request if posted else None)
    # Once the answers were reviewed, a changed one goes back to the review.
    reviewing = bool(request.GET.get("revisar")) or draft.answers("revisa") is not None
    if posted and form.is_valid():
        _remember(step, form, request, draft)
        following = place.steps[place.steps.index(step) + 1]
        return redirect(place.url("revisa" if reviewing else following))
    status = 400 if posted else 200
    return _page(request, place, step, form, draft, status=status, reviewing=reviewing)


def _remember(step: str, form: forms.Form, request: HttpRequest, draft: Draft) -> None:
    draft.save(step, dict(request.POST.lists()))
    if step != "fotos":
        return
    chosen = form.cleaned_data["photos"]
    names = [str(upload.name) for upload in request.FILES.getlist("photos")]
    if chosen:
        draft.replace_photos([_photo_keep(p, n) for p, n in zip(chosen, names, strict=False)])
    elif form.cleaned_data.get("remove"):
        draft.replace_photos([])


def _page(
    request: HttpRequest,
    place: Place,
    step: str,
    form: forms.Form,
    draft: Draft,
    status: int = 200,
    reviewing: bool = False,
    **extra: Any,
) -> HttpResponse:
    index = place.steps.index(step)
    if reviewing and step != "revisa":
        back_url = place.url("revisa")
    else:
        back_url = place.url(place.steps[index - 1]) if index else _choice_url(place)
    context = {
        "form": form,
        "category": place.category,
        "work": place.work,
        "step": step,
        "title": TITLES[step],
        "number": index + 1,
        "steps": len(place.steps),
        "back_url": back_url,
        "photos": draft.photos(),
        **extra,
    }
    template = "reports/report_review.html" if step == "revisa" else "reports/report_step.html"
    return render(request, template, context, status=status)


def _choice_url(place: Place) -> str:
    url = reverse("reports:report_new")
    return f"{url}?obra={place.work.pk}" if place.work else url


# Check your answers, and send


def _checked(place: Place, draft: Draft) -> tuple[dict[str, forms.Form], str | None]:
    """Every step's form bound to its answers, and the first step no longer valid (a question
    added to the category since, say)."""
    asked = [step for step in place.steps[:-1] if step != "fotos"]
    checked = {step: _form(step, place, draft, None) for step in asked}
    wrong = next((step for step, form in checked.items() if not form.is_valid()), None)
    return checked, wrong


def _review(request: HttpRequest, place: Place, draft: Draft) -> HttpResponse:
    checked, wrong = _checked(place, draft)
    if wrong is not None:
        messages.warning(request, _("Revisa esta respuesta antes de enviar el reporte."))
        return redirect(place.url(wrong))
    draft.save("revisa", {})
    form = ReviewForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"rows": _rows(place, checked, draft)}
    if request.method != "POST":
        return _page(request, place, "revisa", form, draft, **context)
    if is_ratelimited(request, group="reports.file", key="ip", rate=RATE, increment=True):
        form.add_error(
            None, _("Ya se enviaron muchos reportes desde tu conexión; espera una hora.")
        )
        return _page(request, place, "revisa", form, draft, status=429, **context)
    photos = _photos_read(draft.photos())
    if photos is None:
        messages.warning(request, _("Tus fotos ya no estaban guardadas; elígelas de nuevo."))
        draft.replace_photos([])
        return redirect(place.url("fotos"))
    filing = filing_from(
        category=place.category,
        what=checked["que-pasa"],  # type: ignore[arg-type]
        questions=checked.get("preguntas"),  # type: ignore[arg-type]
        where=checked["donde"],  # type: ignore[arg-type]
        contact=checked["contacto"],  # type: ignore[arg-type]
        photos=photos,
        public_work=place.work,
    )
    try:
        report = services.report_create(
            filing=filing,
            reporter=request.user if request.user.is_authenticated else None,
            ip_address=client_ip(request),
        )
    except ValidationError as problem:
        for message in problem.messages:
            form.add_error(None, message)
        return _page(request, place, "revisa", form, draft, status=400, **context)
    draft.discard()
    return redirect(f"{report.get_absolute_url()}?{urlencode({'nuevo': str(report.token)})}")


@dataclass(frozen=True)
class Row:
    """One answer on «Revisa tu reporte»: the question, the answer in words, where to change it."""

    question: str
    answer: str
    change_url: str
    private: bool = False


def _rows(place: Place, checked: dict[str, forms.Form], draft: Draft) -> list[Row]:
    what, where, contact = checked["que-pasa"], checked["donde"], checked["contacto"]
    url = {step: place.url(step, review=True) for step in place.steps[:-1]}
    none = _("Sin respuesta")
    rows = [Row(str(_("¿Qué pasa?")), what.cleaned_data["description"], url["que-pasa"])]
    for attribute in place.category.attributes.all():
        value = checked["preguntas"].cleaned_data.get(f"attribute_{attribute.code}")
        given = value not in (None, "", [])
        shown = selectors.answer_shown(attribute, _stored(value)) if given else str(none)
        private = not attribute.is_public
        rows.append(Row(attribute.description, shown, url["preguntas"], private))
    place_data = where.cleaned_data
    address = place_data["address"] or str(none)
    rows.append(Row(str(_("Dirección o referencia")), address, url["donde"], private=True))
    if "municipality" in where.fields:
        town = place_data.get("municipality")
        rows.append(Row(str(_("Municipio")), town.name if town else str(none), url["donde"]))
    spot = f"{place_data['lat']}, {place_data['long']}" if place_data["lat"] is not None else none
    rows.append(Row(str(_("Coordenadas")), str(spot), url["donde"], private=True))
    names = ", ".join(str(photo["name"]) for photo in draft.photos())
    rows.append(Row(str(_("Fotos")), names or str(_("Ninguna")), url["fotos"]))
    contacts = (("first_name", _("Nombre")), ("email", _("Correo")), ("phone", _("Teléfono")))
    for name, label in contacts:
        value = contact.cleaned_data[name] or str(_("No lo diste"))
        rows.append(Row(str(label), value, url["contacto"], private=True))
    return rows


def _stored(value: Any) -> Any:
    """An answer as the report will keep it (what `answer_shown` reads)."""
    if isinstance(value, list):
        return [str(item) for item in value]
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
