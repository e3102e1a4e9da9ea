"""The rules that say which of a sentence's places is its event's, compiled from
``data/lexicons/event_location.yaml`` (``event_places`` in ``locate.py`` applies them): clause
breaks, speech and attribution contexts, locative prepositions, appositives, where people
fled to, relative phrases, and the phrases that refer back to a place
(``place_reference.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ResourceError
from ..records import Location, Span, ToponymMention
from ..resources import load_yaml
from .place_lists import WORD_REST, Choice, alternatives
from .place_reference import ReferenceRules

if TYPE_CHECKING:
    from .assemble import ArticleMentions

POSSESSIVE = re.compile(r"(?:['’]s|\s+s)\s", re.IGNORECASE)
"""Right after a place, matched at its end ("Syria's Idlib province"; "Syria   s" where the
apostrophe was lost in decoding)."""
LOCALITY_OF = re.compile(
    r"\s+(?:town|village|city|district|neighbou?rhood|suburb|quarter|countryside)\s+of\s",
    re.IGNORECASE,
)
"""Right after a place that qualifies the next one ("the Latakia town of Kabbani")."""
HOLDERS = r"(?-i:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)){0,3}"
"""Countries listed before another after "by"/"from" ("from Jordan, Syria and Egypt")."""
DASH = re.compile(r"\s[–—-]\s")
"""A dash between spaces: an aside opens or closes, or a new clause begins."""
LOCATIVE_REACH = r"(?:[\w'’-]+\s+){0,5}"
"""Words allowed between a locative preposition and its place ("in the northern city of")."""


@dataclass(frozen=True)
class LocationRules:
    """``event_location.yaml`` compiled, with the tests ``event_places`` asks of a place:
    is it an agent country, a speaker's place, a modifier, where people fled to, inside an
    appositive; where does the event's clause start and end."""

    before: re.Pattern[str]
    after: re.Pattern[str]
    window: int
    origin_window: int
    breaks: re.Pattern[str]
    opening: re.Pattern[str]
    """A sentence-opening subordinate phrase up to its comma ("With rebels expelled from
    al-Ra'i after entering the border town,"): its verbs' places stay inside it."""
    locative: re.Pattern[str]
    person: re.Pattern[str]
    modifier: re.Pattern[str]
    coordination: re.Pattern[str]
    relative: re.Pattern[str]
    suffix: re.Pattern[str]
    country_agent: re.Pattern[str]
    country_attribute: re.Pattern[str]
    cause_clause: re.Pattern[str]
    cause_verbs: frozenset[str]
    """Verbs whose place, when their clause names none, the clause right after gives ("killed
    when a shell hit X", "the attack began when ISIS stormed Y")."""
    object_lead: re.Pattern[str]
    own_part: re.Pattern[str]
    within: re.Pattern[str]
    destination: re.Pattern[str]
    origin: re.Pattern[str]
    appositive: re.Pattern[str]
    passive: re.Pattern[str]
    """Between the verb's passive subject and the verb (``passive_subject``)."""
    opening_locative: re.Pattern[str]
    """A sentence's opening up to its first place ("In the ", "At the village of ")."""
    references: ReferenceRules
    regional: frozenset[str]

    @classmethod
    def load(cls) -> LocationRules:
        data = load_yaml("lexicons", "event_location.yaml")
        context = load_yaml("geo", "place_context.yaml")
        try:
            return cls(**_compiled(data), regional=frozenset(context["regional_relations"]))
        except (KeyError, TypeError, re.error) as exc:
            raise ResourceError(f"data/lexicons/event_location.yaml malformed: {exc!r}") from exc

    def choices(self, am: ArticleMentions) -> list[Choice]:
        """The article's resolved places that can be event locations, in text order; a
        relative place's mention spans its phrase ("20 km north of Idlib")."""
        text = am.text
        return [
            (self.phrase(text, t), am.places[(t.start, t.end)])
            for t in am.toponyms
            if (t.start, t.end) in am.places
            and not self.excluded(text, t)
            and not self.agent_country(text, t, am.places[(t.start, t.end)])
        ]

    def agent_country(self, text: str, m: ToponymMention, loc: Location) -> bool:
        """A country named as the agent or the former holder ("captured by Israel", "from
        Syria", "from Jordan, Syria and Egypt"), or as the attribute of the means ("US
        airstrikes", "a US-Kurdish operation"): not where the event happened."""
        if loc.country is None or loc.name != loc.country:
            return False
        if self.country_attribute.match(text, m.end):
            return True
        return bool(self.country_agent.search(text, max(0, m.start - 60), m.start))

    def excluded(self, text: str, m: ToponymMention) -> bool:
        head = text[max(0, m.start - self.window) : m.start]
        return bool(self.before.search(head) or self.after.match(text[m.end : m.end + 20]))

    def phrase(self, text: str, m: ToponymMention) -> ToponymMention:
        """``m`` spanning the relative phrase before it (its name stays the place's)."""
        if m.relation is None or m.relation in self.regional:
            return m
        found = self.relative.search(text, max(0, m.start - 80), m.start)
        if found is None or found.end() != m.start:
            return m
        return m.model_copy(update={"start": found.start(), "text": text[found.start() : m.end]})

    def destination_of(self, text: str, c: Choice, anchor: Span) -> bool:
        """Is the place where people fled or fell back to, for an event other than the
        fleeing ("prompting people to flee into Chad")?"""
        m = c[0]
        found = self.destination.search(text, max(0, m.start - self.window), m.start)
        return found is not None and found.start("verb") != anchor.start

    def origin_of(self, text: str, c: Choice) -> bool:
        """Is the place where fire came from ("missiles fired from the occupied Golan"), or
        a person's home ("a man from Jasim")?"""
        start = c[0].start
        return self.origin.search(text, max(0, start - self.origin_window), start) is not None

    def described(self, text: str, choices: list[Choice], lo: int, hi: int) -> set[int]:
        """The starts of places inside an appositive that describes a place before it
        ("Taldou, a village in the Houla area of Homs province,"): they only locate it."""
        here = [c for c in choices if lo <= c[0].start < hi]
        inside: set[int] = set()
        for c in here:
            if c[0].start in inside:
                continue
            found = self.appositive.match(text, c[0].end)
            if found is None:
                continue
            after = [o[0].start for o in here if c[0].end < o[0].start < found.end()]
            if found["noun"] is None or all(at > found.start("noun") for at in after):
                inside.update(after)  # not "A, the al-Wafidin camp, B": a list
        return inside

    def modifies(self, text: str, c: Choice) -> bool:
        """Is the place a modifier ("the Mosul operation"), not the start of a longer name
        ("the Deir Ezzor Military Airport")?"""
        m = c[0]
        return bool(self.modifier.match(text, m.end)) and not self.suffix.match(text, m.end)

    def introduces(self, text: str, lo: int, at: int) -> bool:
        """Does a locative preposition or an event verb ("captured the villages of")
        introduce the place at ``at`` (looked for from ``lo``)?"""
        return bool(self.locative.search(text, lo, at) or self.object_lead.search(text, lo, at))

    def place_name(self, text: str, m: ToponymMention) -> str:
        """The name the text gives the place: the mention's, with the capitalised words
        that continue it ("Homs Governorate", "Kindi Hospital")."""
        end = m.end if m.text.endswith(m.name) else m.start + len(m.name)
        rest = WORD_REST.match(text, end)  # "Kuweires" keyed as the gazetteer's "Kuweire"
        name = m.name + rest.group() if rest else m.name
        end = rest.end() if rest else end
        more = self.suffix.match(text, end)
        return name + text[end : more.end()] if more else name

    def clause(self, text: str, lo: int, hi: int, anchor: Span) -> tuple[int, int]:
        """Bounds of the clause of the sentence ``lo..hi`` that holds ``anchor``. Two dashes
        before it enclose an aside, not a new clause ("In Deir Ezzor, the 137th Brigade – in
        coordination with the NDF – launched ...")."""
        start, end = lo, hi
        opening = self.opening.match(text, lo, hi)
        if opening is not None and anchor.end <= opening.end():
            end = opening.end() - 1
        breaks = list(self.breaks.finditer(text, lo, hi))
        aside = _dash_aside(breaks, anchor)
        for m in breaks:
            if m.start() in aside:
                continue
            if m.end() <= anchor.start:
                start = max(start, m.end())
            elif m.start() >= anchor.end:
                end = min(end, m.start())
                break
        return start, end


def _dash_aside(breaks: list[re.Match[str]], anchor: Span) -> set[int]:
    """The starts of dash breaks that pair up before ``anchor``: the second closes the aside
    the first opened."""
    dashes = [m.start() for m in breaks if m.end() <= anchor.start and DASH.fullmatch(m.group())]
    return set(dashes[: len(dashes) // 2 * 2])


def _compiled(data: dict[str, Any]) -> dict[str, Any]:
    before = "|".join(re.escape(p) for p in data["speech_contexts"])
    after = "|".join(re.escape(p) for p in data["after_contexts"])
    locative = alternatives(data["locative_prepositions"])
    coordination = re.compile(data["coordination"], re.I)
    return {
        "before": re.compile(rf"\b(?:{before})\s+(?:the\s+)?$", re.IGNORECASE),
        "after": re.compile(rf"^(?:{after})", re.IGNORECASE),
        "window": int(data["window"]),
        "origin_window": int(data["origin_window"]),
        "country_agent": re.compile(
            rf"\b(?:{alternatives(data['country_contexts'])})\s+(?:the\s+)?{HOLDERS}$", re.I
        ),
        "country_attribute": re.compile(
            rf"-[A-Z][a-z]+(?:ish|ian|ese|can|i)\b"
            rf"|\s+(?:{alternatives(data['country_attributes'])})\b"
        ),
        "breaks": re.compile("|".join(f"(?:{b})" for b in data["clause_breaks"]), re.I),
        "opening": re.compile(data["opening_phrase"], re.I),
        "locative": re.compile(rf"\b(?:{locative})\s+{LOCATIVE_REACH}$", re.I),
        "object_lead": re.compile(
            rf"\b(?:{alternatives(data['candidates']['verbs'])})\s+{LOCATIVE_REACH}$", re.I
        ),
        "person": re.compile(rf"\b(?:{alternatives(data['person_nouns'])})\b", re.I),
        "modifier": re.compile(
            rf"(?:['’]s|\s+s)?\s+(?:{alternatives(data['modifier_nouns'])})\b", re.I
        ),
        "coordination": coordination,
        "cause_clause": re.compile(data["cause_clause"], re.I),
        "cause_verbs": frozenset(
            w.casefold() for w in (*data["casualty_verbs"], *data["onset_verbs"])
        ),
        "own_part": re.compile(
            rf"\s*(?:\([^)]{{0,30}}\)\s*)?(?:[a-z][\w-]*\s+){{0,2}}"
            rf"(?:{alternatives(data['own_parts'])})\b"
        ),
        "references": ReferenceRules.compile(data["references"], coordination),
        "relative": re.compile(data["relative_phrase"], re.I),
        "within": re.compile(data["within"], re.I),
        "destination": re.compile(data["destination"], re.I),
        "origin": re.compile(f"(?:{data['origin']})|(?:{data['hometown']})", re.I),
        "appositive": re.compile(data["appositive"], re.I),
        "passive": _passive(data["passive_subject"]),
        "opening_locative": re.compile(
            rf"\s*(?:{alternatives(data['opening_prepositions'])})\s+(?:the\s+)?"
            r"(?:[\w'’-]+\s+){0,3}",
            re.I,
        ),
        "suffix": re.compile(
            rf"(?:\s+(?:\d{{1,5}}\s+)?(?:{alternatives(data['name_suffixes'])})\b)+"
        ),
    }


def _passive(data: dict[str, Any]) -> re.Pattern[str]:
    """The words between a passive subject and its verb: an optional locality noun, a
    bracket, then auxiliaries or "came under" and up to two words ("heavy rocket")."""
    nouns = alternatives(data["nouns"])
    aux = alternatives(data["auxiliaries"])
    return re.compile(
        rf"^\s*(?:(?:{nouns})\s+)?(?:\([^)]{{0,40}}\)\s*)?(?:(?:{aux})\s+)*"
        rf"(?:(?:{aux})\s+|(?:came|come|comes|coming)\s+under\s+(?:[a-z-]+\s+){{0,2}})$",
        re.I,
    )


def qualifies(text: str, end: int, rules: LocationRules) -> bool:
    """Does the place ending at ``end`` only qualify the next one ("Syria's Idlib", "the
    Homs neighbourhood of Baba Amr")? Not when the possessive names a part of it ("Palmyra's
    northwestern countryside")."""
    owner = POSSESSIVE.match(text, end)
    if owner is not None:
        return rules.own_part.match(text, owner.end()) is None
    return LOCALITY_OF.match(text, end) is not None
