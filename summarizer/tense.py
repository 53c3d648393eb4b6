"""Whether a sentence tells of a meeting as still to come or as done, by its language's
markers of tense, and whether a date is the meeting's or another event's. Pure.

No maintained library does this offline for the languages of diplomatic news (spaCy's and
Stanza's morphology need models downloaded per language), so each language has short patterns:
the words that put a meeting in the future ("will meet", "realizará", "wird ... treffen", "将"; a
headline's "Biden to meet Xi") and the verbs that tell one as done ("met", "se reunió", "a
rencontré", "traf", "встретился", "通了电话"). Reporting verbs ("said", "dijo", "a déclaré") are in
neither: "«Lavrov will hold talks with Jaishankar», said the spokeswoman" is still to come. A
sentence of unknown language is read as English; one in a language not listed gives no answer.

A date can be another event's: "more than a year after China cut off such exchanges following
Nancy Pelosi's August 2022 visit" dates Pelosi's visit, not the meeting the sentence reports.
`_RELATION` holds, per language, the words that make what follows another event's time.
"""

from __future__ import annotations

import re
from functools import cache

from summarizer.text import any_han_script

_FUTURE: dict[str, str] = {
    # A bare infinitive is no future ("a real pleasure to meet with Bárcena").
    "en": r"\b(?:will|shall|(?:is|are|due|going|hopes?|wants?)\s+to\s+(?:meet|hold|visit|travel)|"
    r"is expected|are expected|expected to|set to|plans? to|planned|scheduled|upcoming|"
    r"next week|next month|would meet|"
    r"expected\s+(?:\w+\s+)?(?:visits?|meetings?|talks|trips?|calls?|summits?)|"
    r"in\s+the\s+(?:coming|next)\s+(?:few\s+)?(?:days|weeks|months|period)|"
    r"within\s+(?:a|one|two|three|a\s+few|\d+)\s+(?:days?|weeks?|months?)|"
    r"later\s+this\s+(?:week|month|year))\b",
    # The future of a meeting verb, not of any verb: "dijo que la relación será..." is not one.
    "es": r"\b(?:(?:se\s+)?reunir|visitar|celebrar|realizar|viajar|conversar|hablar|encontrar|"
    r"recibir|discutir|abordar|firmar)(?:á|án)\b|\b(?:mantendr|sostendr)(?:á|án)\b|"
    r"\bpróxim[oa]s?\b|\bprevist[oa]s?\b|\bva(?:n)?\s+a\s+(?:reunir|visitar|celebrar|mantener|viajar)",
    "pt": r"\b(?:(?:se\s+)?reunir|visitar|encontrar|receber|conversar|discutir|realizar|viajar|"
    r"assinar)(?:á|ão)\b|\bmanter(?:á|ão)\b|\bpróxim[oa]s?\b|\bprevist[oa]s?\b|"
    r"\bvai(?:\s+se)?\s+(?:reunir|visitar|encontrar|viajar)",
    "fr": r"\b(?:rencontrer|visiter|discuter|participer|échanger|parler|signer)(?:a|ont)\b|"
    r"\b(?:se\s+rendr|recevr|s'entretiendr|s\u2019entretiendr|tiendr)(?:a|ont)\b|"
    r"\baur(?:a|ont)\s+lieu\b|\bprochaine?s?\b|\bprévue?s?\b|"
    r"\b(?:doit|doivent|va|vont)\s+(?:se\s+)?(?:rencontrer|rendre|recevoir|s'entretenir|tenir)",
    # "wird" alone is as often the passive ("Moskau wird durch Lawrow vertreten")
    "de": r"\b(?:wird|werden|soll|sollen|will|wollen)\b(?:\s+\S+){0,8}?\s+(?:treffen|besuchen|"
    r"reisen|sprechen|zusammenkommen|empfangen|führen|beraten|telefonieren)\b|"
    r"\bnächste[nrms]?\b|\bgeplant\w*|\bbevorstehend\w*",
    "ru": r"\b(?:проведут|проведет|проведёт|встретится|встретятся|посетит|посетят|будет|будут|"
    r"состоится|состоятся|планиру\w+|намерен\w*|предстоящ\w+|следующ\w+)\b",
    "zh": r"将|即将|计划|拟于|预计|下周|下月",
}
# An agreement to meet, work preparing a meeting, or an invitation to come, within a few
# words: a plan, without a word of the future ("agreed to work toward a phone call", "agreed to
# meet again", "to lay the groundwork for a summit", "invited him to visit China"). An
# agreement reached is no meeting still to come ("Biden and Xi have agreed to resume military
# contacts" reports their talks), so these count for `tells_of_plan` only, not for
# `future_only`.
_PLAN_CUE: dict[str, str] = {
    "en": r"\b(?:agreed|committed|decided)\s+(?:to|that)\s+(?:\S+\s+){0,6}?(?:meet|meeting|"
    r"talks|summit|visit|trip|travel|call|phone\s+call|sit\s+down)\b|"
    # the meeting as one way of what was agreed: "committed to pursue additional high-level
    # diplomacy ..., including through a call between President Biden and President Xi"
    r"\b(?:agreed|committed|decided)\s+to\b[^.;]{0,250}?\bincluding\s+(?:through\s+|via\s+|by\s+)?"
    r"(?:a|an)\s+(?:\S+\s+){0,3}?(?:meeting|talks|summit|visit|trip|call)\b|"
    # preparing a meeting: "to lay the groundwork for the first face-to-face talks in a year"
    r"\b(?:(?:lay(?:s|ing)?|laid)\s+the\s+groundwork|set(?:s|ting)?\s+the\s+stage|"
    r"pav(?:e|es|ed|ing)\s+the\s+way)\s+for\s+(?:[^\s,;]+\s+){0,8}?(?:meeting|talks|summit|"
    r"visit|trip|call|bilateral)\b|"
    # an invitation to come: "extended an invitation to Trump to visit China in April"
    r"\binvit(?:ed|es|ing|ations?)\b[\"\u201d']?(?:\s+[^\s.;]+){0,8}?\s+to\s+(?:visit|come|travel|meet|"
    r"attend|their\s+respective|(?-i:[A-Z]))",
}
_PAST: dict[str, str] = {
    "en": r"\b(?:met|held|had|talked|spoke|discussed|agreed(?!\s+(?:to|that)\b)|called(?!\s+for)|"
    r"phoned|visited|"
    r"hosted|received|welcomed|flew|travell?ed|arrived|went|began|concluded|"
    r"(?:kicked|started)\s+off|wrapped\s+up|shook\s+hands|sat\s+down)\b|"
    r"\bafter\s+(?:speaking|talking|meeting|holding|a\s+call|their\s+call|his\s+call|talks)\b",
    "es": r"\b(?:(?:se\s+)?reuni(?:ó|eron)|visitó|visitaron|mantuvo|mantuvieron|sostuvo|"
    r"sostuvieron|convers(?:ó|aron)|habl(?:ó|aron)|discuti(?:ó|eron)|recibió|llamó|"
    r"celebr(?:ó|aron)|dialog(?:ó|aron)|abord(?:ó|aron)|acord(?:ó|aron)|firm(?:ó|aron))\b",
    "pt": r"\b(?:(?:se\s+)?reuni(?:u|ram)|encontr(?:ou|aram)|visit(?:ou|aram)|recebeu|"
    r"convers(?:ou|aram)|fal(?:ou|aram)|discuti(?:u|ram)|telefonou|ligou|realiz(?:ou|aram)|"
    r"mantiveram|manteve|acord(?:ou|aram))\b",
    "fr": r"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:rencontré|reçu|accueilli|eu|tenu|discuté|"
    r"parlé|téléphoné|visité|évoqué|abordé|échangé|convenu|signé)\b|"
    r"\b(?:s'est|se\s+sont|s\u2019est)\s+(?:entretenue?s?|rendue?s?|rencontrée?s?)\b",
    "de": r"\b(?:traf|trafen|getroffen|sprach|sprachen|gesprochen|telefonierte\w*|empfing|"
    r"empfangen|besuchte\w*|führte\w*|geführt|erörterte\w*|beriet\w*|berieten|"
    r"diskutierte\w*|vereinbarte\w*|zusammengekommen|kamen|begonnen|abgehalten|stattgefunden|"
    r"fand|fanden)\b",
    "ru": r"\b(?:встретил\w*|провел\w*|провёл|обсудил\w*|переговорил\w*|поговорил\w*|"
    r"созвонил\w*|принял\w*|посетил\w*|состоял\w*|прошл[иао]|прошёл)\b",
    "zh": r"了|已经",  # 会见 ("met") is tenseless: 将会见 is "will meet"
}


_RELATION: dict[str, str] = {
    "en": r"\b(?:after|following|since|before|ahead\s+of|prior\s+to)\b",
    "es": r"\b(?:después\s+de|tras|desde|antes\s+de)\b",
    "pt": r"\b(?:depois\s+d[eao]s?|após|desde|antes\s+d[eao]s?)\b",
    "fr": r"\b(?:après|depuis|avant|suite\s+à)\b",
    # not "nach" ("nach Paris": to Paris), "vor" (in front of) or "до" (until)
    "de": r"\b(?:seit|nachdem)\b",
    "ru": r"\b(?:после|с\s+тех\s+пор|накануне)\b",  # noqa: RUF001 (Cyrillic)
    "zh": r"之后|以后|以来|之前|此前",
}


_SEQUENCE: dict[str, str] = {
    "en": r"\b(?:then|later|afterwards|subsequently|also)\b",
    "es": r"\b(?:luego|después|más\s+tarde|posteriormente|también)\b",
    "pt": r"\b(?:depois|mais\s+tarde|em\s+seguida|posteriormente|também)\b",
    "fr": r"\b(?:puis|ensuite|plus\s+tard|aussi|également)\b",
    "de": r"\b(?:dann|danach|später|anschließend|auch)\b",
    "ru": r"\b(?:затем|потом|позже|также|тоже)\b",
    "zh": r"随后|然后|随即|接着|也",
}
"""Per language, words that tell an event as coming after one told before it."""


_HEADLINE_FUTURE = re.compile(
    r"(?<![\w'\u2019.-])(?>[\w'\u2019.-]*?\b[A-ZÀ-ÖØ-Þ])[\w'\u2019.-]*+"
    r"\s+(?i:to\s+(?:meet|visit|hold|host|travel\s+to|talk|speak))\b"
)
"""A headline's future: "Biden to meet Xi", "Modi To Visit Moscow" (a name, then "to <verb>").
Read from a word's start, its first capital taken once (atomic): from any capital of a word the
name runs to the word's end, so all give one answer, and trying each capital of a long word
("A.A.A...") was quadratic. Only whether it matches is read."""

_MEETING: dict[str, str] = {
    "en": r"\b(?:meet|meets|meetings?|talks|summits?|visits?|trips?|travel|calls?|sit\s+down|"
    # "calling President Zelensky", not "calling it", nor "calling Putin a war criminal"
    r"host)\b|\bcalling\s+(?-i:[A-Z])[\w'\u2019.-]*+(?:\s+(?-i:[A-Z])[\w'\u2019.-]*+)*+"
    r"(?!\s+(?:a|an|the)\b)",
    "es": r"\b(?:reuni\w*|cumbre|visit\w*|viaj\w*|encuentro|llamada|convers\w*|recibir\w*)",
    "pt": r"\b(?:reuni\w*|cúpula|cimeira|visit\w*|viag\w*|viaj\w*|encontr\w*|chamada|receb\w*)",
    "fr": r"\b(?:rencontr\w*|sommet|visite\w*|voyage|entretien\w*|s'entretiendr\w*|"
    r"s\u2019entretiendr\w*|appel|recevr\w*|rendr\w*)",
    "de": r"\b(?:treffen|Treffen|Gipfel\w*|besuch\w*|Besuch\w*|Reise|reisen|Gespräch\w*|"
    r"Telefonat|empfangen)",
    "ru": r"(?:встреч|переговор|саммит|визит|посетит|посетят|разговор)\w*",
    "zh": r"会晤|会见|会谈|峰会|访问|通话|见面",
}
"""Per language, the words of a meeting, a visit or a call: with a word of the future
(`_FUTURE`) a sentence may announce one."""
_EARLIER: dict[str, str] = {
    "en": r"\b(?:last|previous|earlier|prior)\s+(?:in-person\s+)?(?:meeting|talks|call|summit|"
    r"visit|encounter|conversation)s?\b",
    "es": r"\b(?:(?:última|anterior)\s+(?:reunión|cumbre|llamada|visita|conversación)|"
    r"(?:reunión|cumbre|llamada|visita|conversación)\s+anterior)\b",
    "pt": r"\b(?:(?:última|anterior)\s+(?:reunião|cúpula|cimeira|chamada|visita|conversa)|"
    r"(?:reunião|cúpula|cimeira|chamada|visita|conversa)\s+anterior)\b",
    "fr": r"\b(?:(?:dernière|précédente)\s+(?:rencontre|réunion|visite|conversation)|"
    r"(?:rencontre|réunion|visite|conversation|sommet|appel)\s+précédente?|dernier\s+"
    r"(?:sommet|appel|entretien))\b",
    "de": r"\b(?:letzte[nmr]?|vorige[nmr]?|frühere[nmr]?)\s+(?:Treffen|Gespräch|Gipfel|Telefonat|"
    r"Besuch)s?\b",
    # From a word's start, the first stem in it taken once (atomic): a stem inside a word runs
    # to the same end, and trying each of a long word's stems ("прошлпрошл...") was quadratic.
    # The match starts at the word, not at the stem; only where it ends is read.
    "ru": r"(?<!\w)(?>\w*?(?:прошл|предыдущ|последн))\w*+\s+(?:встреч|переговор|саммит|разговор|"
    r"визит)\w*",
    "zh": r"上次|上一次|此前的?会晤",
}
"""Per language, words naming an earlier encounter ("the last meeting between Mr. Sullivan
and Director Wang took place October 2023"): a date after them is that encounter's, even
where the same people are named."""
RELATION_REACH = 8
"""How many words a relation word may stand before the date it makes another event's."""


@cache
def _pattern(table: str, language: str) -> re.Pattern[str] | None:
    tables = {
        "future": _FUTURE,
        "past": _PAST,
        "relation": _RELATION,
        "earlier": _EARLIER,
        "meeting": _MEETING,
        "plan": _PLAN_CUE,
        "sequence": _SEQUENCE,
        "ahead": _MEETING_AHEAD,
    }
    source = tables[table].get(language)
    return re.compile(any_han_script(source), re.I) if source else None


def future_only(sentence: str, language: str | None, *, headline: bool = False) -> bool:
    """Whether `sentence` (a `headline`, if so marked) speaks of the future and tells of
    nothing done. An unknown language is read as English."""
    future, past = _pattern("future", language or "en"), _pattern("past", language or "en")
    if future is None or past is None:
        return False
    ahead = bool(future.search(sentence)) or (headline and bool(_HEADLINE_FUTURE.search(sentence)))
    return ahead and not past.search(sentence)


def speaks_of_meeting(sentence: str, language: str | None) -> bool:
    """Whether `sentence` names a meeting, a visit or a call (`_MEETING`)."""
    meeting = _pattern("meeting", language or "en")
    return meeting is not None and meeting.search(sentence) is not None


def speaks_of_future(sentence: str, language: str | None) -> bool:
    """Whether `sentence` has a word of the future, whatever else it tells."""
    future = _pattern("future", language or "en")
    return future is not None and future.search(sentence) is not None


_MEETING_AHEAD: dict[str, str] = {
    "en": r"\b(?:upcoming|planned|proposed|expected|potential|possible|prospective)\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}?(?:visits?|trips?|travel|calls?|meetings?|summits?|talks)\b|"
    r"\b(?:visits?|trips?|travel|calls?|meetings?|summits?|talks)\s+(?:[^\s,;.]+\s+){0,3}?"
    r"(?:in\s+the\s+coming\s+(?:days|weeks|months)|next\s+(?:week|month|year)|"
    r"later\s+this\s+(?:week|month|year)|tomorrow)\b",
}
"""Per language, a meeting named as still to come in its own words, whatever the verb of the
sentence: "preparations for a leader-level call in the coming weeks", "welcomed ... John
Podesta's upcoming travel to China", "a potential summit between the presidents", "Our
official talks are tomorrow" (not "tomorrow" alone: "holding talks today, before leaving for
Tokyo tomorrow" reports talks held)."""


def tells_of_plan(sentence: str, language: str | None, *, headline: bool = False) -> bool:
    """Whether `sentence` may announce a meeting: it names a meeting, a visit or a call, and
    speaks of the future only (`future_only`), or of a plan agreed ("agreed to work toward a
    call") with nothing done, or names a meeting as still to come in its own words
    (`_MEETING_AHEAD`), whatever was done."""
    meeting = _pattern("meeting", language or "en")
    if meeting is None or meeting.search(sentence) is None:
        return False
    cue, past = _pattern("plan", language or "en"), _pattern("past", language or "en")
    planned = cue is not None and cue.search(sentence) is not None
    done = past is not None and past.search(sentence) is not None
    ahead = _pattern("ahead", language or "en")
    named_ahead = ahead is not None and ahead.search(sentence) is not None
    return (
        future_only(sentence, language, headline=headline) or (planned and not done) or named_ahead
    )


def told_as_done(sentence: str, language: str | None) -> bool:
    """Whether `sentence` tells of something done (a meeting verb in the past)."""
    past = _pattern("past", language or "en")
    return past is not None and past.search(sentence) is not None


def done_verbs(sentence: str, language: str | None) -> list[tuple[int, int]]:
    """Where `sentence` has a meeting verb in the past (`told_as_done`: "met", "spoke",
    "a été reçu"), as spans."""
    past = _pattern("past", language or "en")
    return [m.span() for m in past.finditer(sentence)] if past is not None else []


def relates_to_another(sentence: str, language: str | None) -> bool:
    """Whether `sentence` has a word that ties what it tells to another event told before
    it: one of time ("after speaking with Putin", "following", "tras", "seit") or of
    sequence ("Scholz then called Meloni", "later", "also")."""
    return any(
        pattern is not None and pattern.search(sentence) is not None
        for pattern in (
            _pattern("relation", language or "en"),
            _pattern("sequence", language or "en"),
        )
    )


def after_relation(before: str, language: str | None) -> str | None:
    """What follows the last word of `before` that makes a date another event's ("after",
    "following", "tras", "seit"), if that word is at most RELATION_REACH words before the end
    of `before` with no comma or semicolon between ("ahead of the G20 summit in Nusa Dua,
    Bali, Monday" dates the meeting); else None. A date just after `before` is that other
    event's unless what follows names the meeting's own people."""
    relation = _pattern("relation", language or "en")
    found = list(relation.finditer(before)) if relation is not None else []
    if not found:
        return None
    rest = before[found[-1].end() :]
    if len(rest.split()) > RELATION_REACH or re.search(r"[,;]", rest):
        return None
    return rest


# Words of the future that qualify a meeting as a participle or adjective ("the long-planned
# talks"): a meeting verb anywhere in the clause then tells it as done.
_ADJECTIVAL = re.compile(
    r"planned|scheduled|upcoming|expected|previst[oa]s?|prévue?s?|geplant\w*|bevorstehend\w*",
    re.I,
)


def before_plan(sentence: str, language: str | None) -> str:
    """A sentence up to the words in it that prepare another meeting ("Blinken met Wang Yi
    ... to set the stage for a Biden-Xi bilateral, most likely on the sidelines of the APEC
    summit next month", "agreed to meet again"), or the whole of it: what follows them (a
    date, a forum, "the sidelines") is the prepared meeting's, not the one told as done."""
    cue = _pattern("plan", language or "en")
    found = cue.search(sentence) if cue is not None else None
    return sentence[: found.start()] if found is not None else sentence


def prepares_another(before: str, language: str | None) -> bool:
    """Whether the words of a sentence before a date, however far back, prepare another
    meeting (`before_plan`): a date still to come after them is that meeting's."""
    return before_plan(before, language) != before


def plan_before(before: str, language: str | None) -> bool:
    """Whether the words just before a date (at most RELATION_REACH of them, no comma or
    semicolon between) tell of a plan: "he agreed to visit Beijing in April", "Xi will travel
    to Washington in" — the date is the plan's, not that of a meeting the sentence reports.
    Not where a verb of a meeting done follows the word of the plan ("held the long-planned
    talks on Tuesday", "la reunión prevista se celebró el")."""
    words = re.split(r"[,;]", before)[-1].split()[-RELATION_REACH:]
    clause = " ".join(words)
    cues = [_pattern("future", language or "en"), _pattern("plan", language or "en")]
    found = [m for p in cues if p is not None for m in p.finditer(clause)]
    if not found:
        return False
    last = max(found, key=lambda m: m.end())
    past = _pattern("past", language or "en")
    if past is None:
        return True
    if _ADJECTIVAL.search(last.group(0)):  # "the long-planned talks", "scheduled talks"
        return past.search(clause) is None
    return past.search(clause[last.end() :]) is None


_CONTRAST = re.compile(
    r"\b(?:but|while|whereas|yet|pero|mientras|mas|enquanto|mais|tandis|aber|während|но|а)\b"  # noqa: RUF001 (Cyrillic)
    r"|但|而",
    re.I,
)


def after_earlier_encounter(before: str, language: str | None) -> str | None:
    """What follows words naming an earlier encounter (`_EARLIER`: "the last meeting between
    them took place") at the end of `before`, if they stand at most RELATION_REACH words back
    with no comma, semicolon or contrast ("but", "mais", "но") between; else None. A date
    just after `before` is that encounter's unless another date stands between."""
    earlier = _pattern("earlier", language or "en")
    found = list(earlier.finditer(before)) if earlier is not None else []
    if not found:
        return None
    rest = before[found[-1].end() :]
    if len(rest.split()) > RELATION_REACH or re.search(r"[,;]", rest) or _CONTRAST.search(rest):
        return None
    return rest
