"""The Textual UI of plgcycle. It imports the core (plgcycle); never the other way round."""
