"""``python -m plgcycle`` runs the command line."""

from .launch import main

main()
