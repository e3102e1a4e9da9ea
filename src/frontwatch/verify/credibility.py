"""Credibility that explains itself: per claim (an event's figures) and per article.

A score starts from the outlet's reliability prior; each reason moves its log-odds by the
weight in ``data/outlets/credibility.yaml`` and points at its evidence: the reports that
corroborate or contradict, the spans of the attribution, hedging and sensational words, the
reference records matched.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import StoreError
from ..store import Store
from ..store.credibility import CredibilityStore
from .lexicon import CredibilityConfig, find_terms, load_credibility_config
from .model import Assessment, EvidenceRef, Reason
from .outlets import OutletRegistry, load_outlets
from .reference import admin1_of

_FIGURE_FIELDS = ("fatalities_total", "fatalities_civilians", "fatalities_combatants")


@dataclass(frozen=True)
class Context:
    config: CredibilityConfig
    outlets: OutletRegistry
    db: CredibilityStore


def _logit(p: float) -> float:
    p = min(max(p, 0.01), 0.99)
    return math.log(p / (1 - p))


def _figure(row: dict[str, Any]) -> int | None:
    return next((row[f] for f in _FIGURE_FIELDS if row[f] is not None), None)


def _camp(ctx: Context, row: dict[str, Any]) -> str | None:
    outlet = ctx.outlets.find(row["source"], row["url"])
    return outlet.camp if outlet else None


def _outlet_key(ctx: Context, row: dict[str, Any]) -> str:
    return ctx.outlets.key(row["source"], row["url"], row["article_id"])


def prior_reason(ctx: Context, source: str | None, url: str | None) -> tuple[float, Reason]:
    outlet = ctx.outlets.find(source, url)
    if outlet is None:
        text = f"outlet {source or 'unknown'} is not in the outlets file: neutral prior 0.5"
        return 0.5, Reason(code="outlet_prior", text=text, effect=0.0)
    text = (
        f"{outlet.name} ({outlet.camp}) has reliability prior {outlet.reliability_prior:.2f} "
        f"({outlet.prior_source})"
    )
    ref = EvidenceRef(kind="rating", outlet=outlet.key, text=outlet.prior_source)
    return outlet.reliability_prior, Reason(
        code="outlet_prior", text=text, effect=0.0, evidence=[ref]
    )


def _report_ref(
    ctx: Context, row: dict[str, Any], spans: list[tuple[str, int, int, str]]
) -> EvidenceRef:
    span = next((s for s in spans if s[0].startswith("fatalities.")), None)
    return EvidenceRef(
        kind="report",
        article_id=row["article_id"],
        event_id=row["event_id"],
        outlet=_outlet_key(ctx, row),
        start=span[1] if span else None,
        end=span[2] if span else None,
        text=span[3] if span else None,
    )


def corroboration(ctx: Context, claim: dict[str, Any]) -> list[Reason]:
    """Other independent outlets reporting the same incident: agreeing or not on the figure."""
    if claim["incident_id"] is None:
        return [Reason(code="uncorroborated", text="no other report of this incident", effect=0)]
    own = _outlet_key(ctx, claim)
    others: dict[str, dict[str, Any]] = {}
    for row in ctx.db.incident_reports(claim["incident_id"]):
        key = _outlet_key(ctx, row)
        if key != own and row["duplicate_of"] is None:
            others.setdefault(key, row)
    evidence = ctx.db.evidence([r["event_id"] for r in others.values()])
    figure, camp = _figure(claim), _camp(ctx, claim)
    agree, disagree = [], []
    for row in others.values():
        theirs = _figure(row)
        if figure is not None and theirs is not None and not ctx.config.agree(figure, theirs):
            disagree.append(row)
        else:
            agree.append(row)
    return _corroboration_reasons(ctx, agree, disagree, camp, evidence)


def _corroboration_reasons(
    ctx: Context,
    agree: list[dict[str, Any]],
    disagree: list[dict[str, Any]],
    camp: str | None,
    evidence: dict[str, list[tuple[str, int, int, str]]],
) -> list[Reason]:
    w = ctx.config.weights
    other_camp = [r for r in agree if camp and _camp(ctx, r) not in (None, camp)]
    silent = sum(1 for r in agree if _figure(r) is None)
    reasons = []
    if agree:
        reasons.append(
            Reason(
                code="corroborated",
                text=f"corroborated by {len(agree)} independent outlet(s) reporting the same "
                f"incident, {len(other_camp)} from another media camp"
                + (f", {silent} of them without a figure" if silent else ""),
                effect=w["corroborated_per_outlet"] * len(agree)
                + w["corroborated_other_camp"] * len(other_camp),
                evidence=[_report_ref(ctx, r, evidence.get(r["event_id"], [])) for r in agree],
            )
        )
    if disagree:
        figures = ", ".join(f"{_outlet_key(ctx, r)}: {_figure(r)}" for r in disagree)
        reasons.append(
            Reason(
                code="contradicted",
                text=f"contradicted by {len(disagree)} outlet(s) ({figures})",
                effect=w["contradicted_per_outlet"] * len(disagree),
                evidence=[_report_ref(ctx, r, evidence.get(r["event_id"], [])) for r in disagree],
            )
        )
    if not reasons:
        reasons.append(Reason(code="uncorroborated", text="no other outlet reports it", effect=0))
    return reasons


def attribution(ctx: Context, claim: dict[str, Any]) -> Reason:
    spans = [
        s
        for s in ctx.db.evidence([claim["event_id"]]).get(claim["event_id"], [])
        if s[0] == "claimed_by"
    ]
    refs = [
        EvidenceRef(
            kind="span",
            article_id=claim["article_id"],
            event_id=claim["event_id"],
            start=s[1],
            end=s[2],
            text=s[3],
        )
        for s in spans
    ]
    who = claim["claimed_by"]
    w = ctx.config.weights
    if not who:
        return Reason(
            code="attribution_none",
            text="no source given for the claim",
            effect=w["attribution_none"],
        )
    if who.lower().strip() in ctx.config.vague_sources:
        return Reason(
            code="attribution_vague",
            text=f"attributed vaguely to {who!r}",
            effect=w["attribution_vague"],
            evidence=refs,
        )
    return Reason(
        code="attribution_named",
        text=f"attributed to a named source: {who}",
        effect=w["attribution_named"],
        evidence=refs,
    )


def language(ctx: Context, article_id: str, text: str) -> list[Reason]:
    reasons = []
    for code, terms, weight in (
        ("hedging", ctx.config.hedges, ctx.config.weights["hedging_per_term"]),
        ("sensational", ctx.config.sensational, ctx.config.weights["sensational_per_term"]),
    ):
        found = find_terms(text, terms)
        if found:
            reasons.append(
                Reason(
                    code=code,
                    text=f"{len(found)} {code} term(s): "
                    + ", ".join(sorted({s.text.lower() for s in found})),
                    effect=weight * len(found),
                    evidence=[
                        EvidenceRef(
                            kind="span",
                            article_id=article_id,
                            start=s.start,
                            end=s.end,
                            text=s.text,
                        )
                        for s in found
                    ],
                )
            )
    return reasons


def reference_check(ctx: Context, claim: dict[str, Any]) -> tuple[str, Reason | None]:
    """consistent / inconsistent / no record, against imported reference records."""
    figure, day = _figure(claim), claim["event_date"]
    if figure is None or day is None:
        return "not checked", None
    slack = dt.timedelta(days=ctx.config.days(claim["time_precision"]))
    admin1 = admin1_of(claim["admin1"], ctx.config)
    records = ctx.db.references(day - slack, day + slack, admin1)
    if claim["cause"]:
        records = [r for r in records if r.cause in (None, claim["cause"])]
    if not records:
        return "no record", Reason(
            code="reference_none", text="no matching reference record", effect=0.0
        )
    if claim["fatalities_civilians"] is not None and any(r.status == "civilian" for r in records):
        figure = claim["fatalities_civilians"]
        counted = sum(r.count for r in records if r.status == "civilian")
    else:
        counted = sum(r.count for r in records)
    refs = [EvidenceRef(kind="record", record_id=r.record_id, text=r.origin) for r in records]
    if ctx.config.agree(figure, counted):
        return "consistent", Reason(
            code="reference_consistent",
            text=f"reference records count {counted} ({len(records)} record(s)); claim {figure}",
            effect=ctx.config.weights["reference_consistent"],
            evidence=refs,
        )
    return "inconsistent", Reason(
        code="reference_inconsistent",
        text=f"reference records count {counted} ({len(records)} record(s)); claim {figure}",
        effect=ctx.config.weights["reference_inconsistent"],
        evidence=refs,
    )


def _assessment(
    subject: str,
    subject_id: str,
    prior: float,
    reasons: Sequence[Reason],
    reference: str = "not checked",
) -> Assessment:
    score = 1 / (1 + math.exp(-(_logit(prior) + sum(r.effect for r in reasons))))
    return Assessment(
        subject=subject,
        subject_id=subject_id,
        score=round(score, 3),
        prior=prior,
        reasons=list(reasons),
        reference=reference,
    )


def assess_article(store: Store, article_id: str) -> tuple[Assessment, list[Assessment]]:
    """The article's assessment and one per claim (each of its events)."""
    ctx = Context(load_credibility_config(), load_outlets(), CredibilityStore(store))
    found = ctx.db.article_text(article_id)
    if found is None:
        raise StoreError(f"no article {article_id!r} in {store.path}")
    text, source, url = found
    prior, prior_why = prior_reason(ctx, source, url)
    lang = language(ctx, article_id, text)
    claims: list[Assessment] = []
    main_reasons: list[Reason] = []
    for claim in ctx.db.article_reports(article_id):
        status, ref_reason = reference_check(ctx, claim)
        own = [*corroboration(ctx, claim), attribution(ctx, claim)]
        own += [ref_reason] if ref_reason else []
        main_reasons = main_reasons or own
        claims.append(
            _assessment("claim", claim["event_id"], prior, [prior_why, *own, *lang], status)
        )
    article = _assessment("article", article_id, prior, [prior_why, *main_reasons, *lang])
    return article, claims
