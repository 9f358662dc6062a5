"""``python -m cleanse`` runs the command-line interface."""

from cleanse.cli import main

if __name__ == "__main__":  # spawned worker processes import this module; only run once
    raise SystemExit(main())
