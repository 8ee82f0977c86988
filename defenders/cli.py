"""The operators' command line: `defenders demo|serve|import|export` and every Django management command."""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import execute_from_command_line

USAGE = """usage: defenders COMMAND [ARGS]

  demo [--port N]        migrate the SQLite database, load the demo data, serve at http://127.0.0.1:8000
  serve                  serve in production with gunicorn (needs DEFENDERS_SECRET_KEY and no error
                         from `defenders check --deploy`)
  serve [--workers N] [--threads N]
                         threaded gunicorn workers (default: one per CPU, 8 threads each); SIGTERM finishes
                         the requests in flight, then stops
  worker                 run the background task worker (email to staff, purges); SIGTERM finishes the task
  bench [--quick]        run every benchmark beside its same-run baseline; a table and benchmarks/results/*.json
  import FILE            upsert communications from a JSON Lines file (all or nothing)
  import FILE --skip-invalid REPORT
                         import the good lines and list the bad ones (line, field, reason) in REPORT
  export [--out FILE]    write every communication as JSON Lines (standard output by default)
  generate-corpus --communications N --seed S --out FILE
                         write N fictional communications as JSON Lines, the same for the same seed
  letter REF --out FILE  write a communication's formal letter as PDF (by reference, legacy reference or slug)
  backup [--verify] FILE write (or check) a backup: database and sealed files, never the key directory
  restore FILE           bring a backup back into an empty data directory and database
  reindex                rebuild the full-text search index of the public database
  warm-figures           compute the public scorecard and map into the shared cache (a timer, after midnight)
  extract FILE [--json]  read a communication text: metadata, legal provisions and a dated timeline, with evidence
  extract-eval GOLD_DIR  score the extractor against hand-made readings (precision, recall, F1, field accuracy)
  import-text FILE...    create communications from published texts, withheld until staff review and release them

Every Django management command works too: defenders migrate, defenders createsuperuser, ...
"""

# Operator verbs and the management commands behind them.
ALIASES = {"import": "import_communications", "export": "export_communications"}
ALIASES["generate-corpus"] = "generate_corpus"
ALIASES["extract-eval"] = "extract_eval"
ALIASES["import-text"] = "import_text"
ALIASES["warm-figures"] = "warm_figures"


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defenders.settings")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return
    command, rest = argv[0], argv[1:]
    # Everything the service writes (the SQLite database, sealed files, keys) is for its own user only, whatever
    # umask the operator's shell or service manager gives.
    os.umask(0o077)
    # The embedded database lives in the data directory; on a new machine the first command makes it, and the
    # directories beside it, private.
    for directory in (settings.DEFENDERS_DATA_DIR, settings.MEDIA_ROOT, settings.DEFENDERS_KEY_DIR):
        Path(directory).mkdir(parents=True, exist_ok=True, mode=0o700)
    execute_from_command_line(["defenders", ALIASES.get(command, command), *rest])


if __name__ == "__main__":
    main()
