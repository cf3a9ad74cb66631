"""`{% term "hito" %}` links a word to its definition on the glossary page (/glosario/#hito).

    {% load glossary %}
    {% term "hito" %}                    → <a href="/glosario/#hito" class="term">Hito</a>
    {% term "hito" _("hitos") %}         → the same link, with the page's own wording
    {% term "hito" milestone_label %}    → any variable as the text

An unknown slug fails loudly: when the template is compiled if the slug is written in it, when
it is rendered otherwise, so a test that shows the page finds the typo.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, Parser, Token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from cocrea.core.glossary import BY_SLUG

register = template.Library()

USAGE = '{% term "slug" %} or {% term "slug" text %}'


def _known(slug: Any) -> str:
    if slug not in BY_SLUG:
        known = ", ".join(sorted(BY_SLUG))
        raise template.TemplateSyntaxError(
            f"{{% term %}}: no glossary term {slug!r} (cocrea/core/glossary.py has: {known})"
        )
    return str(slug)


class TermNode(template.Node):
    def __init__(self, slug: FilterExpression, text: FilterExpression | None) -> None:
        self.slug = slug
        self.text = text

    def render(self, context: template.Context) -> SafeString:
        slug = _known(self.slug.resolve(context))
        text = self.text.resolve(context) if self.text is not None else BY_SLUG[slug].name
        href = f"{reverse('core:glossary')}#{slug}"
        return format_html('<a href="{}" class="term">{}</a>', href, text)


@register.tag(name="term")
def do_term(parser: Parser, token: Token) -> TermNode:
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError(f"Usage: {USAGE}")
    slug = parser.compile_filter(bits[1])
    if isinstance(slug.var, str) and not slug.filters:  # a literal: checked once, now
        _known(slug.var)
    text = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    return TermNode(slug, text)
