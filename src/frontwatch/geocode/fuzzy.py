"""Near misses: gazetteer names a vowel or a doubled letter away from a name it lacks.

Normalisation (``names.py``) makes the spelling variants that follow a rule meet exactly;
what no rule covers ("Hardateen" for "Hardatnin", "Taduf" for "Tadif", "Arbin" for "Irbin")
is found here. A near miss keeps the name's consonants in order (its skeleton) and its
initial (any vowel for a vowel), within an edit budget that grows with the name's length.
Consonants are what transliterations of one Arabic name agree on; villages a consonant
apart are different villages (Sarin, Sajin), so a changed consonant is never a near miss.
Short names (fewer than ``min_letters`` letters) and common English words are never
matched. The rules are data: the ``fuzzy`` section of ``data/geo/scoring.yaml``."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..errors import ResourceError

VOWEL_LETTERS = frozenset("aeiouy")
NO_VOWELS = str.maketrans(dict.fromkeys(VOWEL_LETTERS))
DOUBLED = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """The consonants of a key, doubled ones once, words run together: "hardatnin" and
    "hardatin" are both ``hrdtn``; "nubul" and "nubl" are ``nbl``; "muh hasan" and
    "muhasen" are ``mhsn``."""
    return DOUBLED.sub(r"\1", key.translate(NO_VOWELS).replace(" ", ""))


def letters(key: str) -> int:
    return len(key) - key.count(" ")


def initial(key: str) -> str:
    """The first letter, any vowel counting as one ("Arbin", "Irbin", "Erbin")."""
    return "a" if key[:1] in VOWEL_LETTERS else key[:1]


@dataclass(frozen=True)
class FuzzyRules:
    """The ``fuzzy`` section of ``scoring.yaml``."""

    min_letters: int
    max_edits: tuple[tuple[int, int], ...]
    """(letters, edits): a name of at least that many letters may be that many edits away;
    the last row that applies wins."""
    skeleton_min: int
    penalty: float
    limit: int
    never: frozenset[str]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> FuzzyRules:
        try:
            edits = sorted((int(k), int(v)) for k, v in data["max_edits"].items())
            return cls(
                min_letters=int(data["min_letters"]),
                max_edits=tuple(edits),
                skeleton_min=int(data["skeleton_min"]),
                penalty=float(data["penalty"]),
                limit=int(data["limit"]),
                never=frozenset(str(w).lower() for w in data["never"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResourceError(
                f"data/geo/scoring.yaml: fuzzy section is malformed: {exc!r}"
            ) from exc

    def budget(self, key: str) -> int:
        """How many edits a key may be from a gazetteer key (0: never fuzzy-matched)."""
        n = letters(key)
        if n < self.min_letters:
            return 0
        return max((edits for at, edits in self.max_edits if n >= at), default=0)

    def allowed(self, name: str, common: frozenset[str]) -> bool:
        """Not a common word ("Monday", "Border") nor a run of them ("The North")."""
        words = re.findall(r"[^\W\d_]+", name.lower())
        return bool(words) and not all(w in common or w in self.never for w in words)


class Near(NamedTuple):
    """A gazetteer key near the key looked for, and how many edits away."""

    key: str
    edits: int


class FuzzyIndex:
    """The gazetteer's keys by consonant skeleton, built once per gazetteer
    (``Gazetteer.memo("fuzzy-index", ...)``)."""

    def __init__(self, keys: Iterable[str], rules: FuzzyRules) -> None:
        self.rules = rules
        by_skeleton: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            bones = skeleton(key)
            if len(bones) >= rules.skeleton_min:
                by_skeleton[bones].append(key)
        self.by_skeleton = {k: tuple(v) for k, v in by_skeleton.items()}

    def near(self, key: str) -> list[Near]:
        """Keys within the edit budget of ``key`` (itself excluded) with its consonants in
        the same order and its initial, nearest first."""
        budget = self.rules.budget(key)
        bones = skeleton(key)
        if budget == 0 or len(bones) < self.rules.skeleton_min:
            return []
        start = initial(key)
        choices = sorted(
            k for k in self.by_skeleton.get(bones, ()) if k != key and initial(k) == start
        )
        found = process.extract(
            key, choices, scorer=Levenshtein.distance, score_cutoff=budget, limit=self.rules.limit
        )
        return sorted((Near(str(k), int(d)) for k, d, _ in found), key=lambda n: (n.edits, n.key))
