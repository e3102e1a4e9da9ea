"""The situation picture: who holds which locality, routes and encirclement (DESIGN.md §2.4)."""
