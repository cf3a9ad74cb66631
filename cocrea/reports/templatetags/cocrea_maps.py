"""The map's tile layer, from settings, as data- attributes (the CSP forbids inline scripts)."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def map_tiles() -> SafeString:
    """`data-tile-url` and `data-tile-attribution` for an element that becomes a map."""
    return format_html(
        'data-tile-url="{}" data-tile-attribution="{}"',
        settings.MAP_TILE_URL,
        settings.MAP_TILE_ATTRIBUTION,
    )
