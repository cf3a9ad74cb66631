from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from cocrea.core.models import User


def acting_user(request: HttpRequest) -> User:
    """The signed-in account making a change; views call this only after authorizing."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
