"""Which of the places a sentence names is where its event happened.

Not every place is an event location: words spoken in Geneva or Oman, a "UK-based" monitor,
"US-led" strikes, a place in another clause ("..., while the rest fled towards Raqqa"), a
person's post ("the commander of ISIS operations in Raqqa was killed"). ``event_places``
keeps the event's own clause (cut at clause breaks) and takes the first place after the
event's verb (a place that only qualifies the next, "the Latakia town of Kabbani", where
fire came from, or a person's home, "a man from Jasim in Sheikh Maskin", passes its turn),
else the nearest place before it that a locative preposition introduces, that
is the verb's passive subject, or that the verb's participle modifies ("the Golan Heights
captured from Syria"); places coordinated with it ("the villages of A, B and C") are the
event's too. A clause that only refers back to a place ("stormed the aforementioned town",
", where ...") and a participle after its clause (", killing 20") take their places from
``place_reference.py``. A death whose own clause names no place happened where the clause
saying how it came about puts it ("killed when a shell hit a market in Maree").
``choose_locations`` takes the first of those, falling back on the paragraph and the
article, and the other localities listed with it: ACLED codes one event per location. A
relative phrase ("20 km north of Idlib") becomes the location's evidence. The phrases are
data: ``data/lexicons/event_location.yaml``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..geocode.gazetteer import border_ids, names_admin1
from ..records import Span
from .location_rules import LocationRules, qualifies
from .place_lists import Choice, bracketed, coordinated, name_start, subject_head

if TYPE_CHECKING:
    from .assemble import ArticleMentions


__all__ = [
    "Choice",
    "LocationRules",
    "choose_locations",
    "event_places",
    "incident_place",
]
INSIDE_PHRASE = re.compile(r"\b(?:in|at|of|on|near|from|to|with|for)\s+(?:the\s+)?$", re.I)
WARD_OF = re.compile(
    r"\s+(?:neighbou?rhoods?|district|quarter|suburb)\s+(?:in|of)\s+(?:the\s+)?(?:city\s+of\s+)?",
    re.IGNORECASE,
)
"""Between a neighbourhood the gazetteer lacks and its city ("al-Akrama neighbourhood in")."""
REDUCED_RELATIVE = re.compile(r"\s+(?:from|by)\s", re.IGNORECASE)
THE_BEFORE = re.compile(r"\bthe\s+(?:[a-z][\w-]*\s+){0,2}$")
"""Before a place that a participle modifies ("the strategic Golan Heights captured from")."""
NEAR_AFTER = re.compile(r"\s+(?:near|close\s+to|next\s+to|at|by|around)\s", re.IGNORECASE)
"""After a border, before the place that pins it down ("the border near Sere Kaniye")."""


def _ward_subject(
    text: str, before: list[Choice], i: int, anchor: Span, rules: LocationRules
) -> bool:
    """Is ``before[i]`` a quarter of the next place, the two the verb's passive subject ("The
    regime-held Joura neighbourhood of Deir Ezzor was shelled")? ``before`` runs backwards
    from the verb."""
    if i == 0:
        return False
    c, whole = before[i], before[i - 1]
    return (
        rules.references.part_of_place(text, c, whole)
        and rules.passive.match(text[whole[0].end : anchor.start]) is not None
        and INSIDE_PHRASE.search(text, max(0, c[0].start - 12), c[0].start) is None
    )


def _passes(
    text: str, chain: list[Choice], i: int, rules: LocationRules, *, border: bool = True
) -> bool:
    """Does ``chain[i]`` pass the event's place to the next one? It only qualifies it ("the
    Latakia town of Kabbani"), unless it is a quarter of it ("the Akrama neighborhood of
    Homs"); it is where fire came from ("fired from the occupied Golan struck ... Kiswah");
    or it is a border the next place pins down."""
    if rules.origin_of(text, chain[i]):
        return True
    if qualifies(text, chain[i][0].end, rules):
        return not rules.references.part_of_place(text, chain[i], chain[i + 1])
    return border and _border_near(text, chain, i)


def _border_near(text: str, chain: list[Choice], i: int) -> bool:
    """Is ``chain[i]`` a border right before a place near it ("on the Syrian-Turkish border
    near the town of Sere Kaniye")? The place is the event's; the border only says where it
    lies."""
    border, then = chain[i], chain[i + 1]
    if border[1].gazetteer_id not in border_ids():
        return False
    near = NEAR_AFTER.match(text, border[0].end)
    return near is not None and name_start(then) - near.end() <= 30


def _before_ok(text: str, c: Choice, anchor: Span, start: int, rules: LocationRules) -> bool:
    """A place before the verb: introduced by a locative preposition outside a noun phrase
    about a person, or the verb's passive subject ("Nawa is being targeted", "Tal Afar, a
    city near the border, was hit")."""
    m = c[0]
    inside = INSIDE_PHRASE.search(text, max(start, m.start - 12), m.start)
    described = rules.appositive.match(text, m.end, anchor.start)
    verb_at = described.end() if described else m.end
    if rules.passive.match(text[verb_at : anchor.start]) and inside is None:
        return True
    lead = rules.locative.search(text, max(start, name_start(c) - 60), name_start(c))
    if lead is None:
        return False
    return rules.person.search(text, start, lead.start()) is None


def event_places(
    am: ArticleMentions, anchor: Span, *, sentence: int, rules: LocationRules, focus: str | None
) -> list[Choice]:
    """The places the sentence gives for the event stated at ``anchor``: the event's place
    first, then those coordinated with it (see the module docstring)."""
    text = am.text
    s_lo, s_hi = am.sentences.bounds[sentence]
    lo, hi = rules.clause(text, s_lo, s_hi, anchor)
    described = rules.described(text, am.choices, s_lo, s_hi)
    here = [
        c
        for c in am.choices
        if lo <= name_start(c) < hi
        and c[0].start not in described
        and not rules.modifies(text, c)
        and not bracketed(text, c[0], lo)
        and not rules.destination_of(text, c, anchor)
    ]
    after = [c for c in here if c[0].start >= anchor.end]
    refs = rules.references
    referred = refs.referred(text, (lo, hi), anchor, after=after, passive=rules.passive)
    if referred is not None:
        found = refs.antecedents(text, am.choices, s_lo, referred[0], plural=referred[1])
        if found:
            return found
    origins = after if after and all(rules.origin_of(text, c) for c in after) else []
    if origins:  # "Damascus is being shelled from the East Gouta": the subject, if any
        after = []
    if after:
        first = 0
        while first < len(after) - 1 and _passes(text, after, first, rules):
            first += 1
        return coordinated(text, after[first:], rules.coordination, suffix=rules.suffix)
    before = [c for c in here if c[0].end <= anchor.start]
    subject = _place_before(am, anchor, before, lo, rules)
    if subject is not None:
        return subject
    if origins:  # "Rebels fired rockets from Jobar": no other place, so there
        return coordinated(text, origins, rules.coordination, suffix=rules.suffix)
    if refs.relative_clause(text, s_lo, lo):
        return refs.antecedents(text, am.choices, s_lo, lo, plural=False)
    opening = _opening_place(am, (s_lo, lo), rules)
    if opening:
        return opening
    if anchor.text.casefold() not in rules.cause_verbs:
        return []
    return _cause_places(am, (hi, s_hi), rules)


def _place_before(
    am: ArticleMentions, anchor: Span, before: list[Choice], lo: int, rules: LocationRules
) -> list[Choice] | None:
    """The event's places named before its verb, in its clause: the main clause's after a
    participle, a locative phrase's, the verb's passive subject's; None when none is."""
    text, refs = am.text, rules.references
    if refs.participle(text, lo, anchor):
        main = refs.main_clause(
            text, before, lo, rules.introduces, lambda t, end: qualifies(t, end, rules)
        )
        if main:
            return main
    before = before[::-1]
    modified = _modified_place(am, anchor, before)
    for i, c in enumerate(before):
        if (
            i == modified
            or _before_ok(text, c, anchor, lo, rules)
            or _ward_subject(text, before, i, anchor, rules)
        ):
            # "In the al-Hamdaniyeh neighborhood of western Aleppo, ... killed": the quarter
            ward = i + 1 < len(before) and refs.part_of_place(text, before[i + 1], c)
            head = subject_head(text, before, i + ward)
            return coordinated(text, before[head:], rules.coordination, suffix=rules.suffix)
    return None


def _opening_place(
    am: ArticleMentions, span: tuple[int, int], rules: LocationRules
) -> list[Choice]:
    """The place of a locative phrase opening the sentence, when the event's clause comes
    after the clauses that phrase opens ("In the Bustan al-Qasr neighborhood of Aleppo, where
    a crossing linked the city's halves until last year, rebels detonated a bomb")."""
    s_lo, lo = span
    text = am.text
    inside = [c for c in am.choices if s_lo <= c[0].start < lo]
    if not inside or not rules.opening_locative.fullmatch(text, s_lo, name_start(inside[0])):
        return []
    first = int(len(inside) > 1 and _passes(text, inside, 0, rules, border=False))
    comma = text.find(",", inside[first][0].end, lo)
    return [inside[first]] if comma != -1 else []


def _modified_place(am: ArticleMentions, anchor: Span, before: list[Choice]) -> int | None:
    """The index in ``before`` of the place a past participle right after it modifies
    ("returns the Golan Heights captured from Syria"): the place follows "the" and the
    participle goes on with "from"/"by" (not "Israel captured the Golan Heights")."""
    if not before or not REDUCED_RELATIVE.match(am.text, anchor.end):
        return None
    m = before[0][0]
    if am.text[m.end : anchor.start].strip() or not anchor.text.casefold().endswith("ed"):
        return None
    return 0 if THE_BEFORE.search(am.text, max(0, m.start - 30), m.start) else None


def _cause_places(
    am: ArticleMentions, bounds: tuple[int, int], rules: LocationRules
) -> list[Choice]:
    """The places of the clause that says how the event came about ("killed when a bomb hit
    a market in Maree"), right after the event's clause ending at ``bounds[0]``."""
    text, (start, s_hi) = am.text, bounds
    if not rules.cause_clause.match(text, start, s_hi):
        return []
    end = next((m.start() for m in rules.breaks.finditer(text, start + 1, s_hi)), s_hi)
    here = [
        c
        for c in am.choices
        if start <= name_start(c) < end
        and not rules.modifies(text, c)
        and not bracketed(text, c[0], start)
    ]
    if not here:
        return []
    first = 0
    while first < len(here) - 1 and _passes(text, here, first, rules, border=False):
        first += 1
    return coordinated(text, here[first:], rules.coordination, suffix=rules.suffix)


def _specific(choice: Choice, focus: str | None) -> bool:
    """A place in the focus country with a known admin1, or a point near a town where the
    gazetteer has no admin1 names (another focus country than Syria, none imported); not
    "Syria", not a foreign town, not "the Turkish border": a point of a line hundreds of
    kilometres long."""
    loc = choice[1]
    if loc.gazetteer_id in border_ids():
        return False
    if loc.admin1 is None:
        named = focus is None or names_admin1(focus)
        if named or loc.latitude is None or loc.geo_precision > 2:
            return False
    return focus is None or loc.country == focus


def _candidates(am: ArticleMentions, lo: int, hi: int) -> list[Choice]:
    return [c for c in am.choices if lo <= c[0].start < hi]


def choose_locations(
    am: ArticleMentions,
    trigger: Span,
    *,
    sentence: int,
    rules: LocationRules,
    focus: str | None,
) -> list[Choice]:
    """The event's place first (``_choose``; a place the gazetteer lacks coded at its anchor
    town, ``_anchor_town``), then the other localities the event's own clause lists with it
    ("shelled Kafr Nabl, Hass and Kafr Sajna"): ACLED codes one event per location. Only
    places that can be an event's follow the first (``_listed_place``: not a country, not a
    border), each coded at its anchor town too, each name once. A region follows only when
    no place kept lies in its governorate ("Aleppo and Idlib provinces": two; "Kafr Nabl
    and the Idlib countryside": one)."""
    own = event_places(am, trigger, sentence=sentence, rules=rules, focus=focus)
    chosen = _choose(am, trigger, own, sentence=sentence, rules=rules, focus=focus)
    if chosen is None:
        return []
    found = [_anchor_town(am, chosen)]
    if not any(c is chosen for c in own):
        return found
    for c in own:
        place = _anchor_town(am, c)
        if not _listed_place(c, found[0], focus):
            continue
        if any(place[1].name == k[1].name for k in found):
            continue
        if place[1].geo_precision < 3 or all(place[1].admin1 != k[1].admin1 for k in found):
            found.append(place)
    return found


def _listed_place(choice: Choice, first: Choice, focus: str | None) -> bool:
    """Can ``choice``, listed with ``first``, be an event's place of its own? A specific
    place (``_specific``), or, in the first's country when that is not the focus country
    ("Kharkiv and Dnipro"), a place with a known admin1 or a town's point; never a country,
    never a border."""
    loc = choice[1]
    if _specific(choice, focus):
        return True
    located = loc.admin1 is not None or (loc.latitude is not None and loc.geo_precision < 3)
    return (
        located
        and loc.country is not None
        and loc.country == first[1].country
        and loc.gazetteer_id not in border_ids()
    )


def _choose(
    am: ArticleMentions,
    trigger: Span,
    own: list[Choice],
    *,
    sentence: int,
    rules: LocationRules,
    focus: str | None,
) -> Choice | None:
    """The event's own place (``event_places``) when it is specific; else the sentence's
    specific place nearest the trigger; else the event's own border ("near the Turkish
    border"); else the nearest specific place earlier in the paragraph; else the article's
    first; else the event's broad place (a country). ``own``: ``event_places``."""
    placed = [c for c in own if c[1].admin1 is not None]
    specific = [c for c in placed if _specific(c, focus)]
    border = bool(placed) and placed[0][1].gazetteer_id in border_ids()
    if specific or (placed and not border):
        return (specific or placed)[0]
    lo, hi = am.sentences.bounds[sentence]
    here = [c for c in _candidates(am, lo, hi) if _specific(c, focus)]
    if here:
        return min(here, key=lambda c: abs(c[0].start - trigger.start))
    if border:  # the sentence names no town: its border it is
        return placed[0]
    paragraph_start = am.text.rfind("\n", 0, lo + 1) + 1
    before = [c for c in _candidates(am, paragraph_start, lo) if _specific(c, focus)]
    if before:
        return before[-1]
    anywhere = first_focus_place(am, rules, focus)
    if anywhere is not None:
        return anywhere
    return own[0] if own else None


def _anchor_town(am: ArticleMentions, choice: Choice) -> Choice:
    """A neighbourhood the gazetteer lacks, located by the city named right after it
    ("al-Akrama neighbourhood in Homs city"), is coded at that city, as ACLED codes a
    neighbourhood; the event's evidence is then the city's mention. A village stays itself
    ("the town of Anadan north of Aleppo")."""
    mention, location = choice
    if location.gazetteer_id is not None or location.score is not None:
        return choice
    for other in am.choices:
        if other[0].start < mention.end or other[1].gazetteer_id is None:
            continue
        inside = other[0].relation is None and WARD_OF.fullmatch(
            am.text, mention.end, other[0].start
        )
        agrees = other[1].admin1 == location.admin1 and location.geo_precision == 2
        return other if inside and agrees else choice
    return choice


def _located(
    am: ArticleMentions, choice: Choice, rules: LocationRules, focus: str | None
) -> Choice:
    """The place ``choice`` only locates, when it is named right before it ("Basqala in
    southern Idlib", "Qaboun neighbourhood in Damascus", "Sarrin, Ain al-Arab district,
    Aleppo", "Duma in Eastern Ghouta, Rural Damascus", "near Jayroud (Al Qutayfah, Rural
    Damascus)"): the most precise one of the chain, in the same governorate (``within`` in
    event_location.yaml)."""
    while True:
        before = [c for c in am.choices if c[0].end <= choice[0].start]
        if not before or not _specific(before[-1], focus) or rules.origin_of(am.text, before[-1]):
            return choice  # "a man from Jasim in Sheikh Maskin": Jasim locates nothing
        inner, (_, outer) = before[-1], choice
        found = rules.within.fullmatch(am.text, inner[0].end, choice[0].start)
        if found is None or (outer.admin1 is not None and inner[1].admin1 != outer.admin1):
            return choice
        broader = inner[1].geo_precision < outer.geo_precision or outer.geo_precision == 3
        if found.group("bracket") is None and (
            inner[1].geo_precision > outer.geo_precision
            or (found.group("comma") is not None and not broader)
        ):
            return choice
        choice = inner


def first_focus_place(
    am: ArticleMentions, rules: LocationRules, focus: str | None
) -> Choice | None:
    """The first specific place of the focus country the article names (not a speech venue,
    not where fire came from: "missiles fired from the occupied Golan")."""
    for choice in _candidates(am, 0, len(am.text)):
        if _specific(choice, focus) and not rules.origin_of(am.text, choice):
            return choice
    return None


def incident_place(
    am: ArticleMentions, rules: LocationRules, focus: str | None, figure: Span | None
) -> Choice | None:
    """Where the article's main incident happened: the specific place nearest its first
    casualty figure in that figure's sentence (not where fire came from or a person's home
    when it names another: ``origin_of``; or the place that one only locates:
    ``_located``), else the article's first specific place."""
    if figure is not None:
        lo, hi = am.sentences.bounds[am.sentences.index(figure.start)]
        here = [c for c in _candidates(am, lo, hi) if _specific(c, focus)]
        here = [c for c in here if not rules.origin_of(am.text, c)] or here
        if here:
            nearest = min(here, key=lambda c: abs(c[0].start - figure.start))
            return _anchor_town(am, _located(am, nearest, rules, focus))
    first = first_focus_place(am, rules, focus)
    return _anchor_town(am, first) if first else None
