"""Places smaller than a state and facilities: courts, areas ("the east of X"), facilities named by a type, a
founder or initials, towns in address lines and before or after postcodes, the places a form's field names
("Placement: X", "Neighbourhood: X", "Town: X"), and street lines of the locales the general patterns do not read."""

from __future__ import annotations

import numpy as np
import regex

from .lexicon import Lexicon
from .names import (
    _TA_CASE_ENDINGS,
    _TA_NOT_BARE,
    _FIELD_AFTER,
    _FIELD_LABEL_AFTER,
    _LABEL_OF_AFTER,
    _LOWER_LABEL_AFTER,
    _NOT_A_PERSON_WORD,
    _ORG_HEADS,
    _POSTCODE_NEXT,
    _STOP_CAPS,
    _TA_FUNCTION,
    _TA_INFLECTED,
    _TA_SUBJECT_ADVERBS,
    _UK_COUNTY,
    _ordinary_cue_word,
    _tamil_match,
)
from .patterns import _MONTH_NUM, _WD, _YEARISH, WORD
from .spans import SEPARATOR_MARKS, Span, _add, _fold, _is_tamil, _replace, _strip_possessive, _widen

# (r21 round) a house's name before the street line, after an address's label: "Address: Ty Gwyn, 12 Heol Fawr",
# "Home addr The Willows, Mill Street", "Addr: Bryn yr Afon, 3 Station Road", "Address: Teach na Mara, Quay Road";
# one to three capitalised words, Welsh and Irish linking words inside
_HOUSE_NAME = regex.compile(r"(?<=\b(?i:addr|address|dirección|direccion|domicilio)\.?(?:\s*[:#]\s*|\s+[-–]\s+|\s+))"
                            r"(?:The\s+)?\p{Lu}[\p{L}\p{M}'’-]*(?:\s(?:(?:y|yr|an|na|a|of|the)\s)?\p{Lu}[\p{L}\p{M}'’-]*){0,2}"
                            r"(?=,\s)")


# (r28 round) a named house and its townland or street, after a label that says the value is an address: "Lives at:
# Teach Bhríd, Drumkeen", "Send post to: Sea View, Meenlaragh", "Home address: The Old Forge, Tory Road" (two or three
# capitalised words for the house, no town first: "Address: Cork, ...")
_LABELLED_HOUSE = regex.compile(
    r"(?<=\b(?i:lives\s+at|living\s+at|resides\s+at|send\s+post\s+to|write\s+to|home\s+address|postal(?:\s+address)?"
    r"|mailing\s+address|address|addr\.?)\s*(?:[:#]\s*|[-–]\s+|\s))"
    r"(?P<h>(?:The\s)?\p{Lu}[\p{L}\p{M}'’-]*(?:\s(?:(?:an|na|a|of|the|on|y|yr)\s)?\p{Lu}[\p{L}\p{M}'’-]*){1,2}),\s"
    r"(?P<t>\p{Lu}[\p{L}\p{M}'’-]+(?:\s\p{Lu}[\p{L}\p{M}'’-]+)?)"
    r"(?=\s*(?:[,;.)|¦~+]|\s[^\w\s]|$))")
_HOUSE_WORDS = frozenset({"cottage", "view", "house", "forge", "lodge", "farm", "villa", "mill", "barn", "manor",
                          "hall", "croft", "rest", "haven", "nook", "brae", "teach", "tigh"})
_LABELLED_HOUSE_NEEDS = ("ives at", "iving at", "esides at", "ost to", "ddress", "ostal", "ddr")


def _labelled_house_names(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _LABELLED_HOUSE.finditer(text):
        words = [_fold(w) for w in m.group("h").split()]
        the = words[0] == "the"
        house = " ".join(words[1:] if the else words)
        if house in lex.regions or not the and words[-1] not in _HOUSE_WORDS and (
                house in lex.places or words[0] in lex.places and words[0] not in lex.en_words):
            continue                                    # (a town first is no house: "Address: Cork, Main Street")
        if words[-1] not in _HOUSE_WORDS and words[0] in lex.first_names and words[-1] in lex.surnames:
            continue                                    # (a person's name: "Lives at: Maria Lopez, ...")
        inside = [sp for sp in found if sp.start < m.end() and sp.end > m.start()]
        if all(sp.kind in ("name", "place", "address") and sp.start >= m.start() and sp.end <= m.end()
               for sp in inside):
            _replace(found, taken, inside, m.start(), m.end(), "address")


# (r21 round) a Norwegian hospital, prison or school: the place's name, then the lower-case facility word ("Voss
# sjukehus", "Bergen fengsel", "Lambertseter videregående skole", "Kjelsås universitetssykehus")
_NORDIC_FACILITY_NEEDS = ("sykehus", "sjukehus", "fengsel", "skole")
_NORDIC_FACILITY = regex.compile(r"(?<![\p{L}\p{M}'’-])\p{Lu}[\p{L}\p{M}'’-]+(?:\s\p{Lu}[\p{L}\p{M}'’-]+)?"
                                 r"\s(?:videregående\sskole|(?:universitets)?s(?:y|ju)kehus|fengsel|skole)(?![\p{L}\p{M}])")


def _nordic_facilities(text: str, found: list[Span], taken: np.ndarray) -> None:
    for m in _NORDIC_FACILITY.finditer(text):
        inside = [sp for sp in found if sp.start < m.end() and sp.end > m.start()]
        if all(sp.kind in ("name", "place") and m.start() <= sp.start for sp in inside):
            _replace(found, taken, inside, m.start(), m.end(), "place")


# (r21 round) a hospital named after a region or a title ("Vermont State Hospital", "Maine Hospital", "Prince
# of Wales Infirmary"), and a Welsh or Irish facility's name with its linking word after "at", "from", "to" or a
# label ("stayed at Tŷ Gwyn y Mynydd", "from Scoil na Mara", "Hosp.: Ospidéal an Chláir")
_TITLED_FACILITY = regex.compile(r"(?<![\p{L}\p{M}'’.-]|\p{Lu}\p{Ll}+\s)(?:\p{Lu}\p{Ll}+\sof\s(?:the\s)?\p{Lu}\p{Ll}+\s"
                                 r"|(?:\p{Lu}\p{Ll}+\s){1,3})(?:Hospital|Infirmary)\b")
_CELTIC_LINK = regex.compile(r" (?:y|yr|an|na) \p{Lu}")
_LINKED_CELTIC_NAME = regex.compile(r"(?<=\b(?:at|from|to|into|in)\s|[:—–]\s)\p{Lu}[\p{Ll}\p{M}]+"
                                    r"(?:\s\p{Lu}[\p{Ll}\p{M}]+)?\s(?:y|yr|an|na)\s\p{Lu}[\p{Ll}\p{M}]+(?:\s\p{Lu}[\p{Ll}\p{M}]+)?(?![\p{L}\p{M}])")


def _named_facilities(text: str, lex: Lexicon, lang: str, found: list[Span], taken: np.ndarray) -> None:
    for m in _TITLED_FACILITY.finditer(text) if "Hospital" in text or "Infirmary" in text else ():
        words = m.group().split()[:-1]
        head = " ".join(w for w in words if w not in ("of", "the"))
        keys = tuple(_fold(head).split())
        if keys[0] in _STOP_CAPS or " of " not in m.group() and (keys[0] in lex.first_names or not (
                len(keys) == 1 and (keys[0] in lex.regions or keys[0] in lex.places) or
                keys in lex.multi_places.get(keys[0], ()) or keys in lex.safe_phrases.get(keys[0], ()))) or \
                " of " in m.group() and (keys[0] in lex.surnames and keys[0] not in lex.en_words or
                                         regex.search(r"\b(?:Dr|Dra|Mr|Mrs|Ms|Prof)\.?\s$", text[:m.start()])):
            continue                                    # (not "Dr. Lee of ...", "Mercy Hospital" (found before))
        inside = [sp for sp in found if sp.start < m.end() and sp.end > m.start()]
        if all(sp.kind in ("name", "place") and m.start() <= sp.start for sp in inside):
            _replace(found, taken, inside, m.start(), m.end(), "place")
    for m in _LINKED_CELTIC_NAME.finditer(text) if lang != "es" and _CELTIC_LINK.search(text) else ():
        inside = [sp for sp in found if sp.start < m.end() and sp.end > m.start()]
        if all(sp.kind in ("name", "place") and m.start() <= sp.start for sp in inside):
            _replace(found, taken, inside, m.start(), m.end(), "place")


def _house_names(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _HOUSE_NAME.finditer(text):
        street = next((sp for sp in found if sp.kind == "address" and sp.start == m.end() + 2), None)
        if street is None or _fold(m.group()) in lex.places:
            continue                                    # (a town first is no house: "Address: Cork, 12 Mill Road")
        inside = [sp for sp in found if sp.start < street.end and sp.end > m.start()]
        if all(sp.kind in ("name", "place", "address") for sp in inside):
            _replace(found, taken, inside, m.start(), street.end, "address")


# a court or tribunal, which locates no one: "Leeds Crown Court", "Ontario Court of Justice", "the Employment
# Tribunal" (a town before it is a place: "Leeds"; not "Millbrook Court", a street or a building)
_COURT_KINDS = (r"(?:Crown|Magistrates['’]?|Magistrate['’]s|Family|County|High|Youth|Superior|District|Circuit|Supreme"
                r"|Immigration|Juvenile|Municipal|Probate|Sheriff|Coroner['’]?s['’]?|Housing|Drug|Provincial|Federal"
                r"|Children['’]s|Criminal|Civil|Appeals?|Small\sClaims|Justice|Employment|Mental\sHealth|Land|Tax"
                r"|Tenancy|First-tier|Upper)")
_COURT_OF = (r"\sof\s(?:the\s)?(?:Justice|Appeal|Appeals|Protection|Session|Claims|King['’]s\sBench|Queen['’]s\sBench"
             r"|Common\sPleas|Chancery|Arbitration|Criminal\sAppeal)\b")
_COURT = regex.compile(rf"(?<![\p{{L}}\p{{M}}'’-])(?P<town>(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]+\s){{0,3}}?)"
                       rf"(?P<court>(?:{_COURT_KINDS}\s)+(?:Court|Tribunal)s?\b(?:{_COURT_OF})?"
                       rf"|(?:Court|Tribunal){_COURT_OF})")


# (r28 round) a court where someone is placed, attends or lives is a place that locates them, whole: "Placed at:
# Tauranga District Court", "Attends: Leeds Youth Court", "moved out of Tauranga District Court"
_COURT_PLACED = regex.compile(r"\b(?:(?i:placed|held|detained|housed|staying|lives|living|based)\s+(?:at|in)|Attends"
                              r"|attends|(?i:moved|moving)\s+out\s+of|(?i:admitted|transferred)\s+to)\s?[:\-–—]?\s$")


def _courts(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _COURT.finditer(text):
        words = list(WORD.finditer(text, m.start("town"), m.end("town")))
        while words and (_fold(words[0].group()) in _STOP_CAPS or _fold(words[0].group()) in lex.en_common and
                         _fold(words[0].group()) not in lex.places):
            words.pop(0)                           # "The", "At", "Saw" before the court
        if words and _COURT_PLACED.search(text, max(0, words[0].start() - 25), words[0].start()) and \
                _add(found, taken, words[0].start(), m.end("court"), "place"):
            continue
        if words and " ".join(_fold(w.group()) for w in words) not in lex.regions:
            _add(found, taken, words[0].start(), words[-1].end(), "place")
        taken[m.start("court"):m.end("court")] = True     # no name or place inside the court's own words


# a local-government area named "Shire of X", "Borough of X" (the generic word inside, like "Cook County") and a
# Mexican neighbourhood with its lower-case "colonia" ("del colonia Roma Sur"); not a state: "District of Columbia"
# (r23 round) and the other lower-case words for a neighbourhood, a Guatemalan zone with its town, and a town after
# "de" or "en el Valle de" ("barrio San Antonio de Huehue", "urbanización Bolognesi", "barrio El Centro de La Ceiba",
# "zona 3 de Xela", "caserío Los Pinos")
_AREA_PHRASE = regex.compile(r"(?<![\p{L}\p{M}'’-])(?:(?:Shire|Borough|County|Municipality|District|Township|Region"
                             r"|Municipio|Partido)\s+(?:of|de)|colonia|barrio|barriada|urbanización|urbanizacion"
                             r"|reparto|caserío|caserio|aldea|cantón|canton|zona\s+\d{1,2}\s+de)\s+(?P<n>\p{Lu}[\p{L}\p{M}'’-]+"
                             r"(?:\s+(?:(?:de|del|la|las|los)\s+)?\p{Lu}[\p{L}\p{M}'’-]+){0,3})")
_AREA_NEEDS = ("of ", "colonia ", "de ", "barri", "urbaniza", "reparto ", "caser", "aldea ", "cant")


def _area_phrases(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _AREA_PHRASE.finditer(text):
        if _fold(m.group("n")) in lex.regions or _fold(m.group()) in lex.regions or taken[m.start():m.end()].all():
            continue
        _widen(found, taken, m.start(), m.end())


# a Tamil name after its initials, which are part of it: "வே. பரத்", "க. மு. ராஜா" (one letter, its vowel sign, a dot)
_TA_INITIALS = regex.compile(r"(?<![\p{L}\p{M}\d.])(?:[\u0B85-\u0BB9][\u0BBE-\u0BCD]?\.\s?){1,3}(?=[\u0B85-\u0BB9])"
                             r"(?P<w>[\u0B80-\u0BFF]{3,})")


# e.g., km, BC, AD, am, pm, page
_TA_ABBREVIATION = regex.compile(r"(?:எ\.\s?கா|கி\.\s?மீ|கி\.\s?மு|கி\.\s?பி|மு\.\s?ப|பி\.\s?ப|ப\.\s?க)(?![\p{L}\p{M}])")


def _tamil_initials(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    ta_cues = [k for k in lex.cues["kin"] | lex.cues["titles"] if _is_tamil(k)]
    for m in _TA_INITIALS.finditer(text):
        word = m.group("w")
        before = text[max(0, m.start() - 12):m.start()].rstrip()
        # after a colon or comma, a relation, a title ("டாக்டர் க. குயில்"), or opening the note or a sentence
        cued = before.endswith((":", ",", ".", "|")) or not before or any(before.endswith(k) for k in ta_cues)
        if word in lex.ta_common and not cued and not _tamil_match(word, lex.tamil_names, 4) or \
                word.startswith(_TA_FUNCTION) and not (cued and word not in lex.ta_common) or \
                word in lex.cues["kin"] or _TA_ABBREVIATION.match(text, m.start()):
            # ((r28 round) a cued name that only begins like a function word, "உறவினர்: இ. தன்சி")
            continue
        start, end = m.start(), m.end()
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if any(sp.kind != "name" or sp.start < m.start("w") and sp.end > m.start("w") for sp in inside):
            continue                                       # (an initial taken for a name alone is part of it)
        for sp in inside:                                  # the name found without its initials: "பரத்"
            found.remove(sp)
            taken[sp.start:sp.end] = False
            end = max(end, sp.end)
        _add(found, taken, start, end, "name")


# the facility that sent or holds a record, named where the record is: "Records sent to SCARF (MAA.1874931)",
# "faxed from CMC Vellore (fax ...)", "his file at Toronto Western is MRN ...", "liaison: Airedale General, RiO ID"
_RECORD_FACILITY = regex.compile(
    r"\b(?i:sent\s+to|faxed\s+(?:from|to)|(?:records|notes)\s+from|(?:file|chart|MRN|UHID|number|notes|records)\s+at"
    r"|transferred\s+to|admitted\s+to|discharged\s+from"
    r"|liaison:|enviad[oa]s?\s+al?|remitid[oa]s?\s+al?)\s+(?:the\s+|el\s+|la\s+)?"
    r"(?P<p>\p{Lu}[\p{L}\p{M}'’&-]*(?:\s+(?:of\s+|de\s+|del\s+|de\s+la\s+)?\p{Lu}[\p{L}\p{M}'’&-]*){0,4})"
    r"(?=\s\((?=[A-Z]{0,6}[-.#/ ]?\d|(?i:fax|mrn|uhid|nhc|hc|expediente|historia|ref|chart|hospital))"
    r"|\s+is\s+(?:MRN|UHID|NHC|hospital|chart|OP|IP|folder|[A-Z]*-?\d)|[,:]\s*(?:RiO|MRN|UHID|NHC|hospital|chart|ward)\b"
    r"|;\s*fax)")


# churches, schools and hospitals named after the Virgin: "attends Our Lady of the Lakes", "Our Lady of Guadalupe
# Parish" (after a place cue or before a facility word; "prays to Our Lady of Guadalupe" is no place)
_OUR_LADY = regex.compile(
    r"(?:(?<=\b(?i:at|attends|attend|attended|attending|from|in|into)\s(?:the\s)?)(?P<a>Our Lady of (?:the )?"
    r"\p{Lu}[\p{L}'’]+(?: \p{Lu}[\p{L}'’]+){0,2})"
    r"|(?P<b>Our Lady of (?:the )?\p{Lu}[\p{L}'’]+(?: \p{Lu}[\p{L}'’]+){0,2}?)"
    r"(?= (?i:Parish|Church|Catholic Church|School|Catholic School|High School|Hospital|College|Academy|Cathedral"
    r"|Shrine|Chapel|Convent|Basilica|Mission|Medical Center|Medical Centre|Regional|Regional Hospital)\b)"
    # (r15 round) after a letterhead's label: "Letterhead: Our Lady of Fatima Regional, 12 ..."
    r"|(?<=(?i:letterhead|membrete|from|desde):\s)(?P<c>Our Lady of (?:the )?\p{Lu}[\p{L}'’]+"
    r"(?: \p{Lu}[\p{L}'’]+){0,2}))"
    r"(?P<f> (?:Parish|Church|Catholic Church|School|Catholic School|High School|Hospital|College|Academy|Cathedral"
    r"|Shrine|Chapel|Convent|Basilica|Mission|Medical Center|Medical Centre|Regional Hospital|Regional)\b)?")


def _our_lady(text: str, found: list[Span], taken: np.ndarray) -> None:
    for m in _OUR_LADY.finditer(text):
        start, end = m.start(), m.end()
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if any(sp.kind not in ("place", "name") or sp.start < start or sp.end > end for sp in inside):
            continue
        _replace(found, taken, inside, start, end, "place")


# a facility named "X of Y" / "X de Y": "Memorial Hospital of Carbondale", "Gurdwara Sahib of Fremont", "the National
# Center for Mental Health", "Casa del Migrante de Saltillo", "Complejo Hospitalario de Toledo", "Basílica de Zapopan"
_OF_LINK = regex.compile(r"(?<=[\p{L}\p{M}'’.])\s+(?:of|for|de|del|de\s+la|de\s+los|de\s+las)\s+(?:the\s+)?"
                         r"(?P<t>\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:and|y|de|del|de\s+la|&)\s+)?\p{Lu}[\p{L}\p{M}'’-]*){0,3})")
_OF_HEAD = regex.compile(r"(?:(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}'’.-]*\s+(?:(?:de|del|de\s+la|y|and|&)\s+)?){0,4}"
                         r"(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}'’.-]*$")
_OF_CUE = regex.compile(r"(?:^|\b)(?i:at|in|from|to|into|near|outside|inside|en|a|de|desde|para|hacia|del|al|por)\s+"
                        r"(?:(?i:the|el|la|los|las)\s+)?$")
# words that make a capitalised name a facility when it is "X of Y" (not courts or offices: "Court of Appeal",
# "Office of Refugee Resettlement" locate no one)
_FACILITY_HEADS = frozenset("""hospital hospitals hospitalario hospitalaria clinic clinics clínica clinica infirmary
hospice sanatorium sanatorio institute instituto university universidad college colegio school escuela
academy seminary church iglesia parroquia parish cathedral catedral basilica basílica chapel capilla
mosque mezquita temple templo synagogue sinagoga gurdwara mandir shrine santuario convent convento
monastery monasterio shelter albergue refugio refuge hostel prison jail cárcel carcel penitentiary
penal reclusorio centre center centro casa hogar asilo residencia campus polytechnic preparatoria
secundaria primaria telesecundaria""".split())


def _facilities_of(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _OF_LINK.finditer(text):
        head = _OF_HEAD.search(text, max(0, m.start() - 80), m.start())
        if not head:
            continue
        words = list(WORD.finditer(text, head.start(), head.end()))
        fac = next((k for k, w in enumerate(words) if _fold(w.group()) in _FACILITY_HEADS), None)
        if fac is None or fac > 0 and _fold(words[fac - 1].group()) in lex.cues["titles"] and \
                _fold(words[fac - 1].group()) not in lex.cues["facility_prefixes"]:
            continue                              # a surname after a title: "Mr Church of Leeds"
        k = 0                                     # not a verb or a word opening the sentence: "Saw Memorial Hospital"
        while k < fac and (_fold(words[k].group()) in _STOP_CAPS or
                           text[max(0, words[k].start() - 2):words[k].start()].strip() in ("", ".", "!", "?") and
                           _fold(words[k].group()) in lex.en_common):
            k += 1
        start, end = words[k].start(), m.end("t")
        tail = _fold(WORD.findall(m.group("t"))[0])
        if _fold(words[fac].group()) in ("church", "iglesia") and tail in lex.regions:
            for sp in [sp for sp in found if sp.kind == "name" and sp.roster is None and
                       words[fac].start() <= sp.start < sp.end <= words[fac].end()]:
                found.remove(sp)                           # a denomination, no place nor person: "the Church of
                taken[sp.start:sp.end] = False             # England"
            continue
        if not (_OF_CUE.search(text, max(0, start - 12), start) or tail in lex.places or
                any(sp.kind == "place" and sp.start == m.start("t") for sp in found) or
                # (r13 round) the head found as a facility already: "Newham Centre for Mental Health"
                any(sp.kind == "place" and sp.start == start and sp.end == m.start() for sp in found)):
            continue
        _widen(found, taken, start, end)


# the words before a facility joined to its name by "and", "the" or "of (the)": "Dumfries and Galloway Royal
# Infirmary", "Christ the King Church", "Queen Elizabeth the Queen Mother Hospital", "Sisters of Charity Hospital"
_AND_LINK = regex.compile(r" (?:and|&|y) ")
_LINKED_HEAD = regex.compile(r"(?<![\p{L}\p{M}'’.-])(?P<h>\p{Lu}[\p{L}\p{M}'’-]*(?:\s\p{Lu}[\p{L}\p{M}'’-]*){0,2})"
                             r"\s(?P<c>and|&|the|of|of\sthe)\s$")


def _facility_word(word: str, lex: Lexicon) -> bool:
    key = _fold(_strip_possessive(word))
    return word[:1].isupper() and (key in _FACILITY_HEADS or key in lex.cues["facility_suffixes"])


def _linked_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    # a facility and a second kind of it, which names nothing alone (r13 round): "Iwahig Prison and Penal Farm",
    # "Mercy Hospital and Medical Center"
    starts = {sp.start: sp for sp in found if sp.kind == "place"}
    for sp in sorted(starts.values()):
        m = _AND_LINK.match(text, sp.end)
        nxt = starts.get(m.end()) if m else None
        if nxt is None or sp not in found or nxt not in found:
            continue
        first, second = WORD.findall(text, sp.start, sp.end), WORD.findall(text, nxt.start, nxt.end)
        if first and _facility_word(first[-1], lex) and _facility_word(second[-1], lex) and all(
                _fold(w) in lex.en_words or _fold(w) in lex.es_words or _fold(w) in lex.cues["facility_prefixes"]
                for w in second):
            _widen(found, taken, sp.start, nxt.end)
    for sp in [sp for sp in found if sp.kind == "place"]:
        last = WORD.findall(text, sp.start, sp.end)
        if not last or _fold(_strip_possessive(last[-1])) not in _FACILITY_HEADS or not last[-1][:1].isupper():
            continue
        m = _LINKED_HEAD.search(text, max(0, sp.start - 60), sp.start)
        if not m:
            continue
        words = [_fold(w) for w in WORD.findall(m.group("h"))]
        before = text[max(0, m.start() - 3):m.start()]
        if any(w in _STOP_CAPS or w in _MONTH_NUM or w in lex.cues["titles"] or w in lex.regions or
               regex.fullmatch(_WD, w.title()) for w in words) or not before.strip(" ,(") == "" and \
                not before.endswith(" ") or regex.search(r"[.!?:;]\s*$|^\s*$", text[:m.start()]) and \
                words[0] in lex.en_common:
            continue                                       # no title, weekday or verb opening the sentence
        # one word of the head is a town's or a name's, none a common word only: not "Mum and St Mary's Hospital"
        # (a head before "the" inside a sentence is a name's: "Christ the King", "St Mary the Virgin")
        if m.group("c") != "the" and not any(w in lex.places or w not in lex.en_common for w in words) or \
                m.group("c") in ("and", "&") and not any(w in lex.places for w in words):
            continue
        _widen(found, taken, m.start(), sp.end)


# a town's name that goes on with "of" or "de (la/las/los)" after a place cue: "grew up in Forest of Dean", "Creció en
# Tetuán de las Victorias", "desde San Juan de los Lagos" (not a country or a state after it)
# (r14 round) a psychiatric facility named after a state, a region or a town, with only generic words between: "Oregon
# Psychiatric Institute", "Kootenay Behavioral Health Hospital" (not "the State Psychiatric Hospital")
_REGIONAL_FACILITY = regex.compile(r"(?<![\p{L}\p{M}'’.-])(?P<w>\p{Lu}[\p{L}\p{M}'’-]+)(?:\s+\p{Lu}[\p{L}\p{M}'’-]+)?"
                                   r"\s+(?:Psychiatric|Behavioral|Behavioural)(?:\s+Health)?\s+(?:Institute|Hospital"
                                   r"|Center|Centre|Facility|Clinic|Pavilion)\b")


# (r18 round) a facility named after a person with initials: "A.B. Mensah Senior High School", "J. K. Tolbert
# Memorial Hospital", "Moses T. Kollie Mental Health Hospital"; and a facility's type before a doctor's initial and
# surname: "Policlinico V. Rossi", "Ospedale G. Verdi"
_INITIALLED = regex.compile(r"(?<![\p{L}\p{M}.'’-])(?:(?P<t>\p{Lu}\p{Ll}+)(?P<dot>\.)?\s)?(?:\p{Lu}\.\s?){1,3}"
                            r"\p{Lu}[\p{Ll}'’-]+(?P<rest>(?:\s\p{Lu}[\p{L}\p{M}'’-]*){0,5})")


# (r18 round) and a facility in a facility field, up to its last facility word: "Facility Deer Creek Correctional
# Institution Her son ...", "Location - Saint Anne Catholic Church Duty worker ...", "Lugar Clínica Rural 4 Yautepec"
_FACILITY_FIELD = regex.compile(r"(?<=\b(?:Facility|FACILITY|Location|LOCATION|Lugar|LUGAR|Centro|Sede)\s?"
                                r"(?:[:\-–—]\s)?\s?)(?P<rest>\p{Lu}[\p{L}\p{M}'’-]*(?:\s(?:(?:for|of|de|del)\s)?"
                                r"(?:\p{Lu}[\p{L}\p{M}'’-]*|\d{1,3})){1,6})")
_INITIALLED_NEEDS = (". ", " for ", " d'", " d’", "Facility", "FACILITY", "Location", "LOCATION", "Lugar")
_ELIDED_OF = regex.compile(r"\sd['’]\p{Lu}[\p{L}\p{M}]+(?:[- ]\p{Lu}[\p{L}\p{M}]+)?(?![\p{L}\p{M}'’])")
_FACILITY_FOR = regex.compile(r"\sfor\s(?:Children|Boys|Girls|Women|Men|the\s(?:Aged|Elderly|Blind|Deaf))\b")


def _initialled_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    suffixes, prefixes = lex.cues["facility_suffixes"], lex.cues["facility_prefixes"]
    matches = list(_INITIALLED.finditer(text))
    if "Facility" in text or "FACILITY" in text or "Location" in text or "LOCATION" in text or "Lugar" in text:
        matches += list(_FACILITY_FIELD.finditer(text))
    for m in matches:
        start, end = m.start(), None
        head = m.group("t") if m.re is _INITIALLED else None
        if head and _fold(head) in prefixes:
            end = m.start("rest")                      # "Policlinico G. Martino"
        elif m.re is _FACILITY_FIELD and regex.match(r"\s*(?:[,;|·/]|$)", text[m.end():]) and any(
                _fold(w) in suffixes or _fold(w) in prefixes for w in m.group("rest").split()):
            end = m.end()                              # the whole field: "Facility: Elm Community Mental Health Team,"
        else:
            words = list(regex.finditer(r"\p{Lu}[\p{L}\p{M}'’-]*", m.group("rest")))
            for w in reversed(words):
                if _fold(w.group()) in suffixes and not w.group().isupper():
                    end = m.start("rest") + w.end()
                    break
            if end is None:
                continue
            more = _FACILITY_FOR.match(text, end)
            if more:
                end = more.end()                      # "... Homes for Children"
            # (r19 round: a title with its full stop is the facility's, "Dr. A.B. Lowe Regional Hospital")
            if head and (_fold(head) in _STOP_CAPS or _fold(head) in lex.cues["place_cues"] or
                         _fold(head) in lex.cues["field_labels"] or _fold(head) in lex.cues["titles"] and
                         not m.group("dot")):
                start = m.end("t") + 1 + bool(m.group("dot"))  # "The J. K. Tolbert ..." / "At C.R. ...": no name's
                #                                                 first word
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if inside and not all(sp.kind in ("place", "name") and sp.roster is None and start <= sp.start and (
                sp.end <= end or sp.kind == "name") for sp in inside):
            continue
        if inside:
            _replace(found, taken, inside, start, end, "place")
        else:
            _add(found, taken, start, end, "place")
    for i, sp in enumerate(found):                  # "... Sant Pere" found: "... Sant Pere d'Osor"
        if sp.kind == "place" and text[sp.end:sp.end + 3] in (" d'", " d’"):
            more = _ELIDED_OF.match(text, sp.end)
            if more and not taken[sp.end:more.end()].any():
                taken[sp.end:more.end()] = True
                found[i] = Span(sp.start, more.end(), "place")
    for i, sp in enumerate(found):                  # "Ranfurly Homes" found: "... Homes for Children"
        if sp.kind == "place" and text[sp.end:sp.end + 5] == " for " and \
                _fold(text[sp.start:sp.end].rsplit(" ", 1)[-1]) in suffixes:
            more = _FACILITY_FOR.match(text, sp.end)
            if more and not taken[sp.end:more.end()].any():
                taken[sp.end:more.end()] = True
                found[i] = Span(sp.start, more.end(), "place")


def _regional_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _REGIONAL_FACILITY.finditer(text):
        w = _fold(m.group("w"))
        if w in _STOP_CAPS or w in lex.patterns["generic_facility_words"] or w in lex.cues["titles"] or \
                w in _ORG_HEADS or w in ("state", "county", "national", "federal", "royal", "regional", "community",
                                          "general", "university", "city", "district", "provincial", "central"):
            continue
        if not taken[m.start():m.end()].any():
            _add(found, taken, m.start(), m.end(), "place")
        else:
            _widen(found, taken, m.start(), m.end())


_PLACE_OF = regex.compile(r"\s(?:of|de|del|de\s+la|de\s+las|de\s+los)\s(?P<t>\p{Lu}[\p{L}\p{M}'’-]+)"
                          r"(?![\p{L}\p{M}'’-]|\s\p{Lu})")
_PLACE_CUE_BEFORE = regex.compile(r"\b(?i:in|from|to|near|en|desde|hacia|a|de)\s$")


def _linked_places(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    ends = {x.end for x in found if x.kind in ("address", "postcode")}
    for sp in [sp for sp in found if sp.kind == "place"]:
        m = _PLACE_OF.match(text, sp.end)
        # (r14 round: or the town after an address or a postcode, "Casilla 12, Santa Cruz de la Sierra")
        if not m or not (_PLACE_CUE_BEFORE.search(text, max(0, sp.start - 8), sp.start) or
                         text[sp.start - 2:sp.start] == ", " and sp.start - 2 in ends):
            continue
        last = _fold(_strip_possessive(WORD.findall(text, sp.start, sp.end)[-1]))
        tail = _fold(m.group("t"))
        if last in _FACILITY_HEADS or last in lex.cues["facility_suffixes"] or tail in lex.regions or \
                tail in lex.safe_words or tail in _STOP_CAPS or tail in _MONTH_NUM:
            continue                                       # facilities are found whole on their own
        _widen(found, taken, sp.start, m.end())


def _record_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _RECORD_FACILITY.finditer(text) if "(" in text or " is " in text or "," in text or ":" in text else ():
        start, end = m.span("p")
        if all((_fold(w) in lex.en_common or _fold(w) in lex.safe_words) and _fold(w) not in lex.places
               for w in WORD.findall(m.group("p"))):
            continue                                       # "faxed to Social Services (fax ...)"
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        words = WORD.findall(m.group("p"))
        generic_end = len(words) >= 2 and _fold(_strip_possessive(words[-1])) in lex.en_common   # "Harwick General"
        if any(sp.kind not in ("place", "name") or sp.kind == "name" and (
                not generic_end or sp.roster is not None or
                any(_fold(w) in lex.first_names for w in WORD.findall(text, sp.start, min(sp.end, m.start("p") +
                                                                                             m.group("p").rfind(" ")))))
               or sp.start < start or sp.end > end for sp in inside):
            continue                                       # a person ("sent to Maria Lopez (...)") or a longer place
        _replace(found, taken, inside, start, end, "place")


# a four-digit postcode written after a town (Australia, New Zealand, the Philippines, South Africa: "Auckland 1062",
# "Manila 1012") or before it after a comma (much of Europe: ", 8001 Zürich"); not a year, not a count ("Lagos 4000
# people")
_POSTCODE_AFTER_PLACE = regex.compile(r" (?!(?:19|20)\d\d)(\d{4})(?![\d.,:/-]\d|\d|[-–]\d)"
                                  r"(?=\s*(?:[,.;:)\]]|$)|\s+\p{Lu}|\s+(?:and|in|last|this|next|where|which|with|since|until|for|from|but|so|is|was)\b)")
_POSTCODE_BEFORE_PLACE = regex.compile(r"(?:^|[,;:]\s?|\n)(?!(?:19|20)\d\d)(\d{4}) $")


def _place_postcodes(text: str, found: list[Span], taken: np.ndarray) -> None:
    for sp in [sp for sp in found if sp.kind == "place"]:
        m = _POSTCODE_AFTER_PLACE.match(text, sp.end) or _POSTCODE_BEFORE_PLACE.search(text, max(0, sp.start - 8),
                                                                                         sp.start)
        if m:
            _add(found, taken, m.start(1), m.end(1), "postcode")


_LOCALITY = regex.compile(r"(?:,\s*|(?<=\(\p{Lu}?\d{4}(?:\p{Lu}{3})?\)|\b[A-HJ-NP-Z]\d{4}[A-Z]{3}"   # "(8300) Neuquén",
                          r"|\b(?i:c\.\s?p\.|cp|cpa)\s?\d{4,5}"     # "N3300WWE Posadas", "CP 22432 Mexicali"
                          r"|,\s\d{5})\s)"                          # (r15 round) ", 30012 Lorca"
                          # initials before an Indian locality are part of it: "T. Nagar", "K.K. Nagar", "R.S. Puram"
                          r"(?P<p>(?:(?:\p{Lu}\.\s?){1,3}(?=\p{Lu}\p{Ll})|Co\.\s(?=\p{Lu}\p{Ll}))?"   # Irish "Co. Cork"
                          r"\p{Lu}(?:[\p{L}\p{M}'’]|-(?!\p{Tamil}))*"        # not "Trichy-இல்"'s case ending
                          # (r15 round: the French particles, "Rivière des Anguilles", "Pointe aux Sables")
                          # (r22 round: "of", "Bridge of Weir"; a Tamil town's initial, "கே.புதூர்")
                          r"(?:(?:\s+(?:de\s+(?:la|La|los|Los|las|Las)|de|del|la|el|los|las|upon|on|du|des|le|les"
                          r"|aux|of))?\s+(?!\p{Lu}{2,3}\b|\p{Lu}{1,2}\d)"
                          r"\p{Lu}(?:[\p{L}\p{M}'’]|-(?!\p{Tamil}))*){0,2}"
                          r"|(?:\p{Tamil}{1,4}\.)?\p{Tamil}[\p{Tamil}\p{M}]*)")
_NOT_LOCALITY = regex.compile(r"(?:[A-Z]\.?){1,3}|(?i:c\.?\s?p\.?|cpa|pin|zip|apt|apto|unit|flat|suite|depto|dpto|int"
                              r"|piso|col|colonia|fracc|km"
                              # (r19 round) a contact field's label after the town: ", Gros Morne, E-mail ..."
                              r"|e-?mail|correo|tel|phone|fax|mob|mobile|cell|web)\.?")


# a postcode written after a street address or its town, in the shapes most countries use: "Auckland 1062",
# "Antipolo 1870", "CP 22432 Mexicali", "Cape Town 8001", "1015 CJ", "1100-053", "114 55", "00-950", six digits
# ("Tunja 150062") and an Argentine CPA ("B7000YHG Tandil") (not a span of years, "2019-2021")
_ADDRESS_POSTCODE = regex.compile(r"(?:,\s*|\s)(?:(?i:c\.\s?p\.|cp|cpa|código postal|codigo postal|zip|pin)\s?:?\s?)?"
                                  r"(?P<pc>\d{4}(?:\s?[A-Z]{2}\b)?|\d{4}-\d{3}|\d{5}(?:-\d{3,4})?"
                                  r"|\d{3}\s\d{2}|\d{2}-\d{3}|\d{6}(?!\s\d)|[A-HJ-NP-Z]\d{4}[A-Z]{3})(?![\w-]|[.,:/]\d"
                                  # (a span's end is a number alone, not the next house: "0310 to 2/266 Totara St")
                                  r"|\s*(?:[-–]|to|and|until|y|a)\s*\d+(?![\w/]|\s+\p{Lu}))")


# a department or province in brackets after the town, unlabelled: "Tunja (Boyacá)", "Villavicencio (Meta)"
_REGION_BRACKET = regex.compile(r"\s?\(\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:de\s+|del\s+|y\s+)?\p{Lu}[\p{L}\p{M}'’.-]*){0,3}"
                                r"\)")


# a state's abbreviation after a town, with its dot: ", Tlax.", ", Ags.", ", Q. Roo"
_STATE_ABBR_NEXT = regex.compile(r",\s(?P<s>\p{Lu}\.?\s?\p{Lu}?[\p{Ll}]{0,4}\.?)(?=[\s,;)]|$)")


# the older Argentine code in brackets before the town: "Av. San Martín 3461, (8300) Neuquén"
_BRACKET_POSTCODE = regex.compile(r"(?:,\s*|\s)\((?P<pc>(?!(?:19|20)\d\d)\d{4}|[A-HJ-NP-Z]\d{4}(?:[A-Z]{3})?)\)"
                                  r"(?=\s\p{Lu})")


_TAMIL_NEXT = regex.compile(r"\s\p{Tamil}")


# (r16 round) a city-state or an emirate is state-level even before its postcode: "..., Singapore 312530"
_CITY_STATES = frozenset({"singapore", "dubai", "abu dhabi", "sharjah", "ajman", "fujairah", "ras al khaimah",
                          "umm al quwain", "monaco", "san marino"})


def _localities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    """The neighbourhood and town written after a street address ("..., Coyoacán, C.P. 04100",
    "..., El Poblado, Medellín"): places, up to two of them, and a postcode before or after them."""
    for sp in [sp for sp in found if sp.kind == "address"]:
        end = sp.end
        postcode = latin_town = False
        for _ in range(3):
            pc = None if postcode else _ADDRESS_POSTCODE.match(text, end) or _BRACKET_POSTCODE.match(text, end)
            if pc and (not taken[pc.start("pc"):pc.end("pc")].any() or
                       Span(pc.start("pc"), pc.end("pc"), "postcode") in found):
                _add(found, taken, pc.start("pc"), pc.end("pc"), "postcode")
                end, postcode = pc.end("pc") + (text[pc.end("pc"):pc.end("pc") + 1] == ")"), True
                continue
            m = _REGION_BRACKET.match(text, end)
            if m and m.end() > end and not taken[m.start():m.end()].any():
                end = m.end()                       # a department after the town: "Tunja (Boyacá) 150062"
                continue
            m = _LOCALITY.match(text, end)
            if not m:
                break
            name = m.group("p").rstrip(" .")
            start = m.start("p")
            if _NOT_LOCALITY.fullmatch(name) or taken[start:start + len(name)].any() or latin_town and _is_tamil(
                    name) and _TAMIL_NEXT.match(text, start + len(name)):
                break                               # (r15 round) no Tamil prose after a Latin town
            if (_FIELD_AFTER.match(text, start + len(name)) or _LABEL_OF_AFTER.match(text, start + len(name))) and (
                    words_of := [_fold(w) for w in WORD.findall(name)]) and words_of[0] in lex.cues["field_labels"]:
                break                               # (r17 round) a form's next field: "..., 04760 Berja, Email - ..."
            if " " not in name and (_FIELD_LABEL_AFTER.match(text, start + len(name)) or
                                    _LOWER_LABEL_AFTER.match(text, start + len(name))) and (
                    _fold(name) in lex.en_words or _fold(name) in lex.es_words):
                break                               # (r20 round) or a label: "..., Ikeja, Social worker: ..."
                #                                     (r22 round) "..., Arona, Persona autorizada = ..."
            initials = regex.match(r"(?:\p{Lu}\.\s?){2,3}", name)
            if initials and regex.sub(r"[.\s]", "", initials.group()).casefold() in lex.regions:
                end = start + len(initials.group().rstrip())   # a state's initials, then a new sentence: "N.L. Andrés"
                continue
            words = tuple(_fold(w) for w in WORD.findall(name))
            # a town named like a state, right after the street and before a postcode, is the town: "43 Rushmere
            # Road, Washington, NE38 9WW" (a state comes after the town: "Torreón, Coah.")
            abbr = _STATE_ABBR_NEXT.match(text, start + len(name))
            town_like_state = not name.isupper() and (end == sp.end or postcode) and bool(
                _POSTCODE_NEXT.match(text, start + len(name)) or any(
                    p.kind == "postcode" and text[start + len(name):p.start] in (" ", ", ") for p in found)
                # or before the state's own abbreviation: "Tlaxcala, Tlax.", "Aguascalientes, Ags."
                or abbr and _fold(abbr.group("s").replace(" ", "").rstrip(".")) in lex.regions and
                _fold(abbr.group("s")) != _fold(name))
            if latin_town and _UK_COUNTY.fullmatch(name):
                end = start + len(name)             # (r20 round) a UK county after the town: "Ross, Herefordshire"
                continue
            if (_fold(name) in lex.regions or words in lex.safe_phrases.get(words[0] if words else "", ())) and \
                    (not town_like_state or _fold(name) in _CITY_STATES):
                end = start + len(name)             # a state after the town ("Torreón, Coah.", "Iztapalapa, CDMX",
                continue                            # "Villupuram 605036, Tamil Nadu")
            _add(found, taken, start, start + len(name), "place")
            end = start + len(name)
            latin_town = not _is_tamil(name)


# (r16 round) street lines of new locales, and a street line or a town directly before a postcode in any locale:
# - a Dutch postcode (four digits, two capitals) before its town, after a street line: "Lindengracht 44-II,
#   1015 KL Amsterdam", "Mereveld 7b, 3521 AB Utrecht" (the street is any word with a house number and its suffix);
# - before a postcode found already, after a comma: the town ("..., Spring Vale BB19091"), and before the town a
#   street line whatever its last word ("18 Bishopgate Within, Tewkesbury GL20 1AA"; "Rose Cottage, Hill View Road,
#   Ryde PO33 1AA": a house named by a Cottage/House/Farm/... word before a street);
# - a Quebec post-office box with its station: "CP 812, Succ. Centre-ville";
# - Cuban lines: "Calle 21 No. 404 e/ 8 y 10", "Avenida 31 No. 88, apto. 4", "Edificio 12, apto. 3, Reparto Sueño";
# - Tamil flats on a street: "பிளாட் 7, கோவில் தெரு" (flat 7, temple street), "பிளாட் 2, X மெயின் ரோடு".
_NL_POSTCODE = regex.compile(r"(?:(?<=,\s)|(?<=\n))(?P<pc>[1-9]\d{3}\s(?!SA|SD|SS)[A-Z]{2})"
                             r"(?=\s(?P<t>\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s(?:aan\sden\s|aan\sde\s|a/d\s)?\p{Lu}[\p{Ll}'’-]+)?)"
                             r"(?![\p{L}\p{M}]))")
_FOUR_DIGITS = regex.compile(r"\d{4} [A-Z]{2}\b")
_TOWN_BEFORE_POSTCODE = regex.compile(r"(?:,\s|[—–]\s)(?P<t>(?:\p{Lu}[\p{L}\p{M}'’.-]*\s){0,2}"
                                      r"\p{Lu}[\p{L}\p{M}'’.-]*)\s$")


_BB_POSTCODE = regex.compile(r"(?<=\p{Lu}[\p{Ll}'’-]+ )BB\d{5}(?![\w-])")
_HOUSE_WORDS = r"(?:Cottage|Cottages|House|Farm|Farmhouse|Lodge|Barn|Mill|Villa|Grange|Manor|Croft|Bungalow|Chalet)"
_STREET_BEFORE_TOWN = regex.compile(
    rf"(?=[#\d\p{{Lu}}])(?:(?<![\p{{L}}\p{{M}}\d#'’.-])(?P<a>#?\d{{1,5}}[a-z]?\s(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\s){{0,3}}\p{{Lu}}[\p{{L}}\p{{M}}'’-]*)"
    rf"|(?<![\p{{L}}\p{{M}}'’-])(?P<a>\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\s{_HOUSE_WORDS},\s(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\s){{0,3}}"
    rf"\p{{Lu}}[\p{{L}}\p{{M}}'’-]*)"
    rf"|(?<![\p{{L}}\p{{M}}'’-])(?P<a>\p{{Lu}}\p{{Ll}}{{3,}}\s\d{{1,4}}(?:[a-z]|-(?:I{{1,3}}|IV|hs|bis|\d{{1,3}}))?))"
    rf",\s$")
_NEW_LOCALE_ADDRESS = regex.compile(
    r"\b(?:CP|C\.P\.|Case\spostale)\s\d{1,6},\s(?:Succ\.|Succursale)\s\p{Lu}[\p{L}\p{M}'’-]*"
    r"|\b(?:Calle|Avenida|Ave\.|Calzada|Carretera)\s[\dA-Z][\w-]*\sNo\.\s\d{1,5}[A-Z]?(?:\se/\s[\w-]+\sy\s[\w-]+)?"
    r"(?:,\s(?:apto|apt|apartamento)\.?\s\w+)?"
    r"|\bEdificio\s\d{1,4}[A-Z]?,\s(?:apto|apt|apartamento)\.?\s\w+(?:,\sReparto\s\p{Lu}[\p{L}\p{M}'’-]*"
    r"(?:\s(?:de\s|del\s)?\p{Lu}[\p{L}\p{M}'’-]*){0,2})?"
    r"|பிளாட்\s\d{1,4}[A-Z]?,\s(?:[\p{Tamil}.\d-]+,?\s){0,4}(?:மெயின்\sரோடு|ரோடு|தெரு|சாலை|வீதி)")
_NEW_LOCALE_CUES = ("Succ", "No. ", "Edificio ", "பிளாட்")
# (r19 round) street shapes of new locales, each behind a cheap cue: a Kigali street code, two capitals, a number and
# a street type, with the house's "No." or "Plot" before or after ("No. 12, KG 9 Ave", "KN 3 Rd, No. 40", "Plot 8, RN
# 1 St"); a French "BP" (boîte postale) before a postcode ("BP 77, 97400"); a French street with lower-case words in
# its name ("12 rue de la Croix à Bœufs", "3 chemin du Pont des Bas"); a Yucatán supermanzana, manzana and lote before
# the street ("SM 4, Mz 7, Lt 2, Avenida Tulum"); a Mérida street with its cross streets ("Calle 41 No. 310 x 28 y
# 30"); a Tamil door number with a letter and an ordinal street ("12-பி, காந்தி நகர் 2-வது வீதி")
_LOCAL_ADDRESS_FORMS = regex.compile(
    r"(?=[A-Z])(?<![\w.])(?:(?:No|Plot)\.?\s\d{1,4}[A-Z]?,\s)?[A-Z]{2}\s\d{1,4}\s(?:St|Ave|Rd|Street|Avenue|Road)\b\.?"
    r"(?:,\s(?:No|Plot)\.?\s\d{1,4}[A-Z]?\b)?"
    r"|\b(?:BP|B\.P\.)\s\d{1,5}(?=,?\s\d{5}\b)"
    r"|(?<![\w.,])\d{1,4}(?:\s(?:bis|ter))?,?\s(?:rue|avenue|allée|chemin|impasse|boulevard|route|ruelle|sentier)"
    r"\s(?:(?:du|de\sla|de\sl['’]|des|de|d['’])\s?)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s(?:(?:à|au|aux|de|du|des|la|le|les|et"
    r"|l['’]|d['’])\s?)?\p{Lu}[\p{L}\p{M}'’-]+){0,3}"
    r"|\bSM\s\d{1,3},\sMz\.?\s\d{1,3},\sLt\.?\s\d{1,3}(?:,\s(?:Calle|Avenida|Av\.|Paseo|Boulevard|Blvd\.?|Retorno"
    r"|Privada)\s(?:\d{1,3}[A-Z]?(?:\s(?:Norte|Sur|Oriente|Poniente|Bis))?|(?:(?:de|del|de\sla)\s)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s(?:(?:de|del|la)\s)?"
    r"\p{Lu}[\p{L}\p{M}'’-]+){0,2}))?"
    r"|\bCalle\s\d{1,3}[A-Z]?\s(?:No\.|Núm\.|#)\s?\d{1,4}[A-Z]?(?:-[A-Z])?\s(?:x|por)\s\d{1,3}[A-Z]?(?:\s[ye]\s\d{1,3}[A-Z]?)?"
    r"|(?<![\d\p{L}])\d{1,4}-\p{Tamil}{1,2},\s(?:\p{Tamil}+\s){1,3}(?:\d{1,2}-?(?:வது|ஆவது|ஆம்)\s)?(?:வீதி|தெரு|சாலை|ரோடு)")
_LOCAL_ADDRESS_CUES = (" St", " Ave", " Rd", "BP ", "B.P.", " rue ", " chemin ", " avenue ", " allée ", " impasse ",
                     " route ", "SM ", "Calle ", "-வது", "வீதி", "தெரு", "சாலை")


# (r20 round) street lines of new locales, each behind a cheap cue:
# - an Alberta numbered street with its quadrant, a unit number before it or a unit after it ("#310, 4410 17 Street
#   NE", "2211 36 Avenue NW, Unit 8");
# - a Danish street line: a street word (or a name alone) and a house number with its letter, then the floor and side
#   ("Egevej 12, 2. th.", "Toftegade 8B, st. mf.", "Holm 31, 1. sal"), or before a postcode with "DK-" or after a
#   street word ending -vej/-gade/-stræde/-allé ("Møllevej 7A, 5000 Odense", "Holm 31, DK-8000 Aarhus");
# - an Argentine house number with "(fondo)" (the back dwelling) or "(frente)" after it ("Belgrano 410 (fondo)");
# - a Spanish "portal" between the number and the floor ("Avenida de la Paz 12, portal 3, 2.º B").
_QUADRANT_STREET = regex.compile(r"(?<![\w#-])(?:#\d{1,5},\s)?\d{1,5}\s\d{1,3}(?:st|nd|rd|th)?\s(?:Avenue|Ave|Street|St"
                                 r"|Road|Rd|Drive|Dr|Trail|Boulevard|Blvd|Crescent|Close|Way)\.?\s(?:NE|NW|SE|SW)\b"
                                 r"(?:,\s(?:Unit|Suite|Apt|Apartment)\s#?\d{1,5}[A-Z]?\b)?")
_QUADRANT_CUES = (" NE", " NW", " SE", " SW")
_DK_STREET = regex.compile(r"(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}]+(?:\s\p{Lu}[\p{L}\p{M}]+)?\s\d{1,4}[A-Z]?"
                           r"(?:,\s(?:st|kl|\d{1,2})\.\s?(?:(?:th|tv|mf)\.?|sal\b)"
                           r"|(?=,\s(?:DK-\d{4}|\d{4}\s\p{Lu}))(?<=(?:vej|gade|stræde|allé|vænge|vænget|parken|torv|plads)"
                           r"\s\d{1,4}[A-Z]?)|(?=,\sDK-\d{4}))")
_DK_CUES = (" th", " tv", " mf", " sal", "DK-", "vej ", "gade ", "stræde ", "allé ", "vænge", "parken ", "torv ",
            "plads ")
_AR_BACK = regex.compile(r"(?<![\p{L}\p{M}'’.-])(?:\p{Lu}[\p{L}\p{M}.]+\s){1,3}\d{1,5}\s"
                         r"\((?:fondo|frente|PB|planta\sbaja)\)")
_PORTAL_LINE = regex.compile(r"(?<![\p{L}\p{M}'’.-])(?:Avenida|Avda\.|Av\.|Calle|C/|Paseo|Plaza|Ronda|Camino)\s"
                             r"(?:(?:de|del|de\sla|de\slos|de\slas)\s)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s(?:(?:de|del|la)\s)?"
                             r"\p{Lu}[\p{L}\p{M}'’-]+){0,2}\s\d{1,4},\sportal\s\d{1,3}[A-Z]?(?:,\s\d{1,2}\.?[º°ª]\s?[A-Z]\b)?")


def _new_street_lines(text: str, found: list[Span], taken: np.ndarray) -> None:
    if any(c in text for c in _QUADRANT_CUES):
        for m in _QUADRANT_STREET.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if any(c in text for c in _DK_CUES):
        for m in _DK_STREET.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if "(f" in text or "(PB" in text or "(planta" in text:
        for m in _AR_BACK.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if "portal " in text:
        for m in _PORTAL_LINE.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")


def _lines_before_postcodes(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    if any(c in text for c in _NEW_LOCALE_CUES):
        for m in _NEW_LOCALE_ADDRESS.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if any(c in text for c in _LOCAL_ADDRESS_CUES):
        for m in _LOCAL_ADDRESS_FORMS.finditer(text):
            _widen(found, taken, m.start(), m.end(), "address")
    if "BB" in text:                                       # a Barbados postcode after its town: "Oistins BB17089"
        for m in _BB_POSTCODE.finditer(text):
            inside = [sp for sp in found if sp.start < m.end() and sp.end > m.start()]
            if all(sp.kind in ("id", "postcode") and (sp.start, sp.end) == m.span() for sp in inside):
                _replace(found, taken, inside, m.start(), m.end(), "postcode")
    for m in _NL_POSTCODE.finditer(text) if _FOUR_DIGITS.search(text) else ():
        if _ordinary_cue_word(m.group("t").split()[0], lex):
            continue
        if _widen(found, taken, m.start("pc"), m.end("pc"), "postcode"):
            _widen(found, taken, m.start("t"), m.end("t"))
    for pc in [sp for sp in found if sp.kind == "postcode"]:
        head = max(0, pc.start - 90)
        t = _TOWN_BEFORE_POSTCODE.search(text, max(0, pc.start - 50), pc.start)
        if t is not None and _UK_COUNTY.fullmatch(t.group("t")):     # "Lydney, Somerset GL15 1AB": the town before
            t = _TOWN_BEFORE_POSTCODE.search(text, max(0, t.start("t") - 50), t.start("t"))
        if t is None:
            a = _STREET_BEFORE_TOWN.search(text, head, pc.start)   # "Kievitstraat 48-II, 7311 VA Apeldoorn"
        else:
            town = t.group("t").split()
            if any(w.isupper() or w.endswith(".") or _fold(w) in _NOT_A_PERSON_WORD for w in town) or \
                    all(_ordinary_cue_word(w, lex) for w in town):
                continue
            _widen(found, taken, t.start("t"), t.end("t"))
            a = _STREET_BEFORE_TOWN.search(text, head, t.start("t"))
        if a is not None and not (a.group("a")[0].isdigit() and _YEARISH.fullmatch(a.group("a").split()[0])):
            _widen(found, taken, a.start("a"), a.end("a"), "address")


# (r16 round) facilities of new locales and shapes:
# - a facility's number after it: "Unidad de Medicina Familiar número 12", "Clínica del ISSSTE núm. 4";
# - a Catalan particle, or "at" and a place, after a facility: "Hospital Comarcal d'Olot", "Asylum at Pine Ridge";
# - Spanish school acronyms before the school's name: "IES Ramon d'Alòs", "CEIP Sant Jordi";
# - two possessives joined before a facility word: "Women's and Children's Hospital" (and an acronym before it);
# - a Dutch hospital or clinic after its name: "Tergooi ziekenhuis", "Rijnstate Ziekenhuis";
# - a Tamil facility: one or two name words, a type word (primary health, mental health, medical) and a facility
#   word: "X ஆரம்ப சுகாதார நிலையம்" (X primary health centre), "X மனநல மையம்", "X Y மருத்துவக் கல்லூரி".
_FACILITY_TAIL = regex.compile(r"\s(?:número|numero|núm\.|núm|No\.|n\.º|nº|Nº|N°|#)\s?\d{1,3}(?![\d.,:/-]\d|\d)"
                               r"|\sd['’]\p{Lu}[\p{Ll}\p{M}]+(?:\s\p{Lu}[\p{Ll}\p{M}]+)?"
                               r"|\sat\s\p{Lu}[\p{Ll}\p{M}'’]+(?:\s\p{Lu}[\p{Ll}\p{M}'’]+)?(?![\p{L}\p{M}])")
_FACILITY_TAIL_HEADS = frozenset("""hospital clinic clínica clinica centre center infirmary asylum hospice sanatorium
imss issste sanatorio policlínico policlinico comarcal unidad centro instituto""".split())
_NEW_FACILITY = regex.compile(
    r"\b(?:IES|IESO|CEIP|CIFP|CPEPA|CEE|CRA)\s(?:\p{Lu}\p{Ll}{1,3}\.|\p{Lu}[\p{Ll}\p{M}]+)"
    r"(?:\s(?:d['’]|de\s|del\s|de\sla\s)?(?:\p{Lu}\p{Ll}{1,3}\.|\p{Lu}[\p{Ll}\p{M}'’]+)){0,4}"
    r"|(?:(?<![\p{L}\p{M}'’-])(?P<pre>\p{Lu}[\p{L}\p{M}]*)\s)?\p{Lu}\p{Ll}+['’]s\s(?:and|&)\s\p{Lu}\p{Ll}+['’]s\s(?:Hospital|Clinic|Centre"
    r"|Center|Home|Hospice)\b"
    r"|(?<![\p{L}\p{M}'’-])\p{Lu}\p{Ll}{2,}(?:[\s-]\p{Lu}\p{Ll}+)?\s(?:ziekenhuis|Ziekenhuis|kliniek|Kliniek|Medisch\sCentrum"
    r"|Zorggroep|GGZ)(?![\p{L}\p{M}])"
    r"|(?<![\p{L}\p{M}])(?P<ta>(?:[\p{Tamil}]{3,}\s){1,2})(?:ஆரம்ப\sசுகாதார|சுகாதார|மனநல|மருத்துவக்|மருத்துவ|பல்\sமருத்துவ)"
    r"\s(?:நிலையம்|மையம்|கல்லூரி(?:\sமருத்துவமனை)?|மருத்துவமனை)(?![\p{L}\p{M}])"
    # (r20 round) a memorial facility: "X Y நினைவு அரசு மருத்துவமனை" (X Y Memorial Government Hospital), "X நினைவுப்
    # பள்ளி" (X Memorial School)
    r"|(?<![\p{L}\p{M}])(?P<ta>(?:[\p{Tamil}]{3,}\s){1,3})நினைவு(?:ப்)?\s(?:(?:அரசு|அரசினர்|தனியார்|மாவட்ட|நகராட்சி)\s)?"
    r"(?:மருத்துவமனை|கல்லூரி|பள்ளி|மேல்நிலைப்\sபள்ளி|மையம்|இல்லம்)(?![\p{L}\p{M}])")
_FACILITY_AT = regex.compile(r"(?<![\p{L}\p{M}'’-])(?:\p{Lu}\p{Ll}+\s){0,3}(?:Hospital|Clinic|Asylum|Infirmary|Hospice"
                           r"|Sanatorium)\sat\s$")
_TA_NOT_FACILITY_NAME = ("ுடன்", "ோடு", "ிடம்", "ால்", "ும்", "ிற்கு")
# a town where someone lives or was born: "still lives alone in Fox Hollow", "born on 3 May 1950 in Nun's Cross"
_DWELL_IN = regex.compile(r"\b(?:lives|lived|living|grew\sup|raised|born(?:\son\s[\w ,]{3,30}?)?)\s"
                          r"(?:alone\s|still\s)?in\s"
                          r"(?P<p>\p{Lu}[\p{Ll}\p{M}]+(?:['’]s)?(?:\s\p{Lu}[\p{Ll}\p{M}]+){0,2})(?=[\s,.;:)]|$)")
_NEW_FACILITY_CUES = ("IES", "CEIP", "CIFP", "CPEPA", "CEE ", "CRA ", "'s and", "’s and", "'s &", "iekenhuis",
                      "liniek", "Medisch", "Zorggroep", "GGZ", "நிலையம்", "மையம்", "கல்லூரி", "மருத்துவமனை",
                      "நினைவு")


# (r19 round) places and facilities of new shapes: a French facility's type first ("Groupe Scolaire Saint Paul",
# "Lycée de Tanambo", "Université de La Vallée", "Clinique Saint-Luc"); a region's name before a facility word ("Prairie
# Hospital" where "Prairie" is a region: "Yukon Hospital", "Nunavut University"); a facility with "and" inside and its
# town after ("Faith and Hope Centre Gikondo"); a town with its article or a town word ("Le Tampon-இல்", "Puerto
# Aventuras", "Villa Hermosa"); the value of a birthplace field ("Place of birth: Le Morne,", "பிறந்த ஊர்: X"); a
# Tamil town before its PIN ("..., X - 641001") or before "-ல்" and a verb of living ("X-ல் வசிக்கிறார்"); a Tamil
# hospital or college after its name ("X மருத்துவமனை", "X கலை அறிவியல் கல்லூரி" arts and science college)
_PLACE_FORMS = regex.compile(
    r"(?<![\p{L}\p{M}'’-])(?P<fr>(?:Groupe\sScolaire|Lycée|Collège|Université|Clinique|Hôpital|École|Centre\sHospitalier"
    r"|Institut)(?:\s(?:(?:de\s(?:la\s|l['’])?|du\s|des\s)?\p{Lu}[\p{L}\p{M}'’-]+|d['’]\p{Lu}[\p{L}\p{M}'’-]+)){1,3})"
    r"|(?<![\p{L}\p{M}'’-])(?P<r>\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)\s(?:Hospital|Institution|University|College"
    r"|Infirmary)\b"
    r"|(?<![\p{L}\p{M}'’-])(?P<and>\p{Lu}\p{Ll}+\s(?:and|&)\s(?:\p{Lu}\p{Ll}+\s){1,2}(?:Centre|Center|Clinic|Hospital|Home"
    r"|Foundation|Institute))(?:\s(?P<town>\p{Lu}\p{Ll}{3,}))?(?=[\s,.;:|/·)]|$)"
    r"|(?<![\p{L}\p{M}'’-])(?P<art>(?:(?:La|Le|Les)\s\p{Lu}\p{Ll}+(?=-\p{Tamil}))|(?:Puerto|Playa|Ciudad|Villa|Isla"
    r"|Bahía|Valle)\s\p{Lu}\p{Ll}{3,}(?:\s(?:de\s)?\p{Lu}\p{Ll}{3,})?(?=[\s,.;:|/·)]|$))"
    r"|(?<=\b(?:Place\sof\sbirth|Birthplace|Born\sin|Lugar\sde\snacimiento|Hometown)\s?(?::\s?|\s[-–]\s|\s))"
    r"(?P<born>\p{Lu}[\p{L}\p{M}'’-]+(?:\s\p{Lu}[\p{L}\p{M}'’-]+){0,2})(?=[,;.|/·]|\s[-–]\s|$)"
    # (r25 round) a town's field with its colon, new labels: "Locality: Doughiska", "Relocated from: Knock · ...",
    # "Originally from: Lakes Entrance.", "Raised in: Calais;", "Hometown: Auburn · ...", "Se crió en: Ilobasco //"
    r"|(?<=\b(?:Locality|Suburb|Township|Relocated\sfrom|Originally\sfrom|Raised\sin|Grew\sup\sin|Moved\sfrom"
    r"|Moved\sto|Hometown|Home\stown|Se\scri[óo]\sen|Creci[óo]\sen|Localidad|Procedente\sde|Oriund[oa]\sde)\s?:\s?)"
    r"(?P<lab>\p{Lu}[\p{L}\p{M}'’-]+(?:\s\p{Lu}[\p{L}\p{M}'’-]+){0,2})(?=[,;.|/·»]|\s[-–·»|/]\s|\s//|\s*$)"
    r"|(?<=பிறந்த\sஊர்\s?(?::\s?|\s?-\s|\s))(?P<tborn>\p{Tamil}{3,})(?=[\s,;.|/·]|$)"
    r"|(?<=,\s)(?P<tpin>\p{Tamil}{3,})(?=\s?-\s?\d{6}\b)"
    r"|(?<![\p{L}\p{M}])(?P<tlive>\p{Tamil}{3,})(?=-(?:ல்|இல்)\s(?:வசி|தங்கி|குடியிரு|இருக்கிறார்))"
    r"|(?<![\p{L}\p{M}])(?P<tfac>\p{Tamil}{3,}\s(?:(?:கலை\s(?:மற்றும்\s)?அறிவியல்|பொறியியல்)\s)?(?:மருத்துவமனை|கல்லூரி))"
    r"(?![\p{L}\p{M}])")
_PLACE_FORM_CUES = ("Groupe", "Lycée", "Collège", "Université", "Clinique", "Hôpital", "École", "Centre Hosp",
                      "Institut", "Hospital", "Institution", "University", "College", "Infirmary", " and ", " & ",
                      "La ", "Le ", "Les ", "Puerto", "Playa", "Ciudad", "Villa ", "Isla", "Bahía", "Valle", "birth",
                      "Born in", "Hometown", "ஊர்", "Locality", "Suburb", "Township", "Relocated", "Originally",
                      "Raised", "Grew up", "Moved", "own:", "own :", "cri", "Creci", "Localidad", "Procedente",
                      "Oriund", "மருத்துவமனை", "கல்லூரி", "-ல்", "-இல்", "முகவரி")


def _place_forms(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    if not any(c in text for c in _PLACE_FORM_CUES):
        return
    for m in _PLACE_FORMS.finditer(text):
        g = m.lastgroup if m.lastgroup != "town" else "and"
        start, end = m.start(g), m.end(g)
        word = m.group(g)
        if g == "r" and _fold(word) not in lex.regions:
            continue                                       # only a region's name: "Prairie Hospital"
        if g == "r":
            end = m.end()
        if g == "and" and m.group("town") and not _ordinary_cue_word(m.group("town"), lex):
            end = m.end("town")
        if g == "born" and _ordinary_cue_word(word.split()[-1], lex) and _fold(word) not in lex.places:
            continue
        if g == "lab" and (" " not in word and _ordinary_cue_word(word, lex) and _fold(word) not in lex.places or
                           _fold(word.split()[0]) in lex.first_names and _fold(word) not in lex.places and
                           " " in word):
            continue                                       # "Locality: Unknown", "Relocated from: Mary Byrne's"
        if g in ("tborn", "tpin", "tlive", "tfac"):
            first = word.split()[0]
            if first in lex.ta_common and g not in ("tpin", "tborn") or first.endswith(_TA_INFLECTED) or \
                    first.startswith(_TA_FUNCTION) or \
                    first in lex.cues["kin"] or first in lex.cues["titles"] or \
                    first in lex.patterns["ta_facilities"] or first in lex.patterns["ta_facility_modifiers"]:
                continue
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if any(sp.kind == "address" and sp.start >= start and sp.end <= end for sp in inside) and g == "fr":
            for sp in inside:                              # "Lycée" taken for a street word alone
                if sp.kind == "address":
                    found.remove(sp)
                    taken[sp.start:sp.end] = False
        if not _widen(found, taken, start, end) and not inside:
            _add(found, taken, start, end, "place")
    if " for " in text:                               # "Nova Institution" found: "... Institution for Women"
        for sp in [sp for sp in found if sp.kind == "place"]:
            more = _FACILITY_FOR.match(text, sp.end)
            if more and _fold(text[sp.start:sp.end].rsplit(" ", 1)[-1]) in lex.cues["facility_suffixes"]:
                _widen(found, taken, sp.start, more.end())


def _new_facilities(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    if any(c in text for c in _NEW_FACILITY_CUES):
        for m in _NEW_FACILITY.finditer(text):
            start = m.start()
            # (r17 round) a facility found shorter takes in the rest: "X அரசு மருத்துவக் கல்லூரி" found, then "...
            # மருத்துவமனை" (X Government Medical College Hospital)
            within = [sp.start for sp in found if sp.kind == "place" and start <= sp.start < sp.end < m.end()]
            if within:
                _widen(found, taken, min(within), m.end())
                continue
            if m.group("ta") is not None:                  # drop the words before the name: "அன்று X ..." (on that day)
                words = m.group("ta").split()
                while words and (words[0] in lex.ta_common or words[0].endswith(_TA_INFLECTED + _TA_NOT_FACILITY_NAME)
                                 or words[0] in _TA_SUBJECT_ADVERBS):
                    start += len(words.pop(0)) + 1
                if not words:
                    continue
            if m.group("pre") is not None and _ordinary_cue_word(m.group("pre"), lex):
                start = m.end("pre") + 1                   # "the Women's and Children's Hospital"
            end = m.end() - (text[m.end() - 1] == ".")      # (r17 round) "CEIP Ntra. Sra. de la Paz" (its
            #                                                 abbreviations, not the full stop after it)
            _widen(found, taken, start, end)
    if " in " in text:
        for m in _DWELL_IN.finditer(text):
            first = _strip_possessive(m.group("p").split()[0])
            if _fold(m.group("p")) not in lex.regions and _fold(first) not in lex.regions and not (
                    _ordinary_cue_word(first, lex) and _fold(first) not in lex.places):
                _widen(found, taken, m.start("p"), m.end("p"))
    if " at " in text:                                    # the facility before "at" and a place found already
        for sp in [sp for sp in found if sp.kind == "place"]:
            m = _FACILITY_AT.search(text, max(0, sp.start - 60), sp.start)
            if m is not None:
                _widen(found, taken, m.start(), sp.end)
    for sp in sorted([sp for sp in found if sp.kind == "place"], key=lambda s: s.start):
        if not any(_fold(w) in _FACILITY_TAIL_HEADS or len(w) > 3 and _fold(w) in lex.cues["facility_suffixes"]
                   for w in text[sp.start:sp.end].split()):
            continue
        m = _FACILITY_TAIL.match(text, sp.end)
        if m and sp in found and not any(w[:1].isupper() and _ordinary_cue_word(w, lex) and _fold(w) not in lex.places
                                         for w in m.group().split()[1:]):   # not "Hospital at Christmas"
            _widen(found, taken, sp.start, m.end())


# (r22 round) a Malaysian school, temple, mosque or church named with its Malay prefix and up to five capitalised
# words: "SJK(T) Ladang Bukit Jalil" (a Tamil-medium primary school), "SMK Seri Ampang", "Kuil Sri Maha Mariamman
# Taman Desa" (a Hindu temple), "Masjid Jamek", "Gereja St Anne"
_MALAY_FACILITY_NEEDS = ("SJK", "SMK", "Kuil ", "Masjid ", "Surau ", "Gereja ", "Tokong ")
_MALAY_FACILITY = regex.compile(r"(?<![\w(])(?:SJK\s?\([TC]\)|SMJK|SMK|Kuil|Masjid|Surau|Gereja|Tokong)"
                                r"(?:\s(?:\p{Lu}[\p{L}'’-]*|dan|di)\b){1,5}")


def _malay_facilities(text: str, found: list[Span], taken: np.ndarray) -> None:
    for m in _MALAY_FACILITY.finditer(text):
        _widen(found, taken, m.start(), m.end())


# (r23 round) facilities named with their type first or last in Welsh, Māori and Spanish, over the names and places
# found inside them:
# - a marae and its Māori name, the lower-case particles inside ("Nga Hau e Wha National Marae", "Arai Te Uru
#   Marae", "Ōtākou Marae");
# - a Welsh school, college, hospital, centre, surgery, home or chapel, its type first ("Ysgol Friars", "Coleg
#   Ceredigion", "Ysbyty Glan Clwyd", "Canolfan Brailsford", "Tŷ Cerrig"), up to a weekday, a month or an ordinary
#   word after it ("Ysbyty Glan Clwyd Sunday past");
# - a Spanish institute, university, school or hospital, its type first, over a person's name in it ("Instituto
#   Central Vicente Cáceres", "Universidad Nacional Autónoma de Honduras en el Valle de Sula");
# - a Welsh town with its article ("Y Felinheli", "Yr Wyddgrug"), the town found already.
_MARAE = regex.compile(r"(?<![\p{L}\p{M}'’-])(?!The[ ])"
                       r"(?:\p{Lu}[\p{L}\p{M}'’-]*[ ](?:(?:e|o|a|te|ki|i|nga|nā|tō)[ ])?){1,5}Marae\b")
_TYPE_FIRST = regex.compile(r"(?<![\p{L}\p{M}'’-])(?:Ysgol|Coleg|Ysbyty|Canolfan|Meddygfa|Cartref|Prifysgol|Tŷ|Capel"
                            r"|Eglwys|Carchar|Instituto|Universidad|Colegio|Escuela|Liceo|Hospital|Clínica|Sanatorio"
                            r"|Centro\sEducativo|Centro\sEscolar|Complejo\sEducativo)"
                            r"(?:[ ](?:(?:y|yr|ar|dan|uwch|de|del|de[ ]la|de[ ]los|de[ ]las|en[ ]el|en[ ]la)[ ])?"
                            r"\p{Lu}[\p{L}\p{M}'’-]+){1,8}")
_WELSH_ARTICLE = regex.compile(r"(?:(?<=^)|(?<=[\s(]))(?:Y|Yr)\s$")
_TYPE_FIRST_NEEDS = ("Marae", "Ysgol", "Coleg", "Ysbyty", "Canolfan", "Meddygfa", "Cartref", "Prifysgol", "Tŷ ",
                     "Capel", "Eglwys", "Carchar", "Instituto", "Universidad", "Colegio", "Escuela", "Liceo",
                     "Hospital", "Clínica", "Sanatorio", "Centro E", "Complejo E")
_CALENDAR_WORD = regex.compile(rf"(?:{_WD}|January|February|March|April|May|June|July|August|September|October"
                               r"|November|December)\b")


def _type_first_facilities(text: str, lex: Lexicon, lang: str, found: list[Span], taken: np.ndarray) -> None:
    if any(w in text for w in _TYPE_FIRST_NEEDS):
        for rx in (_MARAE, _TYPE_FIRST):
            for m in rx.finditer(text):
                words = list(regex.finditer(r"\S+", m.group()))
                keep = next((i for i, w in enumerate(words[1:], 1) if _CALENDAR_WORD.fullmatch(w.group())),
                            len(words))                 # up to a weekday or a month, then no ordinary word last
                while rx is _TYPE_FIRST and keep > 2 and (key := _fold(words[keep - 1].group())) not in lex.places \
                        and key not in lex.cues["facility_suffixes"] and (
                        key in lex.es_common if lang == "es" else key in lex.en_common):
                    keep -= 1
                if keep < 2:
                    continue
                start, end = m.start(), m.start() + words[keep - 1].end()
                if rx is _TYPE_FIRST and not any(sp.start < end and sp.end > start and sp.kind in ("name", "place")
                                                 for sp in found):
                    continue                                    # (only over a name or a place found inside it)
                inside = [sp for sp in found if sp.start < end and sp.end > start]
                if any(sp.kind not in ("name", "place") or sp.roster is not None or sp.start < start or (
                        sp.end > end and not regex.fullmatch(r"(?:\s\p{Ll}+)+", text[end:sp.end])) for sp in inside):
                    continue
                _replace(found, taken, inside, start, end, "place")
    if lang != "es" and ("Y " in text or "Yr " in text):
        for sp in [sp for sp in found if sp.kind == "place"]:
            m = _WELSH_ARTICLE.search(text, max(0, sp.start - 4), sp.start)
            if m is not None:
                _widen(found, taken, m.start(), sp.end)

# (r15 round) a town before a Tamil verb of going, bare (no case ending): "X செல்கிறார்" (goes to X), "Port Louis
# சென்றார்" (went to Port Louis), "Grand-Baie போவார்" (will go to Grand-Baie)
_TA_GOING = regex.compile(r"\s(?:செல்கிறார்|சென்றார்|செல்வார்|செல்கிறாள்|சென்றாள்|செல்லவிருக்கிறார்|போகிறார்|போனார்"
                          r"|போவார்)(?![\p{L}\p{M}])")
_TA_GOES_TO = regex.compile(r"(?<![\p{L}\p{M}'’-])(?P<p>\p{Lu}[\p{L}\p{M}'’]*(?:(?:-|\s(?:(?:de|du|des|la|le)\s)?)"
                            r"\p{Lu}[\p{L}\p{M}'’]*){0,2}|[\u0b80-\u0bff]{3,})$")
# (r15 round) a facility named by its type first, the place after: "Mental Hospital Patan", "Zonal Hospital
# Birgunj"; and Mexican technical schools by their acronym and number: "CBTis 41", "CETis n.º 12", "CONALEP 118"
_TYPE_FIRST_FACILITY = regex.compile(r"(?<![\p{L}\p{M}])(?:(?:Mental|District|Zonal|Provincial|Regional|Military|Civil"
                                     r"|Teaching)\s+Hospital\s+\p{Lu}\p{Ll}{3,}(?![\p{L}\p{M}])"
                                     r"|(?:CBTis|CBTIS|CBTa|CETis|CETIS|CBETis|CECyT|CONALEP|Conalep|COBACH|Cobach"
                                     r"|CETMar)\s+(?:(?:No\.|n\.º|Nº|#)\s?)?\d{1,3}\b"
                                     # (r26 round) a prison's unit or a provincial prison by number: "Unidad n.º 5 de
                                     # mujeres", "CPL Manabí n.º 4", "CRS Turi n.º 2"
                                     r"|(?:Unidad|CPL|CRS|CDP|CPPL|Penal|Módulo|Modulo)\s+(?:\p{Lu}[\p{L}\p{M}]+\s+)?"
                                     r"(?:n\.?[º°o]\.?|No\.|Nº|#)\s?\d{1,3}\b(?:\s+de\s+(?:mujeres|varones|hombres"
                                     r"|menores|mínima|máxima|mediana)\b)?"
                                     # (r26 round) a Spanish hill, parish or district named with its lower-case word
                                     # after "en el", "en la": "en el cerro Santa Ana", "en la parroquia Ximena"
                                     r"|(?<=\b(?:en|de|desde|a)\s(?:el|la)\s)(?:cerro|parroquia|comarca|recinto|cantón"
                                     r"|ciudadela)\s(?:(?:de|del|de\sla)\s)?\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s\p{Lu}[\p{Ll}\p{M}'’-]+){0,2}"
                                     r"(?![\p{L}\p{M}]))")
# (r20 round) a town's own field label, then the town: "Town: Tubmanburg", "Village - Kerr Sait", "Localidad: Tafí
# Viejo"
_TOWN_FIELD = regex.compile(r"\b(?:Town|TOWN|City|CITY|Village|VILLAGE|Localidad|Pueblo|Municipio)\s?[:-]\s"
                            r"(?P<p>\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s(?:(?:de|del|de\sla)\s)?\p{Lu}[\p{Ll}\p{M}'’-]+){0,2})"
                            r"(?=\s*[.,;|/)—–]|\s*$)")
# (r21 round) a Tamil town's field ("ஊர்: X", town: X) and a Tamil town between the street line and its PIN
# ("..., ரயிலடி சாலை, X - 612 441")
_TA_TOWN_FIELD = regex.compile(r"(?<![\p{L}\p{M}])ஊர்\s?[:-]\s(?P<p>[\u0b80-\u0bff]{3,})(?=\s*[.,;|/)—–]|\s*$)"
                               r"|(?<=,\s)(?P<p>[\u0b80-\u0bff]{3,})(?=\s[-–]\s\d{3}\s?\d{3}(?!\d))")
# (r20 round) a Spanish neighbourhood named with its lower-case article, after living, birth or a home, the article
# inside the span: "vive en el Albaicín", "el piso de la Trinidad", "Lugar de nacimiento: el Realejo"
_ARTICLE_BARRIO = regex.compile(r"\b(?:(?:vive|vivía|vivia|vivió|vivio|viven|nació|nacio|creció|crecio|mudó|mudo"
                                r"|piso|barrio|casa)\s(?:en|de|a)|(?i:lugar\sde\snacimiento|barrio):)\s"
                                r"(?P<p>(?:el|la)\s\p{Lu}[\p{Ll}\p{M}]{3,})(?=\s*[.,;|/)]|\s*$|\s(?:y|e|con|desde|y\sla)\s)")
# (r24 round) a Tamil area named with its word for area, "பகுதி", before the postcode or before "பகுதியில்" (in
# the area of): "..., நாகூர் பகுதி - 611 066", "மேம்பாலம் பகுதி பகுதியில்" (the word inside the span)
_TA_AREA_NAMED = regex.compile(r"(?<![\p{L}\p{M}])(?P<p>[\u0b80-\u0bff]{3,}\sபகுதி)"
                               r"(?=\s[-–]\s\d{3}\s?\d{3}(?!\d)|\sபகுதி(?:யில்|க்கு|யிலிருந்து))")
# (r24 round) a town named for a saint with its possessive, after a comma or a place's preposition and before no
# capitalised word: "Unit 29, St. John's, NL", "a home near St. John's." (not "St. John's Hospital", a facility the
# other rules take whole); an institution's acronym where a person is admitted or studies: "ingresada en el UTESA"
_SAINT_TOWN = regex.compile(r"(?<=,\s|\b(?:in|near|at|from|to|outside|around|en|de|desde)\s)"
                            r"(?P<p>(?:St|Ste|Saint)\.?\s\p{Lu}\p{Ll}+['’]s)(?![\p{L}\p{M}])(?!\s+\p{Lu})")
_ADMITTED_ACRONYM = regex.compile(r"(?<=\b(?:ingresad[oa]|internad[oa]|hospitalizad[oa]|ingresó|ingreso|estudia"
                                  r"|admitted|enrolled|studies|studying)\s(?:en|a|at|to)\s(?:el|la|the)\s)"
                                  r"(?P<p>[A-Z]{3,8})(?![\w-])")
_TYPE_FIRST_WORDS = ("Unidad ", "CPL ", "CRS ", "CDP ", "CPPL ", "Penal ", "dulo ", "erro ", "arroquia ", "omarca ",
                        "ecinto ", "antón ", "anton ", "iudadela ")
_TOWN_FIELD_NEEDS = ("own", "OWN", "ity", "ITY", "illage", "ILLAGE", "ocalidad", "ueblo", "unicipio")
# (r23 round) a form's field that holds a place, then the place: "Placement: Heart Butte", "Previous provider -
# Gwersyllt", "Facility: Towyn", "Hospital de origen: Cobán", "Centro: Tocoa", "Escuela - San Pedro Sula", "Referred
# from Glacier Community Health Center"; without a colon only after "Placement", "Previous provider", "Referred from"
# ("Placement Helena;"); Tamil school, hospital and referring-place fields after a field's separator ("; பள்ளி தளி;",
# "— மருத்துவமனை X —", "· பரிந்துரைத்த இடம்: X.")
# where a field's value ends: a clause's punctuation, the end, a dash or any form separator
_VALUE_END = rf"(?=[ ]*[.,;|/)—–·]|[ ]*$|[ ][-–—][ ]|[ ]{SEPARATOR_MARKS}(?:[ ]|$))"
_PLACE_VALUE = (r"(?P<p>\p{Lu}[\p{L}\p{M}'’-]+(?:[ ](?:(?:de|del|de[ ]la|y|yr|of|the|and)[ ])?"
                r"\p{Lu}[\p{L}\p{M}'’-]+){0,5})"
                + _VALUE_END)
_PLACE_FIELD = regex.compile(
    r"(?<![\p{L}\p{M}])(?:(?:Placement|PLACEMENT|Previous\sprovider|Referred\sfrom|Referral\sfrom)(?:\s?[:\-–—]\s|\s)"
    r"|(?:Facility|Hospital\sde\sorigen|Centro\sde\sorigen|Derivad[oa]\sdesde|Procedencia|Centro|Escuela|Colegio"
    r"|School|Previous\sschool|Current\sschool)\s?[:\-–—]\s)" + _PLACE_VALUE
    + r"|(?:(?<=^)|(?<=[;|·—–:.,]\s))(?:பள்ளி|மருத்துவமனை|பரிந்துரைத்த\sஇடம்|பரிந்துரை\sஇடம்)(?![\p{L}\p{M}])"
    r"[ ]?(?:[:\-–—][ ]?)?[ ]?"
    r"(?P<t>(?:\p{Tamil}{2,}|\p{Lu}[\p{L}\p{M}'’-]+)(?:[ ](?:\p{Tamil}{2,}|\p{Lu}[\p{L}\p{M}'’-]+)){0,2})"
    r"(?=[ ]*[.,;|/)—–·]|[ ]*$|[ ][-–—][ ])", regex.M)
_PLACE_FIELD_NEEDS = ("lacement", "LACEMENT", "provider", "from ", "Facility", "origen", "Derivad", "Procedencia",
                      "Centro", "Escuela", "Colegio", "School", "பள்ளி", "மருத்துவமனை", "இடம்")
# (r24 round) a form's field that holds a neighbourhood, a birthplace or a facility, then its value, ordinary words
# and all: "Neighbourhood: the Battery", "District: Short Strand", "Lugar de nacimiento: Los Andes", "Held at: Holy
# Heart of Mary High School", "Attends: Prairie St. John's", "Placement: Choices for Youth"; a Tamil area's field
# ("வசிக்கும் பகுதி: Taman Sri Muda", "வசிக்கும் பகுதி – கரம்பயம்", area of residence)
# (r26 round) more fields that name a place: where a family is from, where one was raised or moves to, a community
# or a First Nation, a shelter, a congregation, custody, where one was seen or is enrolled ("Community: the Carse of
# Gowrie", "Family from: Beardy's and Okemasis' Cree Nation", "Custody: Penitentiary of New Mexico"); Spanish "Zona: el
# Gancho", "Se muda a: Jaca", "Procedencia: la comarca de Valdejalón", "Acogida en: albergue municipal de Zaragoza" (a
# lower-case generic head inside the span, the article outside); Tamil area, home-town, family-town, worship and
# treatment-place fields ("பகுதி: நெய்வேலி வட்டம் 19", "வழிபாட்டுத் தலம்: Sri Kamadchi Ampal Alayam"); before any
# form separator (" + ", " ~ ", " :: ", " -> ")
_FIELD_VALUE_END = rf"(?=[ ]*[,;|/)—–·]|[ ]*\.(?:\s|$)|[ ]*$|[ ][-–—][ ]|[ ]{SEPARATOR_MARKS}(?:[ ]|$))"
_ES_PLACE_HEAD = (r"(?:(?:comarca|parroquia|centro|albergue|hogar|residencia|cerro|barrio|colonia|recinto|cantón|canton"
                  r"|municipio|casa|refugio|ciudadela|sector)(?:[ ](?:municipal|provincial|comunal|parroquial))?"
                  r"[ ](?:(?:de|del|de[ ]la)[ ])?)?")
_AREA_FIELD = regex.compile(
    r"(?<![\p{L}\p{M}])(?:(?P<a>Neighbourhood|Neighborhood|NEIGHBOURHOOD|District|DISTRICT|Area|AREA|Estate|Suburb"
    r"|Barrio|Sector|Lugar\sde\snacimiento|Birthplace|Place\sof\sbirth|Born\sin)"
    r"|(?P<f>Held\sat|Attends|Placement|Placed\sat|Detained\sat|Admitted\sto|Custody|Temporary\sstay|Shelter"
    r"|Zona|Community|Family\sfrom|Family\sin|Hometown|Home\stown|Raised\sin|Grew\sup\sin|Moving\sto|Moved\sto"
    r"|Familia\sen|Se\smuda\sa|Se\smudó\sa|Natural\sde|Procedencia|Reserve|First\sNation|Band"
    r"|Congregation|Seen\sat|Enrolled\sat|Inpatient\sat|School|Acogida\sen|Acogido\sen|Interno\sen|Interna\sen"
    r"|Ingresad[oa]\sen|Albergue"
    # (r27 round) where one stays, spends the day, volunteers, worships, is lodged or enrolled: "Day centre: WCA of
    # Boise", "Staying at: Coastline Housing", "Volunteers at: Cathedral of St. John the Evangelist", "Alojada en: Casa
    # de Acogida de Avilés", "Matriculada en: Tecnológico de Costa Rica", "Parroquia: San Vicente"
    r"|Day\scentre|Day\scenter|Day\sprogram|Day\sprogramme|Staying\sat|Stays\sat|Living\sat|Lodged\sat|Volunteers\sat"
    r"|Volunteer\sat|Worships\sat|Place\sof\sworship|Studies\sat|Alojad[oa]\sen|Hospedad[oa]\sen|Matriculad[oa]\sen"
    r"|Inscrit[oa]\sen|Estudia\sen|Voluntari[oa]\sen|Parroquia"
    # (r28 round) where one stays, comes from or lives: "Staying in: Western Bay of Plenty", "From: Welcome Bay",
    # "Reside en: La Chimba"
    r"|Staying\sin|Stays\sin|From|Resides\sin|Reside\sen|Vive\sen|Lives\sin))\s?[:\-–—]\s"
    r"(?:(?<!(?:Neighbourhood|Neighborhood|District|Area|Estate|Suburb|Born\sin)\s?[:\-–—]\s)(?:the|la|el|los|las)\s)?"
    r"(?P<p>(?:(?<=(?:Neighbourhood|Neighborhood|District|Area|Estate|Suburb|Born\sin)\s?[:\-–—]\s)the\s)?"
    + _ES_PLACE_HEAD +
    r"\p{Lu}[\p{L}\p{M}'’-]+\.?(?:[ ](?:(?:de|del|de[ ]la|y|of|the|and|for|al|or|o)[ ])?"
    r"(?<=(?:\b(?:St|Ste|Mt|Ft|Sr|Sra|Dr|Dra|Jr|\p{Lu})\.|[\p{L}\p{M}'’-])[ ]"
    r"(?:(?:de|del|de[ ]la|y|of|the|and|for|al|or|o)[ ])?)"
    # (r28 round: an initial inside, "William R. Sharpe Jr. Hospital"; a number after, "Comedor París 365")
    r"\p{Lu}(?:[\p{L}\p{M}'’-]+\.?|\.)){0,5}(?:[ ]\d{1,4}(?![\d/.,:-]\d)(?=[^\S\n]*[^\w\s]|$))?)"
    r"(?<!\.)" + _FIELD_VALUE_END +
    r"|(?<![\p{L}\p{M}])(?:வசிக்கும்\s)?(?:பகுதி|குடும்பம்\sஉள்ள\sஊர்|சொந்த\sஊர்|வழிபாட்டுத்\sதலம்|சிகிச்சை\sபெற்ற\sஇடம்"
    r"|பூர்வீகம்|தங்குமிடம்|தங்கும்\sஇடம்|படிக்கும்\sஇடம்|படிக்கும்\sபள்ளி)\s?[:\-–—]\s"
    r"(?P<t>(?:(?:\p{Tamil}+\.)*\p{Tamil}{2,}|\p{Lu}[\p{L}\p{M}'’-]+)(?:[ ](?:(?:\p{Tamil}+\.)*\p{Tamil}{2,}"
    r"|\p{Lu}[\p{L}\p{M}'’-]+)){0,4}"
    r"(?:[ ]\d{1,3}(?!\d))?)"
    + _VALUE_END)
_AREA_FIELD_NEEDS = ("eighbo", "EIGHBO", "istrict", "ISTRICT", "Area", "AREA", "Estate", "Suburb", "Barrio", "Sector",
                     "nacimiento", "irthplace", "of birth", "Born in", "Held at", "Attends", "Placement", "Placed at",
                     "Detained at", "Admitted to", "வசிக்கும்", "Zona", "Community", "Family from", "Family in",
                     "ometown", "ome town", "Raised in", "Grew up in", "Moving to", "Moved to", "Familia en", "Se mud",
                     "Natural de", "Procedencia", "Reserve", "First Nation", "Band", "Custody", "Temporary stay",
                     "Shelter", "Congregation", "Seen at", "Enrolled at", "Inpatient at", "School", "Acogid",
                     "Interno en", "Interna en", "Ingresad", "Albergue", "பகுதி", "ஊர்", "தலம்", "இடம்", "பூர்வீக",
                     "Day ", "Staying at", "Stays at", "Living at", "Lodged at", "Volunteer", "Worships at",
                     "of worship", "Studies at", "Alojad", "Hospedad", "Matriculad", "Inscrit", "Estudia en",
                     "Voluntari", "Parroquia", "தங்கு", "Staying in", "Stays in", "From", "Reside",
                     "Vive en", "Lives in")
# (r20 round) a facility named after a doctor: "Hospital General Dr. Aurelio Valdivieso", "Clínica Dra. Rosa Paz"
_DOCTOR_FACILITY = regex.compile(r"(?<![\p{L}\p{M}])(?:Hospital|Clínica|Clinica|Sanatorio|Centro\sde\sSalud|Policlínico"
                                 r"|Instituto)(?:\s(?:Civil|General|Regional|Municipal|Provincial|Materno\sInfantil"
                                 r"|Universitario|Comunitario|Rural)){0,2}\s(?:Dr|Dra|Doctor|Doctora|Prof)\.?"
                                 r"(?:\s\p{Lu}[\p{Ll}\p{M}'’-]+|\s\p{Lu}\.){1,4}")


def _field_places(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    """Places a form's field or a place's cue names (run before the people the cues name): a town's, a placement's or
    an area's field, a saint's town, an acronym one is admitted to, a Tamil area, a Spanish barrio with its article, a
    facility named after a doctor."""
    for m in _TOWN_FIELD.finditer(text) if any(c in text for c in _TOWN_FIELD_NEEDS) else ():
        _widen(found, taken, m.start("p"), m.end("p"))
    for m in _PLACE_FIELD.finditer(text) if any(c in text for c in _PLACE_FIELD_NEEDS) else ():
        g, value, words = _field_value(m)
        if _no_field_value(value, words, g, lex) or len(words) > 1 and (
                words[-1].isupper() or _ordinary_cue_word(words[-1], lex) and
                _fold(words[-1]) not in lex.cues["facility_suffixes"]):
            continue                            # a next field's cue run on: "... General Hospital OHIP - 8032"
        first = _fold(words[0])
        if g == "p" and first in lex.first_names and first not in lex.places or \
                g == "t" and (words[0] in lex.cues["kin"] or words[0] in lex.cues["titles"]) or \
                all(_ordinary_cue_word(w, lex) for w in words) and _fold(value) not in lex.places:
            continue                            # "Referred from Ana Lee", "School: Year 9", "Centro: Salud Mental"
        _take_field_value(found, taken, m, g, with_label=True)
    for m in _SAINT_TOWN.finditer(text) if "St" in text or "Saint" in text else ():
        _widen(found, taken, m.start("p"), m.end("p"))
    for m in _ADMITTED_ACRONYM.finditer(text):
        if _fold(m.group("p")) not in lex.en_words and _fold(m.group("p")) not in lex.es_words and \
                _fold(m.group("p")) not in lex.safe_words:
            _widen(found, taken, m.start("p"), m.end("p"))
    for m in _TA_AREA_NAMED.finditer(text) if "பகுதி" in text else ():
        w = m.group("p").split()[0]
        if w not in lex.ta_common and not w.endswith(_TA_NOT_BARE) and not _ordinary_cue_word(w, lex):
            _widen(found, taken, m.start("p"), m.end("p"))
    for m in _AREA_FIELD.finditer(text) if any(c in text for c in _AREA_FIELD_NEEDS) else ():
        g, value, words = _field_value(m)       # ordinary words allowed: "Neighbourhood: the Battery"
        # (r26 round: a title before a facility's word is the facility's, "Sri Kamadchi Ampal Alayam"; a Tamil
        # area's word after the town, "சிதம்பரம் வட்டம்"; not a relative, "Custody: Grandmother")
        whole = len(words) > 1 and (_fold(words[-1]) in lex.cues["facility_suffixes"] or words[-1] in _TA_AREA_TAILS)
        if _no_field_value(value, words, g, lex) and not whole or g == "p" and _fold(words[0]) in lex.cues["kin"] or \
                g == "p" and len(words) > 1 and (
                _fold(words[0]) in lex.first_names and _fold(words[0]) not in lex.places and
                _fold(words[-1]) not in lex.cues["facility_suffixes"] or words[-1].isupper() or
                m.group("a") and len(words) > 3):
            continue                            # "Held at: Ana Ruiz's", "Area: North West CHO"
        if m.group("f") and m.group("f").startswith(_STAY_FIELDS) and m.group("f") not in _COME_FROM_FIELDS and (
                all(_ordinary_cue_word(w, lex) or _fold(w) in lex.cues["kin"] for w in words if w[:1].isupper())
                and _fold(value) not in lex.places or regex.match(_WEEKDAY_WORD, value)):
            continue                            # (r27 round) "Staying at: Home", "Day centre: Monday and Friday"
        if m.group("f") and m.group("f") in _COME_FROM_FIELDS and (
                _fold(words[0]) in lex.first_names and _fold(words[0]) not in lex.places or
                len(words) == 1 and _ordinary_cue_word(words[0], lex) and (
                    _fold(value) not in lex.places or _fold(value) in lex.en_common)):
            continue                            # (r28 round) "From: Sarah", "From: Home", a message's sender
        _take_field_value(found, taken, m, g, with_label=False)
    for m in _TA_TOWN_FIELD.finditer(text) if "ஊர்" in text or " - " in text and _is_tamil(text) else ():
        _widen(found, taken, m.start("p"), m.end("p"))
    for m in _ARTICLE_BARRIO.finditer(text) if " el " in text or " la " in text else ():
        word = _fold(m.group("p").split()[1])
        if word not in lex.es_words and word not in lex.regions and word not in lex.en_words:
            _widen(found, taken, m.start("p"), m.end("p"))
    for m in _VERB_PLACE.finditer(text) if any(c in text for c in _VERB_PLACE_NEEDS) else ():
        words = [w for w in m.group("p").split() if w[0].isupper()]
        if not all(_ordinary_cue_word(w, lex) for w in words) and not (
                len(words) == 2 and _fold(words[0]) in lex.first_names and _fold(words[0]) not in lex.places):
            _widen(found, taken, m.start("p"), m.end("p"))     # (not "volunteers with Ana Ruiz")
    for m in _DOCTOR_FACILITY.finditer(text) if " Dr" in text or " Prof" in text else ():
        start, end = m.span()
        inside = [sp for sp in found if sp.start < end and sp.end > start]
        if any(sp.kind != "name" or sp.roster is not None for sp in inside):
            continue
        for sp in inside:                       # a name run on into the facility: "Dr. Ana Ruiz del Hospital ..."
            found.remove(sp)
            taken[sp.start:sp.end] = False
        _add(found, taken, start, end, "place")
        for sp in inside:
            if sp.start < start:
                head = text[sp.start:start].rstrip()
                head = regex.sub(r"\s(?:del|de\sla|de|at|of|from)$", "", head)
                _add(found, taken, sp.start, sp.start + len(head), "name")


# (r27 round) a place named after a verb of volunteering or worshipping, or a fall outside it: "She volunteers at
# Ahavath Beth Israel", "worships at St Mary's", "had a fall outside Ahavath Beth Israel"; a lower-case Spanish parish,
# "va a misa en la parroquia San Vicente de Paúl"; an Australian region after "in", "a cousin in Whitsunday Region"
_VERB_PLACE = regex.compile(
    r"\b(?:(?i:volunteers|volunteered|volunteering|worships|worshipped|worshiped|worshipping|worshiping)\s+at"
    r"|(?i:had\s+a\s+fall|fell|collapsed|was\s+found)\s+outside"
    # (r28 round) where one is admitted, moves out of or is transferred, where paperwork comes from, a car park's
    # grounds: "admitted to Te Papa Takaro o Te Arawa", "moved out of Tauranga Girls’ College", "Paperwork from West
    # Virginia State University", "in the car park of BridgeValley Community and Technical College"
    r"|(?<!\b(?i:not|never|be|been)\s)(?i:admitted|readmitted|transferred)\s+(?:to|from)"
    r"|(?i:moved|moving|moves)\s+out\s+of|(?i:paperwork|transcripts?)\s+from"
    r"|(?i:car\s+park|parking\s+lot|grounds|campus)\s+of)\s+(?:the\s+)?"
    r"(?P<p>\p{Lu}[\p{L}\p{M}'’-]+(?:[ ](?:(?:of|the|de|del|and|o)[ ])?"
    r"(?<=[\p{L}\p{M}'’-][ ](?:(?:of|the|de|del|and|o)[ ])?"
    r"|\b(?:St|Jr|Sr|\p{Lu})\.[ ](?:(?:of|the|de|del|and|o)[ ])?)(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|(?:January|February|March"
    r"|April|June|July|August|September|October|November|December|Yesterday|Today|Tomorrow|Last|Next|This)\b)"
    r"\p{Lu}(?:[\p{L}\p{M}'’-]+\.?|\.)){0,5})(?<!\.)"
    r"|\b(?P<p>(?:parroquia|Parroquia|capilla|ermita|santuario|basílica|iglesia)[ ](?:San|Santa|Santo|Nuestra|Sagrado"
    r"|Sagrada|Virgen|Cristo|Inmaculada)[ ]\p{Lu}[\p{L}\p{M}'’-]+"
    r"(?:[ ](?:(?:de|del|de[ ]la|y)[ ])?\p{Lu}[\p{L}\p{M}'’-]+){0,3})"
    r"|(?<=\b(?:in|from|near|at|to)[ ])(?P<p>\p{Lu}[\p{L}\p{M}'’-]+(?:[ ]\p{Lu}[\p{L}\p{M}'’-]+)?[ ](?:Region|Shire"
    r"|Regional[ ]Council|District[ ]Council))\b")
_VERB_PLACE_NEEDS = ("olunteer", "orship", "outside", "arroquia", "capilla", "ermita", "santuario", "basílica",
                     "iglesia", "Region", "Shire", "Council", "dmitted", "ransferred", " out of", "aperwork",
                     "ranscript", " of ")
_COME_FROM_FIELDS = frozenset({"From", "Staying in", "Stays in", "Resides in", "Reside en", "Vive en", "Lives in"})
_STAY_FIELDS = ("Day", "Stay", "Living", "Lodged", "Volunteer", "Worships", "Place of", "Studies", "Aloj", "Hosped",
                "Matric", "Inscrit", "Estudia", "Voluntari", "Parroquia")
_WEEKDAY_WORD = r"(?i:mon|tue|wed|thu|fri|sat|sun|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)"
_TA_AREA_TAILS = frozenset({"வட்டம்", "மாவட்டம்", "நகர்", "பகுதி", "மருத்துவமனை", "கோவில்", "கோயில்", "பள்ளி", "ஊர்",
                            # (r27 round: a shelter's or a centre's field value, "தங்குமிடம்: மகளிர் காப்பகம்")
                            "காப்பகம்", "மையம்", "இல்லம்", "விடுதி", "Tempel", "Kirche", "Moschee"})


def _field_value(m: regex.Match) -> tuple[str, str, list[str]]:
    """A field's value: its group (``p`` Latin, ``t`` Tamil), its text and its words without "the"."""
    g = "p" if m.group("p") else "t"
    return g, m.group(g), [w for w in m.group(g).split() if w != "the"]


def _no_field_value(value: str, words: list[str], g: str, lex: Lexicon) -> bool:
    """What no field holds as a place: a person with a title ("Dr Lee"), a region ("Kerala"), a short acronym
    ("ICU"), a common or inflected Tamil word."""
    first = _fold(words[0])
    return first in lex.cues["titles"] or first in lex.regions or _fold(value) in lex.regions or \
        value.isupper() and len(value) <= 4 or \
        g == "t" and (words[0] in lex.ta_common or words[0].endswith(_TA_NOT_BARE))


def _take_field_value(found: list[Span], taken: np.ndarray, m: regex.Match, g: str, *, with_label: bool) -> None:
    """A field's value becomes a place, over the names and places found inside it; ``with_label``: also over those
    that took in the field's label, which is then no name ("Placement Helena", "பரிந்துரைத்த இடம்")."""
    start, end = m.start(g), m.end(g)
    inside = [sp for sp in found if sp.start < end and sp.end > (m.start() if with_label else start)]
    if any(sp.kind not in ("name", "place") or sp.roster is not None or sp.end > end or
           not with_label and sp.start < start for sp in inside):
        return
    _replace(found, taken, inside, start, end, "place")
    if with_label:
        taken[m.start():start] = True


def _typed_facilities_and_destinations(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    """Facilities named by their type first ("Zonal Hospital Birgunj", "CONALEP 118") and towns before a Tamil verb of
    going (run after the people the cues name)."""
    if "Hospital " in text or "CBT" in text or "CET" in text or "onalep" in text or "ONALEP" in text or \
            "obach" in text or "OBACH" in text or "CECyT" in text or \
            any(w in text for w in _TYPE_FIRST_WORDS):
        for m in _TYPE_FIRST_FACILITY.finditer(text):
            last = m.group().split()[-1]
            if not any(ch.isdigit() for ch in m.group()) and not m.group()[0].islower() and \
                    _ordinary_cue_word(last, lex):
                continue                                   # "General Hospital Monday"
            _widen(found, taken, m.start(), m.end())
    if "செல்" in text or "சென்ற" in text or "போ" in text:
        for v in _TA_GOING.finditer(text):
            m = _TA_GOES_TO.search(text, max(0, v.start() - 40), v.start())
            if m is None or m.start() == max(0, v.start() - 40) > 0:
                continue
            word = m.group("p")
            if _is_tamil(word) and (word.endswith(_TA_CASE_ENDINGS) or word in lex.ta_common) or \
                    not _is_tamil(word) and all(_ordinary_cue_word(w, lex) for w in regex.split(r"[-\s]", word)
                                                if w[:1].isupper()):
                continue
            _add(found, taken, m.start("p"), m.end("p"), "place")
