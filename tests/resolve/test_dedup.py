"""Near-duplicate detection: MinHash signatures and the deduplicator."""

from __future__ import annotations

from frontwatch.resolve.config import load_resolve_config
from frontwatch.resolve.dedup import Deduplicator
from frontwatch.resolve.text import MinHasher, containment, estimated_jaccard, key_terms


def test_signatures_are_stable_across_instances(douma_texts: dict[str, tuple[str, int]]) -> None:
    config = load_resolve_config().minhash
    text = douma_texts["Meridian Wire"][0]
    assert list(MinHasher(config).signature(text)) == list(MinHasher(config).signature(text))


def test_lightly_edited_copy_is_near_and_other_reports_are_not(
    douma_texts: dict[str, tuple[str, int]],
) -> None:
    hasher = MinHasher(load_resolve_config().minhash)
    text = douma_texts["Meridian Wire"][0]
    copy = text.replace("crowded", "busy").rsplit(" Rescue", 1)[0]
    original = hasher.signature(text)
    jaccard = estimated_jaccard(original, hasher.signature(copy))
    assert containment(jaccard, len(hasher.shingles(text)), len(hasher.shingles(copy))) >= 0.8
    other = douma_texts["Syria Monitor Network"][0]
    assert estimated_jaccard(original, hasher.signature(other)) < 0.2


def test_copies_of_copies_point_at_the_first(douma_texts: dict[str, tuple[str, int]]) -> None:
    dedup = Deduplicator(load_resolve_config())
    text = douma_texts["Meridian Wire"][0]
    first = dedup.sign("a1", text)
    second = dedup.sign("a2", text.replace("crowded", "busy"))
    third = dedup.sign("a3", text.replace("crowded", "packed"))
    assert first.duplicate_of is None
    assert second.duplicate_of == "a1" and third.duplicate_of == "a1"
    assert dedup.sign("a4", douma_texts["Damascus State News"][0]).duplicate_of is None


def test_key_terms_keep_names_apart_from_words() -> None:
    terms = key_terms(
        "Strike on Saraqib market", "Jets hit the market in Saraqib.", [], load_resolve_config()
    )
    assert "@saraqib" in terms and "market" in terms and "the" not in terms
