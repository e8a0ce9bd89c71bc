"""Producer family: libreoffice (to be filled in)."""

from __future__ import annotations

from ..generate import Recipe
from . import Producer

PRODUCERS: list[Producer] = []
RECIPES: list[Recipe] = []
