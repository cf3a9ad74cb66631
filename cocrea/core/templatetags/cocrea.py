import datetime as dt

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()


@register.filter
def long_date(value: dt.date | None) -> str:
    """A date in words in the reader's language; Spanish writes month names in lower case."""
    if not value:
        return ""
    text = formats.date_format(value, "DATE_FORMAT")
    return text.lower() if (get_language() or "").startswith("es") else text


@register.filter
def label(value: object, labels: dict[object, str]) -> object:
    """The label of a choice from a dict built once per page: `{{ m.status|label:statuses }}`.

    Cheaper in long lists than `get_FOO_display`, which rebuilds and translates every choice
    on each call.
    """
    return labels.get(value, value)
