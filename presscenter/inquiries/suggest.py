"""The learned routing suggestion for an inquiry, and its retraining from the routing history.

The model (presscenter.analysis.routing) lives in one file, ROUTING_MODEL_PATH, written by
`presscenter routing train` or by the daily retraining, read here and kept in memory until the
file changes (its modification time and size). A missing or bad file is not an error for the
operator: routing falls back to the rules (`suggest` returns None) and the log says once, on the
logger "presscenter.routing", which file and why, until the file changes.
"""

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from presscenter.analysis import routing
from presscenter.inquiries.models import Inquiry, RoutingDecision
from presscenter.orgs.models import Organisation

logger = logging.getLogger("presscenter.routing")

_lock = threading.Lock()
# (path, modification time in ns, size) of the file last read -> the model, or None if refused
_cached: tuple[tuple[str, int, int] | tuple[str, None, None], routing.RoutingModel | None] | None = None


@dataclass(frozen=True)
class Choice:
    organisation: Organisation
    confidence: float  # calibrated probability, 0–1


@dataclass(frozen=True)
class Suggestion:
    """The organisation the model would route to, its confidence, and the top three choices
    (the suggestion first), among active organisations."""

    organisation: Organisation
    confidence: float
    alternatives: tuple[Choice, ...]


def inquiry_text(inquiry: Inquiry) -> str:
    """What the model reads: the subject and the text."""
    return f"{inquiry.subject}\n{inquiry.text}"


def _file_key(path: Path) -> tuple[str, int, int] | tuple[str, None, None]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def current_model() -> routing.RoutingModel | None:
    """The model at ROUTING_MODEL_PATH, read again only when the file changed; None when it is
    missing or refused (logged once per state of the file)."""
    global _cached
    path = Path(settings.ROUTING_MODEL_PATH)
    key = _file_key(path)
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
        try:
            model: routing.RoutingModel | None = routing.load(path)
        except routing.ModelFileError as error:
            logger.warning(
                "routing: no learned suggestion, routing by the rules only: model file %s refused: %s",
                error.path,
                error.reason,
            )
            model = None
        _cached = (key, model)
        return model


def suggest(inquiry: Inquiry) -> Suggestion | None:
    """The model's suggestion for the inquiry, or None (no usable model, or none of the labels it
    ranks is an active organisation any more: then the rules decide)."""
    return suggest_many([inquiry])[0]


def suggest_many(inquiries: list[Inquiry]) -> list[Suggestion | None]:
    """`suggest` for each inquiry: one prediction over all of them, one query for the organisations."""
    model = current_model()
    if model is None or not inquiries:
        return [None] * len(inquiries)
    rankings = model.predict([inquiry_text(inquiry) for inquiry in inquiries], k=len(model.labels))
    slugs = {label for ranked in rankings for label, _ in ranked}
    organisations = Organisation.objects.filter(slug__in=slugs, active=True).in_bulk(field_name="slug")
    suggestions: list[Suggestion | None] = []
    for ranked in rankings:
        choices = tuple(
            Choice(organisations[label], confidence) for label, confidence in ranked if label in organisations
        )[: routing.TOP_K]
        suggestions.append(Suggestion(choices[0].organisation, choices[0].confidence, choices) if choices else None)
    return suggestions


# --- retraining --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Retraining:
    trained: bool
    decisions: int  # inquiries with a routing decision (the latest of each counts)
    organisations: int
    reason: str = ""  # why not, when not trained
    path: Path | None = None
    seconds: float = 0.0


def history() -> Iterator[tuple[str, str]]:
    """(text, organisation slug) of every inquiry routed at least once, by its latest decision
    (the transfer that corrected a routing is what the model should learn)."""
    latest: dict[int, tuple[str, str]] = {}
    rows = RoutingDecision.objects.order_by("inquiry_id", "at", "id").values_list(
        "inquiry_id", "inquiry__subject", "inquiry__text", "organisation__slug"
    )
    for inquiry_id, subject, text, slug in rows.iterator(chunk_size=2000):
        latest[inquiry_id] = (f"{subject}\n{text}", slug)
    yield from latest.values()


def retrain_from_history(min_decisions: int | None = None) -> Retraining:
    """Train a new model from the routing history and put it in place of the old one (a temporary
    file renamed over it: a reader sees the old model or the new, never half of one). Only with at
    least `min_decisions` routed inquiries (ROUTING_RETRAIN_MIN_DECISIONS) and two organisations."""
    minimum = settings.ROUTING_RETRAIN_MIN_DECISIONS if min_decisions is None else min_decisions
    examples = list(history())
    organisations = len({slug for _, slug in examples})
    if len(examples) < minimum:
        reason = f"{len(examples)} routed inquiries, fewer than {minimum}"
    elif organisations < 2:
        reason = f"{organisations} organisation(s) in the history, a model needs two"
    else:
        started = time.perf_counter()
        model = routing.train([text for text, _ in examples], [slug for _, slug in examples])
        path = routing.save(model, Path(settings.ROUTING_MODEL_PATH))
        seconds = time.perf_counter() - started
        logger.info(
            "routing: model retrained on %d inquiries, %d organisations, in %.1f s; saved to %s",
            len(examples), organisations, seconds, path,
        )  # fmt: skip
        return Retraining(True, len(examples), organisations, path=path, seconds=seconds)
    logger.info("routing: model not retrained: %s", reason)
    return Retraining(False, len(examples), organisations, reason=reason)
