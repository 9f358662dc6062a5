"""``python -m cleanse`` runs the command-line interface."""

from cleanse.cli import main

raise SystemExit(main())
