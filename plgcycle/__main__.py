"""``python -m plgcycle`` runs the command line."""

from .cli import main

main()
