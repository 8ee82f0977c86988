"""WSGI entry point for gunicorn (`defenders serve`)."""

import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defenders.settings")
application = get_wsgi_application()
# Each worker imports the URL configuration, and every view module with it, as it starts rather than in its first
# reader's request (about a second here; workers are replaced every few thousand requests).
import_module(settings.ROOT_URLCONF)
