"""The site's navigation, built from what each capability declares (see core/capabilities.py)."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from cocrea.core import capabilities
from cocrea.core.capabilities import NavLink

register = template.Library()


def _links(links: list[NavLink]) -> list[dict[str, Any]]:
    return [{"href": reverse(link.url_name), "label": link.label} for link in links]


def _tab_href(link: NavLink, exercise_slug: str) -> str:
    if link.query:
        return f"{reverse(link.url_name)}?{urlencode({link.query: exercise_slug})}"
    return reverse(link.url_name, args=[exercise_slug])


@register.inclusion_tag("core/_nav_links.html")
def main_nav() -> dict[str, Any]:
    return {"links": _links(capabilities.main_nav())}


@register.inclusion_tag("core/_nav_links.html")
def account_nav() -> dict[str, Any]:
    return {"links": _links(capabilities.account_nav())}


@register.inclusion_tag("core/_exercise_tabs.html")
def exercise_tabs(exercise: Any) -> dict[str, Any]:
    tabs = [
        {"href": _tab_href(link, exercise.slug), "label": link.label}
        for link in capabilities.exercise_tabs()
    ]
    return {"links": tabs}
