"""Modal dialogs, one per module, each returning a typed result via dismiss()."""
