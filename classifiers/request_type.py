"""What the mission asks for: a request type from the subject, the body and the note.

Each type sums the weights of its cues found in each source (a cue counts once per
source), times the source's weight. Confidence weighs the winner's strength against
its best rival; a special case (renewal) does not count its general type (new pass)
as a rival. Nothing found means ``other`` with confidence 0: an officer decides. A mail
without a diplomatic note that asks about an earlier request (``keywords.questions``) is
``other`` however many pass words it repeats: an officer answers.
"""

from __future__ import annotations

from classifiers.text import CueSet
from config.office import Keywords
from config.settings import ClassifierSettings
from fasdip.folding import fold
from fasdip.models import Evidence, RequestClassification, RequestType


class RequestTypeClassifier:
    def __init__(self, keywords: Keywords, settings: ClassifierSettings) -> None:
        self._settings = settings
        self._weights = keywords.source_weights
        self._specialises = keywords.specialises
        self._cues = {rtype: CueSet(weighted) for rtype, weighted in keywords.request_types.items()}
        self._questions = CueSet.flat(keywords.questions)

    def classify(
        self, subject: str, body: str, notes: list[tuple[str, str]]
    ) -> RequestClassification:
        """``notes`` are (attachment id, text) of the diplomatic notes."""
        sources: list[tuple[str, str, float]] = [
            ("subject", subject, self._weights.subject),
            ("body", body, self._weights.body),
        ]
        sources += [(f"note:{att_id}", text, self._weights.note) for att_id, text in notes]

        scores: dict[RequestType, float] = {}
        evidence: dict[RequestType, list[Evidence]] = {}
        for source, text, source_weight in sources:
            folded = fold(text)
            for rtype, cues in self._cues.items():
                for cue in cues.matches(folded):
                    weight = cue.weight * source_weight
                    scores[rtype] = scores.get(rtype, 0.0) + weight
                    evidence.setdefault(rtype, []).append(
                        Evidence(source=source, cue=cue.phrase, weight=round(weight, 2))
                    )

        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if not notes:  # no note: a question about an earlier request is no new one
            asked = self._question(subject, body)
            if asked is not None:
                return RequestClassification(
                    request_type=RequestType.other,
                    confidence=1.0,
                    evidence=[asked],
                    scores={rtype: round(score, 2) for rtype, score in ranked},
                )
        if not ranked:
            return RequestClassification(request_type=RequestType.other, confidence=0.0)
        winner, top = ranked[0]
        general = self._specialises.get(winner)
        rivals = [score for rtype, score in ranked[1:] if rtype != general]
        rival = rivals[0] if rivals else 0.0
        confidence = min(1.0, top / self._settings.strong_score) * top / (top + rival)
        return RequestClassification(
            request_type=winner,
            confidence=round(confidence, 3),
            evidence=sorted(evidence[winner], key=lambda e: -e.weight),
            scores={rtype: round(score, 2) for rtype, score in ranked},
        )

    def _question(self, subject: str, body: str) -> Evidence | None:
        """The first question cue (about an earlier request) of the subject or body."""
        for source, text in (("subject", subject), ("body", body)):
            found = self._questions.matches(fold(text))
            if found:
                return Evidence(source=source, cue=found[0].phrase, weight=found[0].weight)
        return None
