"""Keep people without admin rights out of the Wagtail admin with a clear answer."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import can_access_admin


class AdminAccessMiddleware:
    """Signed-in experts and public users get a 403 page, not Wagtail's login loop.

    Wagtail on its own redirects them to its login form with "You do not have
    permission", which looks broken to someone who is already signed in.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("wagtailadmin_home")
        if (
            request.path.startswith(self.prefix)
            and request.user.is_authenticated
            and not can_access_admin(request.user)
        ):
            raise PermissionDenied(
                _("The administration pages are for Bappeda editors only.")
            )
        return self.get_response(request)
