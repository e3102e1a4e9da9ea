"""A phrase that refers back to a place named earlier in the sentence.

The event's own clause often names no place but points back to one: "the Syrian Army
stormed the aforementioned towns", "this village was captured", "killed in Hama, where ...",
"the town of Rastan, which has been besieged", "captured A, B and C near K, killing 20".
``ReferenceRules`` finds such a phrase and the places it stands for: the nearest place
named before it (not a country; a quarter rather than the city it belongs to), with the
places coordinated with it when the noun is plural; for a participle after its clause, the
main clause's first place. The words are data: the ``references`` section of
``data/lexicons/event_location.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..records import Location, Span
from .place_lists import Choice, alternatives, bracketed, coordinated, name_start, word_end

Lead = Callable[[str, int, int], bool]
"""Does a locative preposition or an event verb introduce the place at ``at`` (text,
window start, at)?"""
Qualifies = Callable[[str, int], bool]
"""Does the place ending at this offset only qualify the next one ("the Latakia town of")?"""


@dataclass(frozen=True)
class ReferenceRules:
    phrase: re.Pattern[str]
    strong: re.Pattern[str]
    placed_by: re.Pattern[str]
    relative: re.Pattern[str]
    part_of: re.Pattern[str]
    ward: re.Pattern[str]
    """The nouns of a city's parts (not "village", "town": "the Latakia town of Kabbani")."""
    participle_after: re.Pattern[str]
    opening: re.Pattern[str]
    coordination: re.Pattern[str]

    @classmethod
    def compile(cls, data: dict[str, Any], coordination: re.Pattern[str]) -> ReferenceRules:
        nouns = alternatives(data["nouns"])
        mods = alternatives(data["referring_modifiers"] + data["modifiers"])
        strong = alternatives(data["strong_determiners"])
        referring = alternatives(data["referring_modifiers"])
        return cls(
            phrase=re.compile(
                rf"\b(?P<det>{alternatives(data['determiners'])})\s+(?P<mod>(?:(?:{mods})\s+){{0,3}})"
                rf"(?P<noun>(?:(?:{nouns})\s+)*(?:{nouns}))\b(?!\s+(?:{nouns}|of)\b)",
                re.I,
            ),
            strong=re.compile(rf"(?:{strong})\b|.*\b(?:{referring})\b", re.I),
            placed_by=re.compile(
                rf"\s+(?:{alternatives(data['placed_by'])})\b"
                rf"(?!\s+(?:the\s+)?(?:{alternatives(data['times'])})\b|\s+\d)",
                re.I,
            ),
            relative=re.compile(rf",\s+(?:{alternatives(data['relative_words'])})$", re.I),
            part_of=re.compile(data["part_of"], re.I),
            ward=re.compile(rf"\b(?:{alternatives(data['ward_nouns'])})s?\b", re.I),
            participle_after=re.compile(
                rf"(?:,|\b(?:{alternatives([w for w in data['participle_after'] if w != ','])}))"
                r"\s+$",
                re.I,
            ),
            opening=re.compile(rf"\s*(?:{alternatives(data['openings'])})\b[^,;]*,", re.I),
            coordination=coordination,
        )

    def referred(
        self,
        text: str,
        clause: tuple[int, int],
        anchor: Span,
        *,
        after: list[Choice],
        passive: re.Pattern[str],
    ) -> tuple[int, bool] | None:
        """Where a phrase of the clause that refers back to a place starts, and whether its
        noun is plural: after the verb ("stormed the aforementioned town") or as its passive
        subject ("this village was captured"); None when there is none, or when the clause's
        own place comes first or places the phrase ("the area around X")."""
        lo, hi = clause
        found = self.phrase.search(text, anchor.end, hi)
        if found is None:
            found = next(
                (
                    m
                    for m in self.phrase.finditer(text, lo, anchor.start)
                    if passive.match(text[m.end() : anchor.start])
                ),
                None,
            )
        if found is None:
            return None
        surely = self.strong.match(f"{found['det']} {found['mod']}") is not None
        if after and not (surely and after[0][0].start > found.start()):
            return None
        if not after and not surely and self.placed_by.match(text, found.end()):
            return None
        noun = found["noun"].casefold()
        return found.start(), noun.endswith("s") and not noun.endswith("ss")

    def antecedents(
        self, text: str, choices: list[Choice], lo: int, end: int, *, plural: bool
    ) -> list[Choice]:
        """The places a referring phrase ending at ``end`` stands for, in the sentence from
        ``lo``: the nearest place before it (not a country), those coordinated with it when
        it is plural."""
        before = [
            c
            for c in choices
            if lo <= c[0].start
            and c[0].end <= end
            and not bracketed(text, c[0], lo)
            and c[1].name != c[1].country
        ][::-1]
        if not before:
            return []
        if len(before) > 1 and self.part_of_place(text, before[1], before[0]):
            before = before[1:]
        return coordinated(text, before, self.coordination) if plural else before[:1]

    def relative_clause(self, text: str, sentence_start: int, clause_start: int) -> bool:
        """Does the clause open with a relative word after a comma (", where", ", which")?"""
        window = max(sentence_start, clause_start - 12)
        return self.relative.search(text, window, clause_start) is not None

    def participle(self, text: str, clause_start: int, anchor: Span) -> bool:
        """Is the event's verb a participle after its clause (", killing", "after killing")?"""
        window = max(clause_start, anchor.start - 12)
        return anchor.text.casefold().endswith("ing") and bool(
            self.participle_after.search(text, window, anchor.start)
        )

    def main_clause(
        self, text: str, before: list[Choice], lo: int, lead: Lead, qualifies: Qualifies
    ) -> list[Choice]:
        """The main clause's first place that ``lead`` accepts (``before`` in text order;
        a sentence opening up to its first comma set aside), or the one it only qualifies
        ("through the Al-Ghaab Plains town of Khirbat Al-Naqous"), with those coordinated
        with it."""
        opening = self.opening.match(text, lo)
        start = opening.end() if opening else lo
        for i, c in enumerate(before):
            at = name_start(c)
            if at >= start and lead(text, max(start, at - 60), at):
                first = i
                while first < len(before) - 1 and qualifies(text, before[first][0].end):
                    first += 1
                return coordinated(text, before[first:], self.coordination)
        return []

    def part_of_place(self, text: str, part: Choice, whole: Choice) -> bool:
        """Is ``part`` a quarter of ``whole``, named right before it ("the Deir al-Asafir
        suburb of Damascus", "the Akrama neighborhood of the central city of Homs")? Not
        "the Homs neighbourhood of Baba Amr": there the province's namesake city comes
        first. A name the gazetteer lacks before a ward's noun is a quarter of any place
        ("the Rwangoma neighbourhood of Beni")."""
        gap = self.part_of.fullmatch(text, word_end(text, part[0].end), whole[0].start)
        if gap is None or _capital(part[1]):
            return False
        if _capital(whole[1]):
            return True
        # a name the gazetteer lacks before "neighbourhood of": a quarter; before "village
        # of" it names the village's people or region ("the Fulani village of Ogossagou")
        return part[1].gazetteer_id is None and self.ward.search(gap.group()) is not None


def _capital(loc: Location) -> bool:
    """Is the place its province's namesake (the city of Homs in Homs province)?"""
    return loc.admin1 is not None and loc.name.casefold() == loc.admin1.casefold()
