"""Near misses: a name the gazetteer lacks finds a place one or two letters away."""

from __future__ import annotations

import pytest
from rapidfuzz.distance import Levenshtein

from frontwatch.errors import ResourceError
from frontwatch.extract.toponyms import ToponymTagger, english_words
from frontwatch.geocode.fuzzy import FuzzyIndex, FuzzyRules, Near, skeleton
from frontwatch.geocode.gazetteer import MemoryGazetteer, Place
from frontwatch.geocode.geocoder import Geocoder
from frontwatch.geocode.names import NameNormalizer
from frontwatch.records import Location, ToponymMention
from frontwatch.resources import load_yaml


def rules() -> FuzzyRules:
    return FuzzyRules.from_data(load_yaml("geo", "scoring.yaml")["fuzzy"])


def place(gid: str, name: str, *, country: str = "SY", admin1: str | None = "Aleppo",
          point: tuple[float, float] = (36.29, 37.07), pop: int = 0) -> Place:  # fmt: skip
    return Place(
        gazetteer_id=gid, name=name, country=country, admin1=admin1, latitude=point[0],
        longitude=point[1], feature_class="P", feature_code="PPL", population=pop,
    )  # fmt: skip


HARDATNIN = place("t:hardatnin", "Hardatnin", point=(36.2865, 37.0706))
ALEPPO = place("t:aleppo", "Aleppo", point=(36.2, 37.16), pop=2_000_000)


def fake_geocoder(*entries: tuple[Place, list[str]]) -> Geocoder:
    return Geocoder(MemoryGazetteer(entries), country_names={"SY": "Syria", "TR": "Turkey"})


def resolve(geo: Geocoder, text: str, surface: str, hint: str | None = None) -> Location:
    start = text.index(surface)
    m = ToponymMention(
        start=start, end=start + len(surface), text=surface, name=surface, admin_hint=hint
    )
    (loc,) = geo.resolve([m], text=text)
    assert loc is not None
    return loc


def test_skeleton_keeps_the_consonants_once() -> None:
    assert skeleton("hardatnin") == skeleton("hardatin") == "hrdtn"
    assert skeleton("kafr hamra") == "kfrhmr"
    assert skeleton("muh hasan") == skeleton("muhasen") == "mhsn"
    assert skeleton("ukeirbat") == skeleton("okeirbat") == "krbt"


def test_the_edit_budget_grows_with_the_name() -> None:
    r = rules()
    assert [r.budget(k) for k in ("nubl", "nubul", "hardatin", "tal hamis")] == [0, 1, 1, 1]
    assert [r.budget(k) for k in ("hardatnins", "maarat numan", "deir hafer kabir")] == [2, 2, 3]


def test_near_keys_keep_the_consonants_and_the_initial() -> None:
    keys = ["nubl", "hardatnin", "hardana", "kafr hamra", "nabk", "ukeirbat", "sajin", "madan",
            "usarin", "tadif", "irbin"]  # fmt: skip
    index = FuzzyIndex(keys, rules())
    assert index.near("hardatin") == [Near("hardatnin", 1)]
    assert index.near("nubul") == [Near("nubl", 1)]
    assert index.near("okeirbat") == [Near("ukeirbat", 1)]  # any vowel may begin it
    assert index.near("arbin") == [Near("irbin", 1)]
    assert index.near("taduf") == [Near("tadif", 1)]
    assert index.near("kafr hamraa") == [Near("kafr hamra", 1)]
    assert index.near("sarin") == []  # not "sajin": another consonant; not "usarin"
    assert index.near("nabl") == []  # four letters: never
    assert index.near("hardatnin") == []  # itself is not a near miss
    assert index.near("zzyzxville") == []


def test_common_words_are_never_fuzzy_matched() -> None:
    r = rules()
    common = frozenset({"across", "the"})
    assert not r.allowed("Across", common)
    assert not r.allowed("Border", common)  # the never list of scoring.yaml
    assert not r.allowed("The North", common)
    assert r.allowed("Hardateen", common)


def test_a_near_miss_finds_the_village_with_a_lower_score() -> None:
    geo = fake_geocoder((HARDATNIN, ["Hardatnin"]), (ALEPPO, ["Aleppo"]))
    text = "Regime forces took the village of Hardateen, north of Aleppo."
    fuzzy = resolve(geo, text, "Hardateen")
    assert (fuzzy.gazetteer_id, fuzzy.name, fuzzy.geo_precision) == ("t:hardatnin", "Hardatnin", 1)
    assert fuzzy.match == "fuzzy"
    exact = resolve(geo, "Regime forces took Hardatnin.", "Hardatnin")
    assert exact.match == "exact"
    assert exact.score is not None and fuzzy.score is not None
    assert fuzzy.score == pytest.approx(exact.score - rules().penalty)


def test_the_focus_country_comes_first() -> None:
    """A Turkish town one edit away loses to a Syrian village two edits away."""
    syrian = place("t:sy", "Tall Mardikhina")
    turkish = place("t:tr", "Tall Mardikhun", country="TR", admin1=None, pop=500_000)
    normalizer = NameNormalizer.load()
    query, sy, tr = (normalizer.normalize(n) for n in ("Tall Mardikhon", "Tall Mardikhina",
                                                       "Tall Mardikhun"))  # fmt: skip
    assert (Levenshtein.distance(query, tr), Levenshtein.distance(query, sy)) == (1, 2)
    geo = fake_geocoder((syrian, ["Tall Mardikhina"]), (turkish, ["Tall Mardikhun"]))
    loc = resolve(geo, "Shelling hit Tall Mardikhon.", "Tall Mardikhon")
    assert (loc.gazetteer_id, loc.match) == ("t:sy", "fuzzy")


def test_a_near_miss_must_agree_with_the_admin1_the_context_gives() -> None:
    geo = fake_geocoder((HARDATNIN, ["Hardatnin"]))
    loc = resolve(geo, "the village of Hardateen in Idlib province", "Hardateen", hint="Idleb")
    assert (loc.gazetteer_id, loc.admin1, loc.match) == (None, "Idleb", None)
    kept = resolve(geo, "the village of Hardateen in Aleppo province", "Hardateen", hint="Aleppo")
    assert kept.gazetteer_id == "t:hardatnin"


def test_a_near_miss_abroad_needs_its_country_named() -> None:
    medan = place("t:medan", "Medan", country="ID", admin1=None, pop=2_000_000,
                  point=(3.58, 98.67))  # fmt: skip
    indonesia = medan.model_copy(
        update={"gazetteer_id": "t:id", "name": "Indonesia", "feature_class": "A",
                "feature_code": "PCLI"}
    )  # fmt: skip
    gazetteer = MemoryGazetteer([(medan, ["Medan"]), (indonesia, ["Indonesia"])])
    geo = Geocoder(gazetteer, country_names={"ID": "Indonesia"})
    loc = resolve(geo, "Shelling hit the Midan district.", "Midan")
    assert loc.gazetteer_id is None and loc.runner_up is not None and "(t:medan)" in loc.runner_up
    text = "Floods hit Midan, Indonesia."
    m = [ToponymMention(start=text.index(n), end=text.index(n) + len(n), text=n, name=n)
         for n in ("Midan", "Indonesia")]  # fmt: skip
    named, _ = geo.resolve(m, text=text)
    assert named is not None and (named.gazetteer_id, named.match) == ("t:medan", "fuzzy")


def test_a_near_miss_far_from_the_articles_towns_is_dropped() -> None:
    """ "Midan" in a report from Damascus is not Ma'dan on the Euphrates: a near miss must
    lie within near_km of a town of the article that is not in doubt."""
    madan = place("t:madan", "Ma'dan", admin1="Ar-Raqqa", point=(35.74, 39.62))
    damascus = place("t:damascus", "Damascus", admin1="Damascus", point=(33.51, 36.29))
    geo = fake_geocoder((madan, ["Ma'dan"]), (damascus, ["Damascus"]))
    text = "Shells fell on the Midan district of Damascus."
    m = [ToponymMention(start=text.index(n), end=text.index(n) + len(n), text=n, name=n)
         for n in ("Midan", "Damascus")]  # fmt: skip
    midan, _ = geo.resolve(m, text=text)
    assert midan is not None and midan.gazetteer_id is None
    alone = resolve(geo, "Shells fell on the Midan district.", "Midan")
    assert (alone.gazetteer_id, alone.match) == ("t:madan", "fuzzy")


def test_short_names_and_exact_names_are_not_fuzzy() -> None:
    nabk = place("t:nabk", "Nabk", admin1="Rural Damascus")
    geo = fake_geocoder((nabk, ["Nabk"]), (HARDATNIN, ["Hardatnin"]), (ALEPPO, ["Aleppo"]))
    assert resolve(geo, "the town of Nabl", "Nabl").gazetteer_id is None
    assert resolve(geo, "the town of Aleppo", "Aleppo").match == "exact"


def test_the_index_is_built_once_per_gazetteer() -> None:
    gazetteer = MemoryGazetteer([(HARDATNIN, ["Hardatnin"])])
    first = Geocoder(gazetteer, country_names={"SY": "Syria"})
    text = "the village of Hardateen"
    assert resolve(first, text, "Hardateen").gazetteer_id == "t:hardatnin"
    index = gazetteer.memo("fuzzy-index", lambda: None)
    assert isinstance(index, FuzzyIndex)
    second = Geocoder(gazetteer, country_names={"SY": "Syria"})
    assert resolve(second, text, "Hardateen").gazetteer_id == "t:hardatnin"
    assert gazetteer.memo("fuzzy-index", lambda: None) is index


def test_hardatnin_resolves_once_a_gazetteer_has_it() -> None:
    """From text to place: the toponym tagger keeps "Hardateen" (after "the village of")
    though the gazetteer lacks that spelling, and the geocoder finds Hardatnin."""
    gazetteer = MemoryGazetteer([(HARDATNIN, ["Hardatnin", "حردتنين"]), (ALEPPO, ["Aleppo"])])
    geo = Geocoder(gazetteer, country_names={"SY": "Syria"})
    tagger = ToponymTagger(None, "fw_toponyms_test")
    tagger.configure(gazetteer, geo, english=english_words(None))
    text = "Government forces captured the village of Hardateen, north of Aleppo, on Wednesday."
    mentions = tagger.mentions(text)
    found = dict(zip([m.text for m in mentions], geo.resolve(mentions, text=text), strict=True))
    loc = found["Hardateen"]
    assert loc is not None and (loc.gazetteer_id, loc.match) == ("t:hardatnin", "fuzzy")


def test_a_near_miss_in_the_bundled_gazetteer(geocoder: Geocoder) -> None:
    """ "Kafranbal" is one letter from GeoNames' "Kafranbel" (Kafr Nabl, Idlib)."""
    loc = resolve(geocoder, "Jets struck the town of Kafranbal.", "Kafranbal")
    assert (loc.gazetteer_id, loc.admin1, loc.match) == ("geonames:168661", "Idleb", "fuzzy")


def test_a_malformed_fuzzy_section_is_a_clear_error() -> None:
    data = dict(load_yaml("geo", "scoring.yaml")["fuzzy"])
    del data["max_edits"]
    with pytest.raises(ResourceError, match=r"scoring\.yaml: fuzzy section.*max_edits"):
        FuzzyRules.from_data(data)
