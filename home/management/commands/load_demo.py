"""Build the demo site from the facts in ``home/demo_data/ruangrunding-demo.json``.

Each app contributes a loader; they run in order because later ones (replies,
consultations) point at what earlier ones made. Every loader is idempotent:
running the command twice changes nothing.
"""

import importlib
import json
import logging
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo_data" / "ruangrunding-demo.json"

# (module, function): a missing module means that feature is not built yet.
LOADERS = [
    ("home.demo", "load_site"),
    ("pustaka.demo", "load_documents"),
    ("rpjpd.demo", "load_topics"),
    ("accounts.demo", "load_users"),
    ("experts.demo", "load_experts"),
    ("rpjpd.demo_replies", "load_replies"),
    ("consult.demo", "load_consultations"),
]


def run_loaders(data, out):
    """Run every available loader on ``data``, writing progress to ``out``."""
    for module_name, function_name in LOADERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        getattr(module, function_name)(data, out)


class Command(BaseCommand):
    help = "Load the demo content (idempotent)."

    def handle(self, *args, **options):
        data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        # Wagtail logs a line per page created or published; without them the
        # demo's own report (and its passwords) stays readable.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        try:
            with transaction.atomic():
                run_loaders(data, self.stdout)
        finally:
            wagtail_logger.setLevel(level)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
