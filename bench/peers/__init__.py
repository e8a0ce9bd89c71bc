"""The tools pagemill is measured against, each in its own virtual environment (see ``tools``)."""
