from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cocrea.core.admin import StackedInline
from cocrea.opendata.models import Dataset, Group, Publication, Resource, Tag


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin[Group]):
    list_display = ("title", "name")
    prepopulated_fields = {"name": ("title",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    search_fields = ("name",)


class ResourceInline(StackedInline[Resource, Dataset]):
    model = Resource
    readonly_fields = ("size", "checksum", "table_schema", "download_count")


@admin.register(Dataset)
class DatasetAdmin(SimpleHistoryAdmin):
    """Uploads go through the dataset page, where their content is checked."""

    list_display = ("title", "name", "organization", "is_published", "modified_at")
    list_filter = ("is_published", "license_id")
    list_select_related = ("organization",)
    search_fields = ("title", "name")
    autocomplete_fields = ("keywords",)
    inlines = [ResourceInline]


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    list_display = ("dataset", "identified_on", "published_on", "evaluated_on")
    list_select_related = ("dataset",)
