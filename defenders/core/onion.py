"""The onion service's address, advertised to Tor Browser (the `Onion-Location` header) on the clear-web site
when `DEFENDERS_ONION_ADDRESS` is set, so that a source who opens the site in it is offered the onion service,
where neither their network nor the site's host sees who they are (docs/deployment.md)."""

import re

from django.conf import settings
from django.core.checks import Error, register
from django.http import HttpRequest, HttpResponse

# A v3 onion address: 56 base32 characters (v2 addresses are no longer served by Tor).
ONION_ADDRESS = re.compile(r"^[a-z2-7]{56}\.onion$")


def onion_address() -> str:
    return settings.DEFENDERS_ONION_ADDRESS.strip().lower().removeprefix("http://").rstrip("/")


class OnionLocationMiddleware:
    """Adds `Onion-Location: http://<address><path>` to the site's pages, except the staff's workspace (staff
    sign in on the clear-web site, with their second factor) and the onion service's own answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        address = onion_address()
        if (
            address
            and not request.path_info.startswith("/staff/")
            and request.get_host().split(":")[0] != address
            and response.get("Content-Type", "").startswith("text/html")
        ):
            response["Onion-Location"] = f"http://{address}{request.get_full_path()}"
        return response


@register()
def onion_address_is_valid(app_configs, **kwargs) -> list[Error]:
    address = onion_address()
    if address and not ONION_ADDRESS.match(address):
        return [
            Error(
                f"DEFENDERS_ONION_ADDRESS={settings.DEFENDERS_ONION_ADDRESS!r} is not a v3 onion address.",
                hint="Copy the line of the hidden service's `hostname` file: 56 letters and digits, then .onion.",
                id="defenders.E040",
            )
        ]
    return []
