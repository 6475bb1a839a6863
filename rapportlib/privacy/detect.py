"""The detector: :func:`find_identifiers` runs the rules (patterns, names, places) and then the learned recall
layer (:mod:`rapportlib.privacy.tagger`) over what they left."""

from __future__ import annotations

import re

import numpy as np
import regex

from .lexicon import Lexicon, _roster, load_lexicon
from .names import (
    _COUNTRY_NAME_NEEDS,
    _country_names,
    _cue_names,
    _issuers,
    _lower_case_names,
    _name_spans,
    _names_again,
    _phone_item_names,
    _stop_word_given_names,
    _unknown_people,
)
from .patterns import _malaysian_unit_addresses, _pattern_spans
from .places import (
    _AREA_NEEDS,
    _CELTIC_LINK,
    _INITIALLED_NEEDS,
    _MALAY_FACILITY_NEEDS,
    _NORDIC_FACILITY_NEEDS,
    _area_phrases,
    _courts,
    _facilities_of,
    _field_places,
    _house_names,
    _labelled_house_names,
    _LABELLED_HOUSE_NEEDS,
    _initialled_facilities,
    _lines_before_postcodes,
    _linked_facilities,
    _linked_places,
    _localities,
    _malay_facilities,
    _named_facilities,
    _new_facilities,
    _new_street_lines,
    _nordic_facilities,
    _our_lady,
    _place_forms,
    _place_postcodes,
    _record_facilities,
    _regional_facilities,
    _tamil_initials,
    _type_first_facilities,
    _typed_facilities_and_destinations,
)
from .spans import Span, _add, _is_tamil


def _detect_lang(text: str) -> str:
    if _is_tamil(text):
        return "ta"
    words = re.findall(r"[a-záéíóúñü]+", text.lower())
    es = sum(w in _ES_STOP for w in words)
    en = sum(w in _EN_STOP for w in words)
    return "es" if es > en else "en"


_ES_STOP = {"el", "la", "los", "las", "que", "y", "en", "del", "se", "por", "una", "con", "para", "su", "es", "muy",
            "pero", "sus", "como", "le", "lo", "al", "ella", "hoy", "sesión", "también", "fue", "está"}
_EN_STOP = {"the", "and", "of", "to", "in", "is", "was", "she", "he", "with", "for", "that", "her", "his", "we",
            "it", "on", "they", "this", "session", "about", "felt", "i"}


def find_identifiers(text: str, roster=None, lang: str | None = None, *, lexicon: Lexicon | None = None,
                     tagger: bool = True) -> list[Span]:
    """Where the identifiers in ``text`` are: a sorted list of :class:`Span`.

    ``roster`` is a :class:`Roster` or a list of names (or ``{"name", "role"}``
    dicts) known to occur; ``lang`` is ``"en"``, ``"es"`` or ``"ta"`` (detected
    when None; it decides which ordinary words may start a sentence).
    ``tagger=False`` leaves out the learned recall layer
    (:mod:`rapportlib.privacy.tagger`) and runs the rules alone.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    lex = lexicon or load_lexicon()
    lang = lang or _detect_lang(text)
    found: list[Span] = []
    taken = np.zeros(len(text) + 1, bool)
    if "Court" in text or "Tribunal" in text:
        _courts(text, lex, found, taken)
    _pattern_spans(text, lex, found, taken)
    _new_street_lines(text, found, taken)
    _localities(text, lex, found, taken)
    _lines_before_postcodes(text, lex, found, taken)
    keep_out = _name_spans(text, lex, _roster(roster), lang, found, taken)
    _field_places(text, lex, found, taken)
    _cue_names(text, lex, found, taken)
    _typed_facilities_and_destinations(text, lex, found, taken)
    _phone_item_names(text, lex, found, taken)
    if "Jalan" in text or "Jln" in text or "Lorong" in text:
        _malaysian_unit_addresses(text, found, taken)
    _unknown_people(text, lex, found, taken)
    if lang == "en":
        _lower_case_names(text, lex, found, taken)
        _stop_word_given_names(text, lex, found, taken)
    if "Psychiatric" in text or "Behavio" in text:
        _regional_facilities(text, lex, found, taken)
    if any(w in text for w in _AREA_NEEDS):
        _area_phrases(text, lex, found, taken)
    _record_facilities(text, lex, found, taken)
    if " of " in text or " for " in text or " de" in text:
        _facilities_of(text, lex, found, taken)
    if "Lady of" in text:
        _our_lady(text, found, taken)
    if " and " in text or " the " in text or " of " in text or " & " in text:
        _linked_facilities(text, lex, found, taken)
    if " of " in text or " de" in text:
        _linked_places(text, lex, found, taken)
    if "." in text and _is_tamil(text):
        _tamil_initials(text, lex, found, taken)
    _new_facilities(text, lex, found, taken)
    _place_forms(text, lex, found, taken)
    if any(w in text for w in _INITIALLED_NEEDS) or "." in text and regex.search(r"\p{Lu}\.\p{Lu}\.", text):
        _initialled_facilities(text, lex, found, taken)
    _place_postcodes(text, found, taken)
    if any(w in text for w in _MALAY_FACILITY_NEEDS):
        _malay_facilities(text, found, taken)
    if "ddr" in text or "DDR" in text or "irecci" in text or "omicilio" in text:
        _house_names(text, lex, found, taken)
    if any(w in text for w in _LABELLED_HOUSE_NEEDS):
        _labelled_house_names(text, lex, found, taken)
    if any(w in text for w in _COUNTRY_NAME_NEEDS):
        _country_names(text, lex, found, taken)
    if any(w in text for w in _NORDIC_FACILITY_NEEDS):
        _nordic_facilities(text, found, taken)
    if "Hospital" in text or "Infirmary" in text or lang != "es" and _CELTIC_LINK.search(text):
        _named_facilities(text, lex, lang, found, taken)
    _type_first_facilities(text, lex, lang, found, taken)
    _names_again(text, lex, found, taken)
    _issuers(text, lex, found, taken, keep_out)
    if tagger:
        _tagged(text, lang, lex, found, taken, keep_out)
    return sorted(found)


def _tagged(text: str, lang: str, lex: Lexicon, found: list[Span], taken: np.ndarray,
            keep_out: list[tuple[int, int]]) -> None:
    """The learned recall layer: what the token tagger marks where the rules found nothing (an unknown name in a
    new role, a street shape of a new locale); see :mod:`rapportlib.privacy.tagger`. What the rules know is no
    identifier is kept from it too: safelisted phrases ("Hospital Anxiety and Depression Scale") and a form's field
    labels ("Ward/unit #", "Mailing address:")."""
    from . import tagger as token_tagger  # (not imported with the package: `python -m` runs it as a script)
    model = token_tagger.load_tagger()
    closed = taken.copy()
    for a, b in keep_out:
        closed[a:b] = True
    for start, end, kind in token_tagger.tag(text, lang, model=model, lexicon=lex, taken=closed, found=taken):
        _add(found, taken, start, end, kind)
