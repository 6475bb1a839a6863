"""The identifiers that have a shape: dates and relative dates, ages over 89, phone and fax numbers, e-mail, URLs,
IPs, street addresses, postcodes, and social-security, record, account, licence and other numbers. The regular
expressions are built once, some from the word lists of ``data/lexicons/identifiers.yaml`` (:func:`_lexicon_patterns`,
compiled by :func:`~rapportlib.privacy.lexicon.load_lexicon`); :func:`_pattern_spans` runs them over a text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import regex

from .spans import SEPARATOR_MARKS, Span, _add, _cue_before, _fold, _is_tamil, _replace, _valid_numeric_date

if TYPE_CHECKING:
    from .lexicon import Lexicon


WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}\d]*(?:['’\-][\p{Latin}\p{M}]+)*(?:['’]s?)?")
_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"]
_MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
              "octubre", "noviembre", "diciembre"]
_MONTH_NUM = {m: i % 12 + 1 for i, m in enumerate(_MONTHS_EN + _MONTHS_ES)}
_MONTH_NUM.update({m[:3]: i + 1 for i, m in enumerate(_MONTHS_EN)})
_MONTH_NUM.update({"sept": 9, "setiembre": 9})
# (r23 round: a full stop only after a short month; after a full month it ends the sentence, "Appt - Monday 8 May.")
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_MES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)"
_WDF = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DS = r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
_YEAR = r"(?:1[89]\d\d|20\d\d|'\d\d)"
_ORD = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_HOLI = (r"(?:Christmas(?: Day| Eve)?|Thanksgiving(?: Day)?|Easter(?: Sunday)?|New Year'?s(?: Day| Eve)?"
         r"|Diwali|Deepavali|Pongal|Eid(?: al-Fitr| al-Adha)?|Ramadan|Halloween|Independence Day|Labou?r Day"
         r"|Memorial Day|Mother'?s Day|Father'?s Day|Valentine'?s Day|Navidad|Nochebuena|Día de (?:los )?Muertos"
         r"|Hanukkah|Chanukah|Passover|Yom Kippur|Rosh Hashanah|Purim|Lunar New Year|Chinese New Year|Tet|Holi|Onam"
         r"|Vesak|Kwanzaa|Juneteenth|Hogmanay|Vaisakhi|Baisakhi|Navratri|Dussehra|Ugadi|Sankranti|Cinco de Mayo"
         r"|Año Nuevo|Nochevieja|Reyes|Día de Reyes|Viernes Santo|Jueves Santo|Domingo de Ramos|Semana Santa|Xmas"
         # feasts and festivals named with a year: "Carnaval de 2019", "San Juan de 2019", "Bonfire Night 2020"
         r"|Carnaval|Carnival|Mardi Gras|Pentecost(?:és|es)?|Corpus Christi|Fiestas Patrias|Todos los Santos"
         r"|Inmaculada|Candelaria|Sant Jordi|(?:Noche de )?San Juan|San Fermín|San Isidro|Guy Fawkes(?: Night| Day)?"
         r"|Bonfire Night|Burns Night|Thaipusam|Ganesh Chaturthi|Raksha Bandhan|Nowruz|Songkran|Chuseok|Hari Raya"
         r"|Sukkot|Shavuot|Mawlid|Karthigai Deepam|Janmashtami|Mahashivratri|Christmastime|Yuletide"
         # Māori, Filipino, Sri Lankan, Malaysian, Ghanaian and Latin American feasts ("Matariki 2018", "Undas 2011",
         # "Sinhala and Tamil New Year 2024", "el Grito del 1999", "la Feria de Abril del 2001", "Inti Raymi 2015")
         r"|Matariki|Undas|Simbang Gabi|Noche Buena|Sinulog|Ati-Atihan|Kadayawan|Panagbenga|Pahiyas"
         r"|(?:Sinhala and Tamil |Sinhala |Tamil |Sinhala-Tamil )New Year|Avurudu|Poson|Esala Perahera|Perahera"
         r"|Aidilfitri|Aidiladha|Homowo|Hogbetsotso|Aboakyir|Odwira|Junkanoo|Emancipendence|Inti Raymi"
         r"|(?:el )?Grito(?: de (?:Dolores|Independencia|Lares))?"
         # (r20 round) Danish feasts with a year: "Sankt Hans aften 2014", "Fastelavn 2009", "Store Bededag 2021"
         r"|Sankt Hans(?: aften| dag)?|Sankthansaften|Grundlovsdag|Store Bededag|Fastelavn|Mortensaften|Juleaften"
         r"|Nytårsaften|Kristi Himmelfartsdag|Pinse|Påske"
         r"|(?:la )?Feria(?: de (?:la |las |los )?\p{Lu}[\p{L}]+)?"
         r"|Fiestas de \p{Lu}[\p{L}]+|Fiestas Patronales|Fiestas Julias|Carnaval de \p{Lu}[\p{L}]+)")
# holidays with a year, searched back from each year: "Christmas Day 2021", and any named day: "Boxing Day 2022",
# "St Patrick's Day 2023", "Good Friday 2021", "Remembrance Sunday 2018", "Día de Reyes de 2020"; with a part of the
# day or the season: "Christmas morning 2001", "Easter weekend 2015", "la mañana de Navidad de 2001"
YEAR = regex.compile(r"(?<=\s)(?:1[89]\d\d|20\d\d|'\d\d)\b")
BEFORE_YEAR_DATES = (
    # (a Spanish article before the feast is the date's: "la Inmaculada del 2013", "el Carnaval de 2019")
    # (r14 round: "Día de" before the feast, "Día de Todos los Santos de 2010")
    regex.compile(rf"\b(?:(?:la|el)\s+(?!(?:noche|mañana|tarde|víspera|vispera|fin)\b))?"
                  rf"(?:(?:mañana|tarde|noche|víspera|vispera|fin\s+de\s+semana)\s+de\s+)?"
                  rf"(?:(?-i:D)[íi]a\s+de\s+(?:(?:los|las|la)\s+)?)?{_HOLI}"
                  r"(?:\s+(?:morning|afternoon|evening|night|day|eve|weekend|week|holidays?|break|season|period))?"
                  r"\s+(?:of\s+|de\s+|del\s+)?$", regex.IGNORECASE),
    # (r14 round: any named festival or feast, "Mid-Autumn Festival 2010", "Harvest Feast 2003"; a Spanish day's
    # name with particles inside, "Día de la Virgen de los Ángeles de 2012")
    regex.compile(r"\b(?:(?:St\.?|Saint)\s+)?(?:\p{Lu}[\p{L}'’-]*\s+){1,4}(?:Day|Eve|Night|Sunday|Monday|Tuesday|Wednesday"
                  r"|Thursday|Friday|Saturday|Festival|Feast|Fiesta|Festa|Jubilee)(?:\s+(?i:morning|afternoon|evening|night))?"
                  r"\s+(?:of\s+)?$"
                  r"|\b(?:Día|Dia)\s+(?:de|del)\s+(?:la\s+|los\s+|las\s+)?\p{Lu}[\p{L}]*"
                  r"(?:\s+(?:(?:de|del|la|los|las)\s+){0,2}\p{Lu}[\p{L}]*){0,3}\s+(?:de\s+|del\s+)?$"),
    # (r14 round) a feast's name of one to three capitalised words between "since"/"desde" and a year: "since Chung
    # Yeung 2012", "since Sette Giugno 2016", "desde Corpus de 2004" (not an acronym: "since COVID 2020")
    regex.compile(r"(?<=\b(?i:since|desde)\s)(?:\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*\s+){1,3}(?:(?:de|del)\s+)?$"),
    # (r19 round) any feast's name of one to three capitalised words after a date field's label, a new locale's holiday
    # included: "Date of referral: Fête des Mères 2021", "Discharged - Heritage Day 2019", "Fecha de alta: San Roque
    # de 2020" (the label says the value is a date)
    regex.compile(r"(?<=\b(?:(?i:date\s+of\s+[\p{L}-]+|[\p{L}-]+\s+date|discharged|admitted|received|seen|dob|d\.o\.b\.?"
                  r"|fecha(?:\s+de\s+\p{L}+)?|ingreso|alta|egreso|recibido))(?:\s*[:#]\s*|\s+[-–—]\s+|\s))"
                  r"(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){1,3}(?:(?:de|del)\s+)?$"))
_FEAST_AFTER_TALK = (
    # (r21 round) a feast's name of one to four capitalised words (a Spanish one with "de"/"del" inside and before
    # the year) after talking, remembering or "about": "talked about Gŵyl Ifan 2016", "remembers Sankthans 2012",
    # "Hablamos del Señor de los Temblores de 2019", "recuerda la Fiesta de la Vendimia de 2015"
    regex.compile(r"(?<=\b(?:about|remembers|remembered|recalls|recalled)\s)(?:\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*\s+)"
                  r"(?:(?:\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*|\p{Ll}{2,6})\s+){0,2}$"
                  r"|(?<=\b(?:(?i:habl|record|recuerd|convers|coment)\p{L}*\s+(?:del|de\s+la|de\s+los|el|la)"
                  r"|sobre\s+(?:el|la)|acerca\s+del)\s)"
                  r"\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*\s+(?:(?:(?:de|del|de\s+la|de\s+los)\s+)?\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*\s+){0,3}"
                  r"(?:de|del)\s+$"))
_FEAST_TALK_NEEDS = ("about", "remembe", "recall", "habl", "record", "recuerd", "convers", "coment", "sobre", "acerca")
# (r21 round) a feast's name in Latin letters before a year and "அன்று" (on that day) in Tamil prose: "Sankthans
# 2012 அன்று", "Påskeaften 2020 அன்றுதான்"
_LATIN_FEAST_BEFORE_YEAR = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*"
                                         r"(?:\s(?:\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*|\p{Ll}{2,6})){0,2}\s+$")
_MES_AB = r"(?:ene|feb|mar|abr|may|jun|jul|ago|sept|sep|set|oct|nov|dic)(?:\.|(?!\w))"
# days of the month in words: "the fifth of June", "March the twenty-third", "el quince de agosto"
_ORDW = (r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third"
         r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth"
         r"|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
# days of the month in words from the tenth on (seldom anything but a date after "the": "the twenty-eighth.")
_ORDW_HI = (r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh"
            r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
# what may follow such a day in words: the end of a clause, a conjunction or a pronoun (not a noun: "the fifth time",
# nor another ordinal: "the first and second sessions")
# (r26 round: any form separator, a short run of punctuation between spaces, " + ", " ~ ", " :: ", " -> ")
_ORDW_END = (rf"(?!-)(?=\s*[,.;:!?)]|\s*$|\s+{SEPARATOR_MARKS}(?:\s|$)"
             rf"|\s+(?:and|but|so|when|we|she|he|they|I|because|then|which|at|after|before"
             rf"|until|unless|instead|without|if|or|as|while|since|that|too|again|now|anyway)\b"
             rf"(?!\s+(?:the\s+)?(?i:{_ORDW})\b))")
# a day of the month that comes round every month (r13 round): "on the seventh each month", "the 4th of every month",
# "the twelfth monthly"
_MONTHLY = r"(?=\s+(?i:(?:each|every)\s+month|of\s+(?:each|every|the)\s+month|monthly)\b)"
_DIA_ES = (r"(?:treinta y uno|veintiuno|veintiún|veintidós|veintidos|veintitrés|veintitres|veinticuatro|veinticinco"
           r"|veintiséis|veintiseis|veintisiete|veintiocho|veintinueve|treinta|veinte|diecinueve|dieciocho|diecisiete"
           r"|dieciséis|dieciseis|quince|catorce|trece|doce|once|diez|nueve|ocho|siete|seis|cinco|cuatro|tres|dos|uno)")

_I = regex.IGNORECASE
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_MM_YYYY = r"(?:0?[1-9]|1[0-2])[/-](?:19|20)\d\d"      # 07/2002, 3-1997
# words of time before a month and year in digits (a preposition, a life event, a clinical event)
_MONTH_YEAR_CUES = ("in|of|since|from|until|till|to|through|by|before|after|during|around|circa|c\\.|approx\\.?"
                    "|dated|dob|born|died|passed|married|divorced|separated|widowed|moved|arrived|emigrated|migrated|left|started"
                    "|began|ended|stopped|quit|finished|discharged|admitted|seen|diagnosed|onset|retired|relapsed"
                    "|en|de|del|desde|hasta|hacia|antes\\s+de|después\\s+de|despues\\s+de|a\\s+partir\\s+de|murió|murio"
                    "|falleció|fallecio|nació|nacio|llegó|llego|ingresó|ingreso|alta|inicio|fecha")
# "of" or "de" before a month and year is a date's ("the flood of 08/1988", "la inundación de 08/1988") but not after
# a number, a rate or a law ("3 of 12/2020", "a rate of 1/2000", "la Ley de 7/2015")
_NOT_MONTH_YEAR_OF = (r"(?:(?:\d|\b(?i:rate|ratio|risk|odds|score|scores|page|pages|chance|incidence|prevalence|out"
                      r"|one|total|number|no\.|n\.º|case|law|act|file|ley|decreto|resolución|resolucion|expediente|caso|tasa|riesgo"
                      r"|número|numero|página|pagina|uno|una))\s+(?i:of|de|del))")
_ORD_ES = rf"(?:{_DAY}(?:\.?[º°]|ro|o)?|primero)"            # 3, 1º, 1.º, 1ro, primero
# what a date pattern's every match holds: one of these strings (in the lower-cased text; with a capital, in the text
# itself). The pattern is tried only on a text that holds one (a cheap test first: throughput).
_DATE_NEEDS: dict[int, tuple[str, ...]] = {}
_WD_NEEDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MON_NEEDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NEEDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "ene", "abr", "ago",
                "dic", "set")
_MES_NEEDS = tuple(_MONTHS_ES) + ("setiembre",)
_DS_NEEDS = tuple(_DS.split("|"))
# a part of the day between a weekday and what pins it (r13 round): "Monday morning just gone", "Saturday night last",
# "the Friday evening before last"; "el martes por la tarde pasado"
# (r25 round: the Australian "arvo", "last Tuesday arvo", "Friday arvo just gone")
_PART = r"(?:\s+(?i:morning|afternoon|evening|night|lunchtime|arvo))?"
_PARTE = r"(?:\s+(?:por|en|a)\s+la\s+(?:mañana|tarde|noche)|\s+de\s+madrugada)?"


def _needs(needles: tuple[str, ...], rx):
    _DATE_NEEDS[id(rx)] = needles
    return rx


DATE_PATTERNS = [
    # 2024-03-12, 12/03/2024, 3.12.24, 12-3-2024
    regex.compile(r"(?<![\w./-])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))"
                  r"(?:(?=T\d\d:)|(?![\w/-]|\.\d)|(?=-\p{Tamil}))"),  # also 2024-03-12T14:21, 8/6/2016-க்குள்
    # (r21 round) a day of a month named by its relation to this one: "the 22nd of next month", "the ninth of last
    # month", "el 14 del mes que viene", "el 3 del mes pasado"
    # (r22 round) "the 9th of the month after", "the 3rd of the month before"; Spanish "día" and this month, the
    # article outside ("el día 12 del mes que viene", "día 5 de este mes"); Tamil, the month's word inside ("அடுத்த
    # மாதம் 19-ஆம் தேதி" the 19th of next month, "இந்த மாதம் 4-ஆம் தேதி")
    _needs(("month", "mes"),
        regex.compile(rf"\bthe\s+(?:{_DAY}(?:st|nd|rd|th)|(?i:{_ORDW}))\s+of\s+(?:this|next|last|the\s+(?:next|last"
                      r"|previous|following|coming)|the(?=\s+month\s+(?:after|before)\b))\s+month\b"
                      r"(?:(?<=the\s+month)\s+(?:after|before)(?:\s+(?:next|last))?\b)?"
                      rf"|\bel\s+{_DAY}\s+del\s+mes\s+(?:que\s+viene|pr[óo]ximo|pasado|anterior|siguiente|entrante)\b"
                      rf"|\b(?i:d[íi]a)\s+{_DAY}\s+(?:del\s+mes\s+(?:que\s+viene|que\s+entra|pr[óo]ximo|pasado|anterior"
                      r"|siguiente|entrante)|de\s+(?:este|ese)\s+mes)\b")),
    _needs(("மாத",),
        regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:அடுத்த|இந்த|போன|கடந்த|சென்ற|வரும்|வருகிற)\s+மாத(?:ம்|த்தின்|த்து)?\s+"
                      rf"{_DAY}\s*-?\s*(?:ஆம்|ம்)?\s*(?:தேதி|திகதி)(?![\p{{L}}\p{{M}}])")),
    # a month and year in digits after a word of time, or before a Tamil postposition: "since 07/2002", "died
    # 11/1986", "murió en 03/1997", "from 03/2019 to 07/2020", "07/2019 இல்" (not a case or law number, "No. 3/2021",
    # "Ley 7/2015", nor a rate, "1 in 1/2000 births")
    _needs(("/19", "/20", "-19", "-20"),
        regex.compile(rf"(?=\d)(?:(?<=\b(?i:{_MONTH_YEAR_CUES})\s)(?<!{_NOT_MONTH_YEAR_OF}\s)|(?<={_MM_YYYY}\s?(?:-|–|to|a|al|hasta|until|till|through)\s?))"
                      rf"{_MM_YYYY}(?![\w/]|-(?!\p{{Tamil}}|{_MM_YYYY})|[.,]\d)"
                      r"(?!\s+(?i:births|people|persons|patients|cases|adults|children|women|men|deaths|users)\b)"
                      rf"|(?<![\w./-]){_MM_YYYY}(?=\s?-?(?:இல்|இலிருந்து|முதல்|வரை|அன்று|ல்)(?![\p{{L}}\p{{M}}])"
                      rf"|\s?[-–]\s?{_MM_YYYY}(?![\w/]))")),          # the start of a span of months: 03/2019–07/2020
    # 3/12 (month/day) when preceded by "on"; "el 14/3", "dated 3/12" (not a score out of 10)
    _needs(("on ",), regex.compile(r"(?<=\bon )\d{1,2}/\d{1,2}(?![\w/])", _I)),
    _needs(("el ", "date", "fecha", "due ", "born "),
        regex.compile(r"(?<=\b(?:el|dated|fechad[ao]|date is|date:|date of|fecha:?|fecha es|due|due on|born) )"
                      r"\d{1,2}/(?!10\b)\d{1,2}(?![\w/])", _I)),
    # (r22 round: not a rating out of ten after a weekday, "Mood rated 4/10 on Monday, 6/10 by Friday")
    _needs(_WD_NEEDS, regex.compile(rf"\b{_WD}\.?,?\s\d{{1,2}}/\d{{1,2}}(?![\w/])"
                                    r"(?<!\b(?i:rated|rating|rates|scored|scores|score)\b[^.;!?]{0,40}/10)", _I)),
    # 7-Mar-2024, 07MAR2024, 7 Mar 24, 26 mar. 2010 (clinical shorthand)
    # (and with slashes, as Spanish forms write it: 15/dic/1996)
    _needs(_MONTH_NEEDS,
        regex.compile(r"\b\d{1,2}[- ]?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ene|Abr|Ago|Dic)"
                      r"(?:\.\s?|[- ]?)(?:\d{4}|\d{2})\b"
                      r"|\b\d{1,2}/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Set|Oct|Nov|Dec|Ene|Abr|Ago|Dic)\.?/(?:\d{4}|\d{2})\b",
                      _I)),
    # 3/VII, 12-III-1958 (months in Roman numerals)
    # (r16 round: with a hyphen only before a year; "Lindenlaan 31-II" is a Dutch floor)
    regex.compile(r"\b\d{1,2}(?:[-/.](?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)[-/.](?:\d{4}|\d{2})"
                  r"|[/.](?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I))\b"
                  r"|\b\d{1,2}([-/.])(?:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)\1(?:\d{4}|\d{2})\b"),   # 4/iii/24
    # 14th inst., 3rd ult. (of this month, of last month)
    _needs(("inst", "ult", "prox"),
        regex.compile(rf"\b{_DAY}(?:st|nd|rd|th)?\s+(?:inst|ult|prox|instant|ultimo|proximo)\b\.?")),
    # 12/03 அன்று (on 12/03)
    _needs(("அன்று",), regex.compile(r"(?<!\d)\d{1,2}/\d{1,2}(?=\s*அன்று)")),
    # from/between 3 (and|-|to) 5 June: the first day of a range is a date too
    _needs(_MONTH_NEEDS,
        regex.compile(rf"\b{_DAY}(?=\s*(?:-|–|to|and|al|y|a|hasta el|hasta|until( the)?)\s*{_ORD}\s+(?:of\s+|de\s+)?"
                      rf"(?:{_MON}|{_MES})\b)", _I)),
    # (r26 round) Canadian forms, a month and day/yy: "Mar. 18/66", "Sept. 21/00", "July 10/05"
    _needs(_MON_NEEDS, regex.compile(rf"\b{_MON}\s+{_DAY}/(?:\d{{4}}|\d{{2}})(?![\w/]|[.,]\d)")),
    # (r26 round) French dates (in Tamil and Spanish records): "16 octobre 1974", "1er mai 1991", "22 mai"
    _needs(("janv", "févr", "fevr", "mars", "avril", "mai", "juin", "juil", "août", "aout", "septembre", "octobre",
            "novembre", "décembre", "decembre"),
        regex.compile(r"(?<![\w/.-])(?:[12]\d|3[01]|0?[1-9]|1er)\s+(?:janvier|février|fevrier|mars|avril|mai|juin|juillet"
                      r"|août|aout|septembre|octobre|novembre|décembre|decembre)(?:\s+(?:1[89]|20)\d\d)?\b(?![.,:/]\d)")),
    # (r27 round) a day, a full stop and a month's name in German, Dutch, Italian or Portuguese (in Tamil diaspora and
    # Spanish records): "15. Juli 2007", "4. Mai 2012", "1. Oktober", "3 maart 2019", "12 luglio 2001", "5 de março";
    # without the full stop only with a year ("3 maart 2019"; "4 mei" alone may be a word)
    _needs(("anuar", "änner", "ebruar", "ärz", "april", "mai", "juni", "juli", "august", "eptember", "ktober",
            "ovember",
            "ezember", "maart", "mei", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre",
            "ottobre", "dicembre", "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro",
            "dezembro"),
        regex.compile(r"(?<![\w/.,-])(?:[12]\d|3[01]|0?[1-9])(?:\.\s?|\s+(?=\p{L}+\s+(?:1[89]|20)\d\d\b))"
                      r"(?i:januar|jänner|jaenner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober"
                      r"|november|dezember|januari|februari|maart|mei|augustus|december|gennaio|febbraio|marzo|aprile"
                      r"|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|janeiro|fevereiro|março|abril|maio"
                      r"|junho|julho|setembro|outubro|dezembro)\b(?:\s+(?:1[89]|20)\d\d\b)?(?![.,:/]\d)")),
    # (Tuesday,) March (the) 3(rd)(, 2024)
    _needs(_MON_NEEDS,
        # (r16 round: not a time after the month, "the 2nd of May 21:14")
        regex.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_MON}\s+(?:the\s+)?{_ORD}(?:\s*[-–]\s*{_ORD})?\b(?![:.]\d)"
                      rf"(?:,?\s+{_YEAR}\b)?")),
    # (the) 3(rd) (of) March (2024)
    _needs(_MON_NEEDS, regex.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_ORD}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR}\b)?")),
    # March 2024, March of 2024
    _needs(_MON_NEEDS, regex.compile(rf"\b{_MON}\s+(?:of\s+)?{_YEAR}\b")),
    # the fifth of June (2024), March the twenty-third; not "May first" (a verb first)
    _needs(_MON_NEEDS, regex.compile(rf"\b(?:(?i:the)\s+)?(?i:{_ORDW})\s+of\s+{_MON}(?:,?\s+{_YEAR}\b)?"
                                     rf"|\b(?!May\b){_MON}\s+(?:the\s+)?(?i:{_ORDW})\b(?:,?\s+{_YEAR}\b)?")),
    # (día) 3 de marzo (de 2024), 1.º de mayo, marzo de 2024 (and "del 97")
    _needs(_MES_NEEDS, regex.compile(rf"\b(?:(?:{_DS}),?\s+)?(?:día\s+)?{_ORD_ES}\s+de\s+{_MES}"
                                     rf"(?:,?\s+(?:de|del)\s+{_YEAR}|\s+del\s+\d\d(?!\d|\s*(?:al|a)\s+\d))?\b", _I)),
    # el quince de agosto (de 2023): the day in words
    _needs(_MES_NEEDS, regex.compile(rf"\b{_DIA_ES}\s+de\s+{_MES}(?:,?\s+(?:de|del)\s+{_YEAR})?\b", _I)),
    # 2 de nov., 14 de feb. de 2023 (abbreviated months)
    _needs((" de ",),
        _MES_AB_DATE := regex.compile(rf"\b(?:día\s+)?{_ORD_ES}\s+de\s+{_MES_AB}(?:,?\s+(?:de|del)\s+{_YEAR}\b)?", _I)),
    _needs(_MES_NEEDS,
        regex.compile(rf"\b{_MES}\s+(?:(?:de|del)\s+)?{_YEAR}\b", _I)),             # marzo de 2024, Agosto 2025
    # short months with a four-digit year, any case: "dic. 2019", "ENE 2021", "Ago 2018" (not "years ago 2018")
    _needs(_MONTH_NEEDS,
        regex.compile(r"\b(?:(?i:ene|feb|mar|abr|may|jun|jul|sept|sep|oct|nov|dic)\.?|Ago\.?|AGO\.?|ago\.)\s+"
                      r"(?:(?i:de|del)\s+)?(?:19|20)\d\d\b")),
    # marzo 3, 2024 / marzo 3 de 2024 (month first, as on Mexican forms)
    _needs(_MES_NEEDS,
        regex.compile(rf"\b{_MES}\s+{_DAY}(?:,?\s+(?:de\s+|del\s+)?{_YEAR}\b|(?=\s*(?:[,.;:)]|$)))", _I)),
    # relative dates that pin one day
    _needs(("yesterday", "tomorrow", "today", "ayer", "antier", "mañana", "noche"),
        regex.compile(r"\b(?:the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow)|(?:today|tomorrow|yesterday)\s+(?:week|fortnight)\b"
                      r"|yesterday|tomorrow"
                      # (r16 round: not a possessive, the town "Ayer's Cliff")
                      r"|anteayer|antier|antes\s+de\s+ayer|ayer|pasado\s+mañana)\b(?!['’]s\b)"
                      # (r22 round) a time of the day that pins it: "first thing tomorrow", "late yesterday"; "anoche"
                      # (last night), "antenoche"
                      # (r25 round: "last thing yesterday", "last thing tomorrow")
                      r"|\b(?:first\s+thing|last\s+thing|early|late)\s+(?:tomorrow|yesterday)\b|\bante(?:noche|anoche)\b"
                      r"|\banoche\b", _I)),
    # a modifier before a weekday after "the" (r12 round): "the upcoming Monday", "the most recent Wednesday", "the very
    # next Friday", "the past Sunday"; "upcoming Monday", "this upcoming Tuesday" (not "the last Monday of the month")
    # (first, before "next Sunday" alone)
    _needs(_WD_NEEDS,
        regex.compile(rf"\b(?i:the\s+(?:very\s+)?(?:upcoming|forthcoming|approaching|impending|most\s+recent|latest|past|last"
                      rf"|next|coming|just\s+gone)|(?:this\s+)?(?:upcoming|forthcoming))\s+{_WDF}\b"
                      rf"(?!{_PART}\s+(?i:of|in|each|every)\b|-)")),
    # (and "last Thursday but one", "next Friday week")
    _needs(_WD_NEEDS,
        # (r23 round: a time of the day before it, "early next Thursday", "late last Tuesday", "first thing this
        # Friday"; not "late" after a verb of arriving or a degree word, "she arrived late last Tuesday", "too late")
        regex.compile(rf"\b(?:(?<!\b(?i:ran|running|arrived|came|got\s+in|turned\s+up|showed\s+up|very|too|so|bit"
                      rf"|little)\s)(?i:early|late|first\s+thing)\s+)?"
                      rf"(?:last|next|this|this\s+past|this\s+coming|coming|this\s+last|this\s+next|this\s+just\s+gone)"
                      rf"\s+{_WD}\b"
                      rf"(?!{_PART}\s+(?:of|in)\s+(?:each|every|the|this|that|a)\s+(?:month|year)\b)"
                      rf"(?:{_PART}\s+(?:just\s+)?(?:gone|past|coming){_ORDW_END}"  # "this Friday coming.", "past or"
                      r"|\s+but\s+one\b|\s+week\b(?![-']))?", _I)),
    # (r24 round) a time of the day before a weekday alone pins that day: "late on Monday", "first thing Friday",
    # "early on Saturday morning"; not after a verb of arriving or a degree word ("she arrived late on Monday"), not
    # a habit ("late on Mondays", "first thing Friday of each month")
    _needs(_WD_NEEDS,
        regex.compile(rf"(?<!\b(?i:ran|running|run|arrived|arrives|came|comes|got\s+in|turned\s+up|showed\s+up|very|too|so|bit"
                      rf"|little|is|was|were|are|be|been|running)\s)\b(?i:early|late|first\s+thing|last\s+thing)\s+(?:(?i:on)\s+)?"
                      # (r25 round: not before a postposed "last", "gone", "coming": "early Thursday last" is the
                      # weekday-first pattern's, whole)
                      rf"{_WDF}\b(?!['’]?s\b)(?>{_PART})(?!\s+(?i:of|in)\s+(?:each|every|the|this|that|a)\s+(?:month|year)\b)"
                      r"(?!\s+(?i:last|next|gone|just\s+gone|past|just\s+past|coming|week)\b)"
                      rf"(?!\s+(?i:and|or)\s+{_WDF})")),
    # "come Thursday" as a preposition ("rebooked for come Thursday", "Come Monday, we start"), not the verb ("can
    # come Thursday", "to come Friday", "they come Monday")
    # (but "moved to come Friday", "changed it to come Monday")
    _needs(("come",),
        regex.compile(rf"(?:(?<=\b(?i:moved|changed|rebooked|pushed|shifted|postponed|rescheduled|put\s+back|put\s+off"
                      rf"|brought\s+forward|booked)\s+(?:it\s+|them\s+|this\s+)?to\s)"
                      rf"|(?<!\b(?i:to|will|shall|can|could|would|should|might|may|must|did|didn['’]t|not|don['’]t"
                      rf"|doesn['’]t|won['’]t|can['’]t|cannot|never|please|i|you|we|they|he|she|who|let|let['’]s|and|or"
                      rf"|also|just|kids|children|family|parents)\s)(?<!['’](?:ll|d)\s))\b(?i:come)\s+{_WD}\b(?!['’]s)"
                      # (r23 round: a week on from that day, "come Monday week")
                      r"(?:\s+(?i:week|fortnight)\b(?![-'’]))?")),
    # British and Irish weekday-first phrases: "Thursday last", "Monday gone", "Friday week", "Tuesday of last week",
    # "the Saturday just gone", "Sunday coming."
    # (r23 round: "on" before it is the phrase's, "attend on Wednesday next")
    # (r25 round: a time of the day before it, "early Thursday last", "late Monday gone"; not after a verb of arriving
    # or a degree word; "coming", "past" before a form's separator, "Booked for: Friday coming · ...")
    _needs(_WD_NEEDS, _WEEKDAY_FIRST := regex.compile(r"\b(?:(?<!\b(?i:ran|running|arrived|came|got\s+in|turned\s+up"
                                    r"|showed\s+up|very|too|so|bit|little)\s)(?i:early|late|first\s+thing)\s+)?"
                                    r"(?:(?i:the|on)\s+)?" + _WDF + _PART + r"\s+(?:(?:of\s+)?"
                                    r"(?:last|next|this|this\s+coming|the\s+following|the\s+previous|the\s+preceding|the\s+coming"
                                    r"|the\s+upcoming)\s+week\b"
                                    r"(?:\s+coming\b)?|week\b(?!-)|last\b|(?:(?:that['’]s|that\s+has|which\s+has)\s+)?(?:just\s+)?gone\b"
                                    rf"|next\b(?!\s+(?:to|door)\b)|(?:just\s+)?(?:past|coming)"
                                    rf"(?:{_ORDW_END}|(?=\s*[|/—–·»]|\s+-\s|\s+=>)))"
                                    r"(?!\s+(?:time|session|year|month|night|weekend|term|semester)\b)")),
    # (r23 round) "the other Friday night", "the other Tuesday" (a recent day, one of two; not "every other Friday",
    # "on the other Fridays", "the other Monday group")
    _needs(_WD_NEEDS, regex.compile(rf"(?<!\b(?i:every|each)\s)\b(?i:the\s+other)\s+{_WDF}{_PART}\b(?![-'’]|s\b)"
                                    r"(?!\s+(?i:group|session|clinic|class|shift|meeting|appointment|slot|one)s?\b)")),
    # Friday the 13th, Tuesday 3rd (a weekday with a day number, no month)
    _needs(_WD_NEEDS, regex.compile(rf"\b{_WD},?\s+(?:the\s+{_DAY}(?:st|nd|rd|th)?|{_DAY}(?:st|nd|rd|th))\b")),
    # el martes pasado, este viernes que viene, el miércoles anterior, el jueves siguiente, el lunes entrante
    # (el miércoles recién pasado, el domingo que pasó, el lunes que entra, el domingo antepasado)
    _needs(_DS_NEEDS,
        regex.compile(rf"\b(?:(?:el|este|ese)\s+)?(?:{_DS}){_PARTE}\s+(?:pr[óo]ximo\s+pasado|pasado\s+reciente|(?:reci[ée]n\s+)?pasado|próximo|proximo|que\s+viene|anterior"
                      r"|siguiente"
                      r"|previo|entrante|reci[ée]n\s+(?:pasado|terminado|acabado)|que\s+(?:reci[ée]n\s+)?pas[óo]"
                      r"|que\s+entra|antepasado|que\s+acaba\s+de\s+terminar"
                      # (r26 round) "el sábado que se fue", "este sábado que llega" (not "que llega su hija")
                      r"|que\s+se\s+fue|que\s+se\s+va|que\s+llega(?!\s+(?:el|la|los|las|su|sus|mi|tu|un|una)\b)"
                      r"|subsiguiente|último|ultimo|venidero|que\s+sigue(?=\s*[,.;:!?)]|\s*$)|que\s+acaba\s+de\s+pasar)\b"
                      r"(?!\s+(?:de|del)\s+(?:cada|mes|año)\b)", _I)),
    # (el último lunes, este pasado viernes; not "el último lunes de cada mes")
    _needs(_DS_NEEDS, regex.compile(rf"\b(?:el\s+|este\s+)?(?:próximo|proximo|este|pasado|último|ultimo)\s+(?:{_DS})\b"
                                    r"(?!\s+(?:de|del)\s+(?:cada|mes|año)\b)", _I)),
    # el lunes 12 (not "lunes 12:30", "lunes 2 horas")
    _needs(_DS_NEEDS,
        regex.compile(rf"\b(?:{_DS})\s+{_DAY}\b(?![:.]\d|\s*(?:h\b|hrs?\b|horas|am\b|pm\b|a\.\s?m|p\.\s?m|min|sesi|veces))",
                      _I)),
    # el día 8, para el día 21 (not "el día 3 de tratamiento")
    _needs(("día",),
        regex.compile(rf"(?<=\b(?:el|este|ese|del|al|próximo|proximo)\s+)día\s+{_DAY}\b"
                      rf"(?!\s+de\s+(?!{_MES}\b|cada\s+mes\b))", _I)),
    _needs(("mañana", "manana"),
        # (r26 round: not the morning of a day, "antes de ayer de mañana")
        regex.compile(r"(?<!\b(?i:ayer|antier|anteayer|mañana)\s+de\s)(?<!\w)(?:mañana|manana)(?!\s+(?:(?:por|en)(?!\s+la\s+(?:mañanita|mañana|tardecita|tarde|nochecita|noche|madrugada)\b)|de))"
                      r"(?=[\s,.;:!?)]|$)(?<!la mañana)"
                      # (r14 round: not a time of the day, "a media mañana")
                      r"(?<!esta mañana)(?<!por la mañana)(?<!media mañana)"
                      # (r22 round: not every morning, "sale a caminar cada mañana")
                      r"(?<!cada mañana)(?<!cada manana)", _I)),
    # on the 14th
    _needs(("the",), regex.compile(r"\b(?:on\s+)?the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?=\s*(?:[,.;:!?)|·]|$"
                                   # (r19 round: before an admin line's field separator, "Received: the 16th / ")
                                   r"|/\s|[-–—]\s"
                                   r"|of\s+(?:this|that|the|next|last|each|every)\s+month\b|(?:each|every)\s+month\b|monthly\b|at\b|when\b"
                                   r"|and\b|but\b|so\b|we\b|she\b|he\b|they\b|I\b|because\b|before\b|after\b|to\b|for\b|was\b|is\b"
                                   r"|without\b|instead\b|since\b|until\b|unless\b|while\b|as\b|if\b|or\b|in\b|by\b|with\b|then\b"
                                   r"|which\b|that\b|this\b|next\b|anyway\b|too\b|again\b|now\b))", _I)),
    # a day of the month in words: "Thursday the fifteenth", "discharged on the fifth and", "is the twenty-eighth."
    # (after a weekday any ordinal; after "on", "by", "until"... any; after "the" alone from the tenth on)
    _needs(("the",),
        regex.compile(rf"\b{_WD}\.?,?\s+the\s+(?i:{_ORDW})\b(?!-)"
                      rf"|(?<=\b(?i:on|by|until|till|since|from|before|after|due|through)\s)(?i:the)\s+(?i:{_ORDW})\b{_ORDW_END}"
                      rf"|\b(?i:the)\s+(?i:{_ORDW_HI})\b{_ORDW_END}|\b(?i:the)\s+(?i:{_ORDW})\b{_MONTHLY}")),
    # the Wednesday prior, the Friday before, the Monday after, the Sunday following (at a clause's end); the previous
    # Wednesday, the following Friday, the preceding Monday
    _needs(_WD_NEEDS,
        regex.compile(rf"\b(?i:the)\s+{_WDF}{_PART}\s+(?i:prior|before|after|following|previous|preceding|beforehand)"
                      rf"{_ORDW_END}"
                      rf"|\b{_WDF}\s+(?i:prior|previous|preceding){_ORDW_END}"
                      rf"|\b(?i:the)\s+(?i:previous|following|preceding|prior)\s+{_WDF}\b(?!['’]s)")),
    # the Friday before last, the evening before last, the Monday after next
    _needs(("last", "next"),
        regex.compile(rf"\b(?i:the)\s+(?:{_WD}{_PART}|(?i:day|night|evening|morning|afternoon))\s+(?i:before\s+last"
                      rf"|after\s+next)\b|\b{_WD}{_PART}\s+(?i:before\s+last|after\s+next)\b")),
    # a modifier after a weekday: "the Wednesday coming up", "Thursday there just past", "Friday past", "Sunday the week
    # after next", "Monday of the week before last", "the Tuesday just been" (not "Friday past noon", "Monday past the
    # shops")
    _needs(_WD_NEEDS,
        regex.compile(rf"\b(?:(?i:the)\s+)?{_WDF}{_PART}\s+(?i:coming\s+up|just\s+been|(?:of\s+)?the\s+week\s+(?:after\s+next"
                      r"|before\s+last)|week\s+(?:after\s+next|before\s+last)|(?:there\s+)?(?:just\s+)?(?:past|gone)"
                      r"(?!\s+(?:midnight|noon|the|a|an|his|her|their|my|our|your|its|this|that|these|those|him|them|me|us"
                      r"|it|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|quarter)\b|\s+\d)"
                      r")\b")),
    # a week before a weekday: "next week Thursday", "last week Friday", "the following week Monday"
    _needs(_WD_NEEDS,
        regex.compile(rf"\b(?i:(?:next|last|this|this\s+coming|this\s+past|the\s+following|the\s+previous|the\s+coming"
                      rf"|the\s+upcoming|the\s+past)\s+week['’]?s?),?\s+{_WDF}\b(?!\s*(?:-|–|to\b|through\b))")),
    # this day last week, this time last month
    _needs(("this",), regex.compile(r"\b(?i:this\s+(?:day|time)\s+(?:last|next)\s+(?:week|month|year))\b")),
    # el día quince (the day in words)
    _needs(("día",),
        regex.compile(rf"(?<=\b(?:el|este|ese|del|al|próximo|proximo)\s+)día\s+{_DIA_ES}\b"
                      rf"(?!\s+de\s+(?!{_MES}\b|cada\s+mes\b))", _I)),
]
_NINETY = (r"(?:9\d|1[01]\d)")
# Spanish 90 to 110 in words; atomic, so "noventa y uno" is never cut back to "noventa" to fit what follows
_NOVENTA = (r"(?>noventa(?: y (?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?"
            r"|cien(?:to (?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez))?)")
# atomic, so "a hundred and two" is never cut back to "a hundred" to fit what follows ("and")
_HUNDRED = (r"(?>(?:a|one) hundred(?:(?: and)? (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b)?)")
# 90 to 99 in words: "ninety", "ninety-four", "ninety four"
_NINETY_W = r"ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
# (r18 round) 90 to 120 in words, composed from tens and units rather than listed: English "ninety-four", "a hundred
# and one", "one hundred twelve"; Spanish "noventa y tres", "cien", "ciento doce"; Tamil "தொண்ணூற்றைந்து" (95, one
# word), "தொண்ணூற்றி இரண்டு" (92, two words), "நூறு", "நூற்றி ஐந்து" (105)
_EN_UNIT = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_EN_TEEN = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
_ES_UNIT = r"(?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
_ES_TEEN = (r"(?:diez|once|doce|trece|catorce|quince|dieciséis|dieciseis|diecisiete|dieciocho|diecinueve|veinte)")
_TA_UNIT = r"(?:ஒன்று|ஒன்ரு|இரண்டு|மூன்று|நான்கு|ஐந்து|ஆறு|ஏழு|எட்டு|ஒன்பது|பத்து)"
_AGE_IN_WORDS = (rf"(?>ninety(?:[- ]{_EN_UNIT})?|(?:a|one)\s+hundred(?:\s+(?:and\s+)?(?:{_EN_UNIT}|{_EN_TEEN}))?"
                 rf"|noventa(?:\s+y\s+{_ES_UNIT})?|ciento\s+(?:{_ES_UNIT}|{_ES_TEEN})|cien"
                 rf"|(?:தொண்ணூற்றி|தொண்ணூற்று|நூற்றி|நூற்று)\s+{_TA_UNIT}|தொண்ணூ[\p{{L}}\p{{M}}]+|நூற[\p{{L}}\p{{M}}]*|நூறு)"
                 r"(?![\p{L}\p{M}-])")
AGE_PATTERNS = [
    # (r18 round) an age after an age label, in digits or words, whatever the separator: "Age - 104", "AGE:
    # ninety-four", "Edad noventa y tres", "Edad: cien", "வயது: தொண்ணூற்றைந்து"
    regex.compile(rf"(?<=(?:\b(?i:age|edad)|வயது)\s*(?:[:=\-–—]\s*)?)(?:{_NINETY}(?!\d)|(?i:{_AGE_IN_WORDS}))"
                  r"(?!\s*(?:%|percent|per cent|days|weeks|months|días|semanas|meses)\b)(?![.,]\d)"),
    # (r23 round) an age label that says when the age was taken, then the age: "Age at referral: 97", "Age on intake
    # - ninety-four", "Age (at admission) 101", "Age at time of referral: 92", "Edad al ingreso: noventa y dos",
    # "Edad a la derivación 95", "Edad en la primera consulta: 93", "வயது (பரிந்துரையின் போது): 96"
    regex.compile(rf"\b(?<=(?:\b(?i:age)\s+\(?(?i:at|on|upon|as\s+of|when)\s+(?:(?i:the\s+)?(?i:time\s+of\s+)?)"
                  rf"|\b(?i:edad)\s+\(?(?i:al|a\s+la|a\s+los|en\s+(?:el|la|su)|en|de)\s+(?:(?i:primera|primer)\s+)?)"
                  r"(?!(?i:which|what|that|this|a|an|least|most|her|his|their|home|school|work|the)\b)"
                  r"\p{L}[\p{L}\p{M}'’-]{2,}(?:\s+(?i:date|visit|time|day|contact|assessment))?\)?"
                  r"(?:\s*[:=\-–—]\s*|\s+)"
                  r"|வயது\s*\([^()\n]{1,40}\)\s*(?:[:=\-–—]\s*)?)"
                  rf"(?:{_NINETY}(?!\d)|(?i:{_AGE_IN_WORDS}))"
                  r"(?!\s*(?:%|percent|per cent|days|weeks|months|years\s+ago|días|semanas|meses)\b)(?![.,:/]\d)"),
    # (r24 round) an age label with a short qualifier naming whose age it is, then a separator and the age: "Age (NOK):
    # 98", "Age of carer – 97", "Age (next of kin) - ninety-one", "Edad (cuidadora): 93", "Edad del cuidador – 95",
    # "வயது (பாதுகாவலர்) – 92" (the separator is needed: "the age of carers 90 and over" is no age)
    regex.compile(r"(?<=(?:\b(?i:age|edad)\s*(?:\([^()\n\d]{1,30}\)|\s(?i:of|of\s+the|de|del|de\s+la|de\s+los|de\s+su)\s+"
                  r"(?:\p{L}[\p{L}\p{M}'’-]*\s?){1,3})|வயது\s*\([^()\n\d]{1,30}\))\s*[:=\-–—]\s*)"
                  rf"(?:{_NINETY}(?!\d)|(?i:{_AGE_IN_WORDS}))"
                  r"(?!\s*(?:%|percent|per cent|days|weeks|months|years\s+ago|días|semanas|meses)\b)(?![.,:/]\d)"),
    # (r27 round) an age label, a relative named with it and the age with no separator: "Edad de la tía mayor 106",
    # "Age of great-aunt 104", "Age of her eldest uncle 97" (a kin word only: "the age of carers 90 and over" is none)
    regex.compile(r"(?<=\b(?i:age|edad)\s+(?i:of|of\s+the|of\s+(?:her|his|their|my)|de|del|de\s+la|de\s+los|de\s+su)\s+"
                  r"(?:(?i:eldest|oldest|older|late|maternal|paternal)\s+)?"
                  r"(?i:(?:great[- ](?:great[- ])?)?(?:aunt|uncle"
                  r"|grandmother|grandfather|grandma|grandpa|grandparent|gran|nan)|mother|father|tía|tia|tío|tio"
                  r"|abuela|abuelo|bisabuela|bisabuelo|tatarabuela|tatarabuelo|madre|padre|madrina|padrino|suegra|suegro"
                  r"|tía\s+abuela|tío\s+abuelo)(?:\s+(?i:mayor|abuela|abuelo|materna|materno|paterna|paterno))?\s)"
                  rf"(?:{_NINETY}(?!\d)|(?i:{_AGE_IN_WORDS}))"
                  r"(?!\s*(?:%|percent|per cent|days|weeks|months|years\s+ago|días|semanas|meses)\b)(?![.,:/]\d)"),
    # (r23 round) an age in years written short after a name: "Pcte. Dora, 93 a., afecto ..."
    regex.compile(rf"(?<=\p{{L}},\s){_NINETY}(?=\s?a\.(?:[\s,;)]|$))"),
    # (r18 round) Tamil words composed before வயது (years of age): "தொண்ணூற்றி இரண்டு வயது"
    regex.compile(rf"(?:தொண்ணூற்றி|தொண்ணூற்று|நூற்றி|நூற்று)\s+{_TA_UNIT}(?=\s*-?\s*வய)"),
    regex.compile(rf"\b{_NINETY}(?=\s*-?\s*(?:years?|yrs?|y/?o\b|y\.\s?o\b\.?|year-old|yo\b|años|ans\b|வயது))", _I),
    regex.compile(rf"(?<=\b(?:aged|age:|age|edad|edad:|of age) ){_NINETY}\b", _I),
    regex.compile(rf"(?<=\b(?:turned|turns|turning|is now|now|cumplió|cumple|cumplirá|tiene|celebrated|be|reached) )"
                  rf"{_NINETY}\b(?!\s*(?:%|percent|points|minutes|dollars|pesos|\$)"
                  # a count of things, not years: "reached 100 followers", "turned 90 pages"
                  r"|\s+(?!years\b|yrs\b|años\b|days?\b|weeks?\b|months?\b)\p{Ll}+s\b)", _I),
    # "who is 93", "Kofi, 95,", "(104)", "died at 94", "at the age of 92", "91 வயது"
    regex.compile(rf"(?:(?<=\b(?:is|was|at|of|turned|turns|de|a los|cumplió|cumple) )|(?<=\p{{L}}['’]s )|(?<=\p{{L}}, )"
                  rf"|(?<=\())"
                  rf"{_NINETY}(?=\)|,|\.|;|\s+(?:and|when|now|y|años|on|in|last|this|today|yesterday|ayer)\b|$)", _I),
    regex.compile(rf"(?<!\d){_NINETY}(?=\s*-?\s*(?:வயது|வயதை|வயதில|வயதான))"),          # வயதில், வயதிலும்
    regex.compile(rf"(?<=(?:வயது|வயதான|வயதில்)\s*:?\s*){_NINETY}(?!\d)"),
    # "At 93, she...", "At ninety-three she still drives"
    regex.compile(rf"(?<=\b(?:At|at) )(?:{_NINETY}|ninety(?:-\w+)?|{_HUNDRED})(?=,|\s+(?:she|he|they|I|we)\b)"),
    regex.compile(rf"(?<=\b(?:is|was|are|were|be|being|turned|turns|turning|reached|reaching|aged|age|age of|now"
                  rf"|died at|passed away at|\p{{L}}['’]s) )(?:{_HUNDRED}|ninety(?:-\w+)?)\b"
                  r"(?!\s*(?:percent|per cent|%|times|dollars|pounds|pesos|rupees|euros|miles|metres|meters|km)\b)"
                  r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|but|when|now|this|next|last|in|on|at|yesterday|today|tomorrow|years?"
                  r"|year-old|so|or|she|he|they|with|without|though|although|because|since|until|if|already|still|soon"
                  r"|y/o|yo)\b)|"
                  rf"(?<=, )(?:{_HUNDRED}|ninety(?:-\w+)?)(?=,)", _I),
    regex.compile(rf"\b(?:ninety[- ](?:one|two|three|four|five|six|seven|eight|nine)|ninety|{_HUNDRED}"
                  r"|noventa(?: y (?:un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve))?|cien(?:to \w+)?)"
                  r"(?=[- ](?:years?|year-old|años))", _I),
    # died at 100, passed away at 97, murió a los 96 (whatever follows)
    regex.compile(rf"(?<=\b(?:died|dead|passed|passed away|passed on|murió|murio|falleció|fallecio)\s+(?:at|aged|at age"
                  rf"|at the age of|a los|a la edad de|con)\s+)(?:{_NINETY}|{_HUNDRED}|ninety(?:-\w+)?"
                  r"|noventa(?: y \w+)?|cien(?:to \w+)?)\b(?!\s*(?:%|percent|per cent|minutes|miles|km|points))", _I),
    # Spanish number words after "de", "tiene", "cumplió": "su abuela, de noventa y uno, vive..."
    regex.compile(r"(?<=\b(?:de|tiene|tenía|tenia|a los|edad de)\s)(?<!\b(?:más|mas|menos) de\s)"
                  rf"{_NOVENTA}"
                  r"(?=\s*[,.;:)]|\s+(?:y|e|pero|que|ya|cuando|sigue|vive|está|esta|no|aún|aun|todavía|todavia)\b|$)"
                  # after "cumplió", "cumple" whatever follows but a unit
                  r"|(?<=\b(?:cumplió|cumplio|cumple|cumplirá|cumplira|cumplir|cumpliendo)\s)"
                  rf"{_NOVENTA}(?!\s*(?:%|por ciento|veces|días|dias|semanas"
                  r"|meses|sesiones)\b)", _I),
    # an age in words after a word that means age ("turned one hundred and two Friday last", "aged ninety four",
    # "celebrated her ninety-sixth"): whatever follows but a count ("turned ninety degrees", "reached 100 followers")
    regex.compile(rf"(?<=\b(?:turned|turns|turning|reached|reaches|reaching|aged|age of|celebrated|celebrates"
                  rf"|celebrating|celebrate)\s+(?:(?:her|his|their|a)\s+)?)(?:{_HUNDRED}|{_NINETY_W})\b"
                  r"(?!\s*(?:%|percent|per cent|degrees|times|dollars|pounds|pesos|rupees|euros|miles|km|metres|meters"
                  r"|pages|points|minutes|hours|days|weeks|months|people|followers|likes|steps)\b)"
                  r"(?!-(?!years?\b|year-old)\p{L})(?!\s+(?!years\b)\p{Ll}+s\b)", _I),
    # an age in words at the end of a phrase after "at": "still gardening at ninety-four.", "at a hundred and one, she"
    regex.compile(rf"(?<=\b(?:at|At)\s+)(?:{_HUNDRED}|{_NINETY_W})(?=\s*[,.;:!?)]|\s*$|\s+(?:and|but|when|she|he"
                  r"|they|I|we|her|his|years?|yrs?)\b)", _I),
    # an age after a relation, before the time it is reached: "Her mother, 92 next month,", "Gran, ninety this year"
    regex.compile(rf"(?<=\b(?:mother|father|mum|mom|dad|gran|nan|nana|granny|grandma|grandpa|grandmother|grandfather"
                  rf"|aunt|auntie|uncle|sister|brother|husband|wife|neighbour|neighbor|friend|\p{{Lu}}\p{{Ll}}+), )"
                  rf"(?:{_NINETY}|{_HUNDRED}|{_NINETY_W})(?=\s+(?:next|this|in|come)\s+(?:month|week|year"
                  rf"|spring|summer|autumn|fall|winter|{_MON}\b))"),
    # a decade past 89 is an age over 89 too: "in her late nineties", "nonagenarian", "centenaria"
    regex.compile(r"\b(?:(?:super)?centenarian|nonagenarian|nonagenari[oa]s?|centenari[oa]s?"
                  r"|in (?:her|his|their|my) (?:early |mid-?|late )?(?:nineties|90s|90['’]s)"
                  r"|noventa y tantos(?: años)?)\b", _I),
    # "Her grandmother (ninety-six) lives with them", "lived to 105", "died peacefully at one hundred and two"
    # (a genogram's bracket with the age first: "(ninety-three, alive, Galle)", "(தொண்ணூறு, உயிருடன்)")
    regex.compile(rf"(?<=\()(?:{_NINETY}|{_HUNDRED}|ninety(?:-\w+)?|{_NOVENTA}|தொண்ணூறு|நூறு)(?=\)|,)"
                  rf"|(?<=\b(?:lived to|lives to|live to|living to|lived until|made it to|survived to|vivió hasta"
                  rf"|vivio hasta|llegó a los|llego a los)\s+(?:the age of\s+)?)"
                  rf"(?:{_NINETY}|{_HUNDRED}|ninety(?:-\w+)?|{_NOVENTA})\b"
                  r"(?!\s*(?:%|percent|per cent|minutes|miles|km|points|dollars|pesos))"
                  rf"|(?<=\b(?:died|passed away|passed)\s+(?:peacefully|quietly|suddenly|finally|at home|in her sleep"
                  rf"|in his sleep)\s+at\s+)(?:{_NINETY}|{_HUNDRED}|ninety(?:-\w+)?)\b"
                  # a Tamil 100th birthday: "105-வது பிறந்தநாள்"
                  rf"|(?<!\d){_NINETY}(?=\s*-?\s*(?:வது|ஆவது)\s+பிறந்த)"
                  # (and in words, r13 round: "தொண்ணூற்றேழு-வது பிறந்தநாள்", "நூறு-வது", "தொண்ணூற்றைந்தாவது பிறந்தநாள்")
                  r"|(?:தொண்ணூ|நூற)[\p{L}\p{M}]*(?:\s[\p{L}\p{M}]+)?வது(?=\s+பிறந்த)"   # "நூற்றி இரண்டாவது"
                  r"|(?:(?:தொண்ணூ|நூற)[\p{L}\p{M}]*|நூறு)(?=\s*-\s*(?:வது|ஆவது)\s+பிறந்த)", _I),
    # an ordinal birthday: "her 95th birthday", "his ninety-sixth birthday", "su cumpleaños número 96"
    regex.compile(rf"(?<!\d){_NINETY}(?:st|nd|rd|th)?(?=\s+(?:birthday|bday|b-day)\b)"
                  r"|\bninet(?:ieth|y[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))"
                  r"(?=\s+birthday\b)"
                  r"|\b(?:(?:a|one)\s+)?hundred(?:th|(?:\s+and)?\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth"
                  r"|ninth|tenth))(?=\s+birthday\b)"
                  r"|\b(?:a|one) hundred(?: and)? (?:one|two|three|four|five|six|seven|eight|nine|ten)"
                  r"(?=th\s+birthday\b)"
                  rf"|(?<=\bcumpleaños\s+(?:número\s+|numero\s+|n\.?º\s*)?){_NINETY}\b", _I),
    # Tamil number words after வயது (age): "வயது தொண்ணூற்று நான்கு"
    regex.compile(r"(?<=வயது\s*[,:]?\s*)(?:தொண்ணூற்று\s+[\p{L}\p{M}]+|தொண்ணூறு|நூற்று\s+[\p{L}\p{M}]+|நூறு)"),
    # Tamil number words: தொண்ணூறு (90), தொண்ணூற்று ஐந்து (95), நூறு (100) before வயது
    regex.compile(r"(?:தொண்ணூற்று\s+[\p{L}\p{M}]+|தொண்ணூற[\p{L}\p{M}]*|நூற்று\s+[\p{L}\p{M}]+|நூற[\p{L}\p{M}]*"
                  r"|நூறு)(?=\s*-?\s*வய)"),
]
# an age in digits or words, written as in a genogram after a relation: "great-uncle 96, father 67", "Nan (93)"
KIN_AGE = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d.,/-])(?:{_NINETY}(?!\d)|{_HUNDRED}|{_NINETY_W}|{_NOVENTA}"
                        r"|(?:தொண்ணூ|நூற)[\p{L}\p{M}]*|நூறு)"
                        r"(?=\s*[,.;:)|]|\s*$|\s+(?:and|y|e|now|today|still|lives|who|yrs?|years?|y/?o|años|vive|sigue"
                        r"|que|ya|aún|வயது)\b|\s+[-–—]\s"
                        # (r25 round: a form's separators after it, "Grandfather aged: 107 · Born: ...", "... 91 //")
                        # (r26 round: any separator, " + ", " ~ ", " :: ", " -> ")
                        rf"|\s+(?://|=>|[·»•])\s|\s+{SEPARATOR_MARKS}(?:\s|$))", _I)
AGE_BEFORE_ROLE = regex.compile(rf"(?<=\p{{L}},\s)(?:{_NINETY}(?!\d)|{_HUNDRED}|{_NINETY_W}|{_NOVENTA})(?=\s\()", _I)
# (r18 round: and a time word after a comma, "her grandmother, then 98, fell", "his uncle, now 101,")
# (r25 round: "aged" as a field's label after the relation, "Great-grandmother aged: 97", "Grandfather aged: a hundred
# and two")
_KIN_BEFORE = regex.compile(r"(?P<w>[\p{L}\p{M}][\p{L}\p{M}'’-]*)"
                            # (r28 round) an adjective after the relation, "Abuela materna", "Tía mayor"
                            r"(?:\s+(?i:materna|materno|paterna|paterno|mayor|menor|maternal|paternal))?"
                            r"(?:\s*[:=(]|\s+(?:aged|age|edad)\s*[:=]"
                            # (r28 round) up to two joining words and a separator: "Great-grandmother is: 109",
                            # "Abuela materna, de: noventa y tres", "Bisabuela, con: 107", "Grandad now aged - 96"
                            r"|,?(?:\s+(?i:is|was|aged|age|now|still|then|de|con|tiene|tenía|tenia|ya|edad|of|at"
                            r"|turned|cumplió|cumplio|வயது)){1,2}\s*[:=\-–—]"
                            r"|\s+(?:de|of|aged|age)"
                            r"|,\s+(?:then|now|aged|already|still)"
                            # (r26 round) "Oldest in household, aged: 92"
                            r"|,\s+(?:aged|age|edad)\s*[:=]"
                            # (r20 round) or a comma alone, in apposition: "Carer for mother, ninety-two;"
                            r"|,)?\s*$")
# (r26 round) the oldest member of a household as a form's field: "Oldest in household, aged: 92"
_OLDEST_IN_HOUSEHOLD = regex.compile(r"\b(?i:oldest|eldest)\s+(?:(?:person|member|resident)\s+)?(?:in|of)\s+(?:the\s+)?"
                                     r"(?i:household|home|house|family)$"
                                     # (r28 round) "Elder at home, aged: 102", "Elder in the household, aged: 97"
                                     r"|\b(?i:elder|eldest|oldest)\s+(?:at|in|of)\s+(?:the\s+)?"
                                     r"(?i:household|home|house|family)$")
# every age pattern needs a number from 90 to 119 or one of these words (cheap tests first)
_AGE_NUMBER = regex.compile(r"(?<!\d)(?:9\d|1[01]\d)(?!\d)")
_AGE_WORDS = ("ninet", "hundred", "noventa", "cien", "nonagen", "centen", "தொண்ணூ", "நூற", "நூறு")
EMAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# (r28 round: a country's second-level domain, "givealittle.co.nz/cause/...", "health.govt.nz", "uni.ac.lk"; and no
# domain cut short before a further label, "givealittle.co" of "givealittle.co.nz")
URL = regex.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+|\b(?:[a-z0-9-]+\.)+(?:(?:co|com|org|net|edu|gov|govt|ac|nhs"
                    r"|school|health|iwi|mil|nic|gob|gouv)\.[a-z]{2}(?![a-z])|com|org|net|edu|gov|io|co|uk|in|mx|es"
                    r"|us|info|health|clinic|biz|me|ca|au|ly|app|site)(?:/[^\s<>\"')\]]*)?(?![\w@]|\.[a-z])", _I)
# any other top-level domain, in lower case, with a path: forms.gle/pT7m, linktr.ee/name
URL_WITH_PATH = regex.compile(r"\b(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,12}/[^\s<>\"')\]]+")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4 = regex.compile(rf"(?<![\d.])(?:{_OCTET}\.){{3}}{_OCTET}(?!\d|\.\d)")
IPV6 = regex.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,7}|[0-9A-Fa-f]{1,4})(?![\w:])")
# US social security numbers (123-45-6789, 123 45 6789) and UK National Insurance numbers (QQ 12 34 56 C:
# two prefix letters, never D, F, I, Q, U or V, the second never O, nor BG, GB, KN, NK, NT, TN or ZZ)
SSN = regex.compile(r"(?<![\w-]|\d\s)\d{3}([- ])\d{2}\1\d{4}(?![\w-]|\s\d)")
NINO = regex.compile(r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
# (r14 round) a French social-security number (NIR) in its printed groups, "2 81 03 75 112 004 58" (sex, year,
# month, department, commune, order, key), and a Swiss AHV number, "756.1234.5678.97"
# (r19 round: an overseas department's three digits and a two-digit commune, "1 56 09 974 04 920 24")
FR_NIR = regex.compile(r"(?<![\w.,-])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:(?:\d{2}|2[AB]) ?\d{3}|9[78]\d ?\d{2})"
                       r" ?\d{3} ?\d{2}"
                       r"(?![\w-]|[.,]\d| \d)")
AHV = regex.compile(r"(?<![\w.-])756\.\d{4}\.\d{4}\.\d{2}(?![\w-]|\.\d)")
HOSPITAL_NO = regex.compile(r"(?<![\w-])[A-Z]{1,5}H\s+(?:no|No|NO)\.?\s*(?P<code>[A-Z]{0,3}\d[\d/-]{2,}\d)(?![\w/-])")
A_NUMBER = regex.compile(r"(?<![\w-])A-?\s?\d{3}[-\s]?\d{3}[-\s]?\d{3}(?![\w-])")
CARD = regex.compile(r"(?<![\w-])\d{4}(?:[ -]\d{4}){3}(?![\w-])"
                    r"|(?<![\w*•])(?:[*•]{4}[ -]?){1,3}\d{4}\b|(?<![\w*•])[*•]{2,}\d{4}\b")      # masked: **** 1234
CASE_NUMBER = regex.compile(r"(?<![\w-])\d{2,4}-[A-Z]{2,4}-\d{3,6}(?![\w-])")
CA_POSTCODE = regex.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b")
IBAN = regex.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
# Argentine CPAs before the town, with no cue: "B7000YHG Tandil", "N3300WWE Posadas"
AR_CPA = regex.compile(r"\b[A-HJ-NP-Z]\d{4}[A-Z]{3}\b(?=,?\s+\p{Lu}[\p{Ll}\p{M}])")
AR_POSTCODE = regex.compile(r"(?<=\b(?:CP|C\.P\.|CPA|(?i:código postal|codigo postal))\s?)[A-Z]\d{4}(?:[A-Z]{3})?\b")
UK_POSTCODE = regex.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")
ZIP = regex.compile(r"(?<![\w$£€.,/-])\d{5}(?![\w%/]|-(?!\p{Tamil})|[.,]\d)")    # not glued to a slash: 2019/35876
# Irish Eircodes: a routing key (a letter and two digits, or D6W) and four characters of a reduced alphabet (A65 F4E2)
EIRCODE = regex.compile(r"\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?(?!(?:19|20)\d\d\b)[0-9AC-FHKNPRTV-Y]{4}\b")
# the shape of a UK, Irish or Canadian postcode with any letters (r13 round: letters the postal services never issue,
# "SD20 8OV", "F93 U78S", "L3Y 9I7"), a postcode only where one sits: after a town or a province code that follows a
# comma ("..., Llandovery SD20 8OV", "..., Buncrana, F93 U78S", "..., Newmarket, ON L3Y 9I7")
POSTCODE_SHAPE = regex.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d{2} (?=[A-Z]*\d)(?=\d*[A-Z])[A-Z\d]{4}"
                               r"|[A-Z]\d[A-Z] \d[A-Z]\d)\b(?![-/]\w)")
_POSTCODE_PLACE_BEFORE = regex.compile(r"(?:,\s|\n)(?:\p{Lu}[\p{L}\p{M}'’.-]*\s){1,3}$"
                                       r"|,\s(?:\p{Lu}[\p{L}\p{M}'’.-]*\s){0,3}\p{Lu}[\p{L}\p{M}'’.-]*,\s$")
# Australian postcodes after the state, in its range: "Randwick NSW 2031", "Darwin NT 0810" (not "WA 2019")
AU_POSTCODE = regex.compile(r"\b(?:(?:NSW|ACT)\.?,?\s{1,2}(?P<pc>[012]\d{3})|(?:VIC|Vic)\.?,?\s{1,2}(?P<pc>[38]\d{3})"
                            r"|(?:QLD|Qld)\.?,?\s{1,2}(?P<pc>[49]\d{3})|SA\.?,?\s{1,2}(?P<pc>5\d{3})"
                            r"|WA\.?,?\s{1,2}(?P<pc>6\d{3})|(?:TAS|Tas)\.?,?\s{1,2}(?P<pc>7\d{3})"
                            r"|NT\.?,?\s{1,2}(?P<pc>0\d{3}))\b(?![.,:/-]\d)")
# Brazilian CEPs after "CEP" (Dutch 1015 CJ and Portuguese 1100-053 are found after an address: _ADDRESS_POSTCODE)
NL_PT_POSTCODE = regex.compile(r"\b(?:CEP|Cep|cep):?\s?(?P<pc>\d{5}-?\d{3})\b")
# Sri Lankan plates: a province code, two or three letters, four digits (WP CAB-1234, NP EJ-7838)
LK_PLATE = regex.compile(r"\b(?:WP|CP|SP|NP|EP|NW|NC|UP|SG)[ -]?[A-Z]{2,3}[ -]?\d{4}\b")
# Argentine postcodes in brackets before the town: "(B2190) Quilmes", "(C1425DKE) CABA"
AR_POSTCODE_BRACKET = regex.compile(r"(?<=\()(?:[A-HJ-NP-Z]\d{4}(?:[A-Z]{3})?|(?<=,\s?\()(?!(?:19|20)\d\d)\d{4})"
                                    r"(?=\)\s+\p{Lu})")                  # ", (8300) Neuquén": the older code
# a code in brackets after a facility or a "records sent" note: "Hospital Civil (348370)", "(MAA.1874931)"
PAREN_CODE = regex.compile(r"\(\s?(?P<c>(?:[A-Z]{1,5}[-./#]?\s?)?\d[\d./-]{3,}\d[A-Z]?)\s?\)")
# a town in brackets after an IP address (r13 round): "login from 41.34.242.35 (Wennappuwa)", "(Kandy, Sri Lanka)"
_PAREN_TOWN = regex.compile(r"\s?\((?P<p>\p{Lu}[\p{L}\p{M}'’.-]+(?:[ -](?:(?:de|del|la|upon|on)\s)?"
                            r"\p{Lu}[\p{L}\p{M}'’.-]+){0,2})(?:,\s?\p{Lu}[\p{L}\p{M}'’. -]+)?\)")
_PAREN_MRN_CUES = regex.compile(r"(?i:record|report|informe|hospital|clinic|clínic|instituto|institute|medical|health"
                                r"|centre|center|sanatorio|expediente|historia)|மருத்துவ|அனுப்ப|அறிக்கை")
# Indian police report numbers with their letters: FIR 833/2024, NCR No. 45/23, CSR 112/2022
# (r22 round) and Malaysian ones with their district police headquarters and town: IPD SENTUL/12345/23, IPK PERAK/..
POLICE_REPORT = regex.compile(r"\b(?:FIR|NCR|CSR)\s?(?:No\.?\s?|#\s?)?\d{1,6}/(?:19|20)?\d{2}\b(?!/)"
                              # (r26 round) the Tamil "number" after it, the code alone: "CSR எண் 6005/20"
                              r"|(?<=\b(?:FIR|NCR|CSR)\sஎண்\s?)\d{1,6}/(?:19|20)?\d{2}\b(?!/)"
                              r"|\b(?:IPD|IPK|BALAI)\s[A-Z][A-Z ]{1,20}/\d{3,7}/(?:19|20)?\d{2}\b(?!/)")
# case and file references: capitals (dotted or not, or an abbreviation like "Cr.") and a number over a year or
# a serial: "CIB 121/571", "DP 5864/2023", "H.M.O.P. 943/2024", "Cr. No. 618/2022", "O.S. No. 112/2021"
CASE_REF = regex.compile(r"(?<![\w./-])(?P<p>[A-Z](?:\.?[A-Z]){0,6}\.?|[A-Z][a-z]{1,3}\.)\s?"
                         r"(?:(?:No|Nos|NO|Nº|N°|Nr)\.?:?\s?|#\s?)?(?P<a>\d{1,6})/(?P<b>\d{2,4})(?![\w/]|[.,]\d)")
# Ghanaian plates (a region's two letters, digits, the year: GR 1234-21) and Kenyan ones (KCA 123A)
GH_KE_PLATE = regex.compile(r"\b(?:[A-Z]{2} ?\d{1,4}-(?:\d{2}|[A-Z])|K[A-Z]{2} ?\d{3}[A-Z])\b(?![-/]\d)")
# Mexican plates: three letters, three digits, one letter (NLR-441-B)
MX_PLATE = regex.compile(r"\b[A-Z]{3}([- ])\d{3}\1[A-Z]\b")
# references of capitals and digits joined by slashes: KMC/PSY/2023/4471, VT/44187, CI-FDS/TLA/00412/03-2024
SLASH_CODE = regex.compile(r"(?<![\w./-])(?=[A-Z0-9-]*/)(?=[A-Z0-9/-]*[A-Z])[A-Z0-9]+(?:[-/][A-Z0-9]+){1,7}"
                           r"(?![\w/-]|\.\d)")
# a letter or two written on to grouped digits: M1047 88214 07319
LETTER_GROUPED = regex.compile(r"(?<![\w.,/-])[A-Z]{1,2}\d{3,5}(?:[ -]\d{3,5}){1,3}(?![\w-]|[.,]\d)")
# ten digits or more grouped by dots in threes (Colombian cédula 1.020.456.113; "DNI 34.567.890" has a cue)
DOTTED_NUMBER = regex.compile(r"(?<![\w$€£.,])\d{1,3}(?:\.\d{3}){3,4}(?![\w]|[.,]\d)")
# UPI payment addresses: a name, @, and a bank's handle, no domain (balan.n2007@okicici, priya@ybl, ravi99@paytm)
UPI_ID = regex.compile(r"(?<![\w.+@-])(?:[\w.-]*\w@(?:ok[a-z]+|ybl|ibl|axl|apl|upi|paytm|ptyes|ptaxis|pthdfc|ptsbi"
                       r"|icici|sbi|hdfcbank|axisbank|kotak|kmbl|barodampay|aubank|yesbank|yespay|idfcbank|idfcfirst"
                       r"|pingpay|freecharge|fbl|unionbank|pnb|cnrb|airtel|jio|abfspay|waicici|waaxis|wahdfcbank|wasbi"
                       r"|rbl|indus|federal|citi|hsbc|dbs|allbank|boi|cbin|uco|psb|ikwik|axisb|timecosmos)"
                       r"|[\w.-]*\d[\w.-]*@[a-z]{3,})(?![\w@-]|\.\w)")
_MONEY_BEFORE = regex.compile(r"(?:[$€£₹]|\b(?i:pesos|euros|bs|cop|ars|clp|usd|mxn))\s*$")
_MONEY_WORDS = {"pesos", "euros", "dólares", "dolares", "bolívares", "soles", "reales", "al", "por", "de", "mensuales",
                "anuales", "cop", "ars", "clp", "mil", "millones"}
# (not a phone's groups after a country code, r15 round: a Panamanian mobile "+507 6612-3480", "+507 61234-5678")
ZIP4 = regex.compile(r"(?<![\w$.,-])(?<!\+\d{1,3}[\s.]?)\d{5}-\d{4}(?![\w-])")
# Indian PIN codes: 600073, 600 073, also written on to the place ("Tambaram-600073")
PIN = regex.compile(r"[1-8](?<=(?:^|[^\w-]|[\p{L}\p{M}][-–])[1-8])(?<![A-Z][-–][1-8])\d{2} ?\d{3}"
                   r"(?!\w|-(?!\p{Tamil})|\s\d)")                  # "625001-இல்" (a Tamil case ending)
_EXT = r"(?:\s*,?\s*(?i:ext|extension|extn|anexo|x)\.?\s*\d{1,5})?"
PHONE = regex.compile(
    # (+52) 1 33 4872 3827, +44 (0)20 7946 0018, 020 7946 0018, 555-0148 ext. 12
    # (r26 round: a French mobile's one digit after the dropped trunk, "+33 (0)6 23 24 25 17")
    r"(?<![\w+/.-])(?:\(?\+\d{1,3}\)?[\s.-]?(?:\d[\s.-])?)?(?:\(\d{1,5}\)[\s.-]?)?(?:(?<=\+\d{1,3}\s?\(0\))\d|\d{2,5})"
    r"(?:[\s.-]\d{2,8}){1,4}"
    rf"{_EXT}(?![\w/]|-(?!\p{{Tamil}})|\.\d)"                          # "902-555-0120-க்கு" (a Tamil case ending)
    r"|(?<![\w+/.-])\+\d{1,3}[\s.-]?(?:\d{1,2}[\s.-])?\d{6,12}(?![\w/]|-(?!\p{Tamil}))|(?<![\w/.-])\(\d{2,5}\)\s?\d{6,8}\b"
    # (r22 round) a one-digit area code in brackets before seven digits, as in Bolivia: (4) 4423917
    r"|(?<![\w/.-])\(\d\)\s\d{7}(?![\w/]|-(?!\p{Tamil})|\.\d)"
    # (r19 round) a country code in brackets before an ungrouped number: (+250) 788123456
    r"|(?<![\w+/.-])\(\+\d{1,3}\)\s?\d{6,12}(?![\w/]|-(?!\p{Tamil})|\.\d)"
    rf"|(?<![\w+/.-])\+\d{{8,14}}\b|(?<![\w/.-])\d{{10,11}}{_EXT}\b"
    # North American with the trunk 1: 1-509-755-3650, 1 (800) 555-0100
    rf"|(?<![\w+/.-])1[\s.-]?(?:\(\d{{3}}\)|\d{{3}})[\s.-]?\d{{3}}[\s.-]\d{{4}}{_EXT}(?![\w/]|-(?!\p{{Tamil}})|\.\d)"
    # Indian numbers with the trunk 0 and a six-digit first group: 098765 43210
    r"|(?<![\w+/.-])0\d{5}[\s.-]?\d{5}(?![\w/]|-(?!\p{Tamil})|\.\d)"
    # Chilean mobiles (r13 round): 9 3680 6202 (not "3 2019 2020")
    r"|(?<![\w+/.-])\d\s(?!(?:19|20)\d\d\s(?:19|20)\d\d\b)\d{4}\s\d{4}(?![\w/]|-(?!\p{Tamil})|\.\d)")
LONG_NUMBER = regex.compile(r"(?<![\w/-])(?:(?:[A-Z]{1,4}\.|[A-Z]{0,4}[-#/]?)\d[\d/-]{5,}\d|[A-Z]{1,3}\d{5,}[A-Z]?"
                            r"|\d{3,}[A-Z]{1,3}\d{2,})(?![\w/-])")
GROUPED_NUMBER = regex.compile(r"(?<![\w.,/-])\d{2,5}(?:[ -]\d{1,5}){2,4}[A-Z]?(?![\w-]|[.,]\d)")
# codes mixing capitals and digits (plates, licences, member ids): TN42ME3506, 4MNG657, PGE-91-88, 91698438M
MIXED_CODE = regex.compile(r"(?:[A-Z](?<=(?:^|[^\w./-])[A-Z])|[0-9](?<=(?:^|[^\w./-])[0-9])(?=[A-Z0-9-]*[A-Z]))"
                           r"[A-Z0-9]*(?:-[A-Z0-9]+)*"
                           r"(?![\w-]|\.\d)")
# capitals and digits apart (CD 84773, TNMC 32258; 898 PXL, 1234 BCD: consonants only, as on Spanish plates)
SPACED_CODES = (regex.compile(r"(?<![\w-])(?P<a>[A-Z]{2,4}|[A-Z]{1,3}\d{1,2}) (?P<n>\d{4,8})(?![\w-]|[.,:/]\d)"),
                regex.compile(r"(?<![\w.,-])(?P<n>\d{3,4}) (?P<a>[B-DF-HJ-NP-TV-Z]{3})(?![\w-])"))
# UK (AB12 CDE) and Indian (TN 09 AB 1234) number plates
PLATE = regex.compile(r"[A-Z](?<=\b[A-Z])[A-Z](?:\d{2} ?[A-Z]{3}|[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4})\b")
_UNITS = {"dollars", "pesos", "rupees", "euros", "pounds", "steps", "words", "people", "km", "miles", "kg",
          "calories", "meters", "metres", "usd", "mxn", "inr"}
# (a later group is never the capital of the next word: "CP 22432 Mexicali")
# (r14 round: a Norwegian account's dotted groups first, "9710.45.30641"; r15 round: any such three groups,
# "412.508.77120")
# (r23 round: up to three letter groups joined by hyphens before the digits, "SWK-LCSW-LIC-9447")
_CODE = (r"(?:\d{3,4}\.\d{2,3}\.\d{5,6}(?!\d|\.\d)|(?:(?:[A-Z]{1,7}-){2,3}|[A-Z]{1,7}[-\s/]?)?\d[\dA-Z]*"
         r"(?:[-\s/][\dA-Z]+(?![\p{Ll}\p{M}])"
         # (r27 round: a check digit after a full stop at a long number's end, the Swiss "N-Ausweis 91812948.8")
         r"|\.\d{3}(?=\D|$))*(?:-[\dkK]|(?<=\d{6})\.\d(?![\d,]|\.\d))?)")
NUMBER_AFTER_CUE = regex.compile(
    # (r23 round: a membership's or an active enrolment's word before the mark, "NZAC membership no.: 8034",
    # "colegiado activo n.º 8612")
    r"\.?\s*(?:'?s)?\s*(?:(?:number|num|no|nr|n\.?[º°o]|#|is|was|ending|in|with|:|-|,|\(|of|es|número|numero|de|reads"
    r"|membership|activo|activa|vigente|active"
    r"|இல|இலக்கம்|எண்)\.?"
    rf"\s*){{0,4}}(?P<code>#?{_CODE})")
_YEARISH = regex.compile(r"(?:19|20)\d\d")
# (r25 round) a police branch's letters, a Roman numeral and a number after an ID's cue (a police complaint's number):
# "பொலிஸ் முறைப்பாட்டு இலக்கம்: CIB II/336", "police complaint no. CIB IV/1207", "CID-III/88"
_ROMAN_BRANCH_CODE = regex.compile(r"\.?\s*(?:(?:no|n[º°o]|number|num|#|:|-|இல|இலக்கம்|எண்)\.?\s*){0,2}"
                                   r"(?P<code>[A-Z]{2,5}[\s-](?:X{0,3}(?:IX|IV|VI{0,3}|I{1,3})|X{1,3})/\d{1,6}"
                                   # (r28 round) a German court file, its chamber's number and register letters
                                   # first ("Aktenzeichen 18 XVII 147/23", "Az. 2 BvR 123/20"); a police branch's
                                   # letters before a three-part number ("CIB இலக்கம் CIB 3/701/22")
                                   r"|\d{1,3}\s(?:[A-Z][A-Za-z]{0,3}\s){1,2}\d{1,6}/\d{2,4}"
                                   r"|[A-Z]{2,5}\s\d{1,4}/\d{1,6}/\d{2,4})(?![\w/-])")
# a plate of two letter groups and digits after a vehicle's cue (r13 round: Sri Lankan plates with any province letters,
# "RF MFS-9510", "OF HNX-1883")
_PLATE_AFTER_CUE = regex.compile(r"\.?\s*(?:(?:no|n[º°o]|number|num|#|:|இல|இலக்கம்|எண்)\.?\s*){0,2}"
                                 # (r14 round: German plates, one letter after the district, "Kennzeichen K-A 71")
                                 r"(?P<code>[A-Z]{1,3}[ -][A-Z]{1,3}[ -]?\d{1,4}[EH]?"
                                 # (r15 round) Nepali plates, the zone's and the class's letters in words with the
                                 # numbers: "Ba 2 Kha 4471", "Lu 1 Cha 208"
                                 r"|\p{Lu}\p{Ll}{0,2} \d{1,2} \p{Lu}\p{Ll}{0,3} \d{1,4}"
                                 # (r24 round) Chilean plates, two pairs of letters (or letters and digits) and two
                                 # digits, with middle dots or hyphens or none: "MC·CC·43", "LP-HZ-48", "NVSV-92";
                                 # a register's letters before a letter and digits: "RCI எண் CRR A48053"
                                 r"|[A-Z]{2}[·•‧\-]?[A-Z]{2}[·•‧\-]?\d{2}|[A-Z]{2}[·•‧]\d{2}[·•‧]\d{2}"
                                 r"|[A-Z]{2,4} [A-Z]{1,2}\d{3,6})\b(?![-/·]\d)")
# (r20 round) a short registration after a registration or vehicle cue, letters then three digits: "Reg.: K418",
# "vehicle no.: AB731" (a licence's cue is needed before it)
_SHORT_REGISTRATION = regex.compile(r"[A-Z]{1,3}\d{3}")
# (r21 round) a licence's cue with its own number mark is enough for a short number ending the field: "LCMHC license
# no. #457.", "licence number: 88 |" (not "licence no. 42 of the cohort", "license score 45")
_LICENCE_WORD = regex.compile(r"(?i:licen[cs]e|lic\b)")
_NUMBER_MARK = regex.compile(r"(?i:\bno\b|\bnumber\b|#|n[º°])")
_FIELD_ENDS = regex.compile(r"\s*(?:[.,;|/—–]|\s-\s|$)")
_NUMBER_KINDS = {"phone", "fax", "ssn", "mrn", "account", "licence", "id", "postcode"}
_LAST_GROUP = regex.compile(r"[ -](?:\d{1,3}[A-Z]?|[A-Z])(?![\w-]|[.,]\d|\s*(?:%|times|veces|sessions|sesiones"
                            r"|years|años|days|días|minutes|hours|mg|kg|km|points|puntos)\b)")


# Spanish-speaking facilities and neighbourhoods named after a date, its month capitalised: "Hospital 12 de Octubre",
# "Hospital Regional 1° de Octubre", "Escuela Primaria 5 de Febrero", "Colonia 20 de Noviembre"
DATED_NAME = regex.compile(
    r"\b(?:Hospital|Clínica|Clinica|Sanatorio|Centro\s+de\s+Salud|Colegio|Escuela|Instituto|Preparatoria|Secundaria"
    r"|Primaria|Universidad|Colonia|Col\.|Barrio|Fraccionamiento|Unidad|Parque|Mercado|Estadio|Penal|Reclusorio)"
    r"(?:\s+(?:General|Regional|Infantil|Materno[- ]Infantil|Técnica|Tecnica|Federal|Oficial|Nacional|Municipal|Civil"
    r"|Universitario|Militar|Naval|Central|Comarcal|Provincial|Primaria|Secundaria|Habitacional|de\s+Especialidades))*"
    rf"\s+{_DAY}(?:\.?[º°]|o)?\s+de\s+(?:Enero|Febrero|Marzo|Abril|Mayo|Junio|Julio|Agosto|Septiembre|Setiembre|Octubre"
    r"|Noviembre|Diciembre)\b")
# the code of a bank's branch, not of a person's account: UK sort codes, Australian BSBs, Canadian transit and
# institution numbers, Indian IFSC codes (the account number next to them is found on its own)
BRANCH_CODE = regex.compile(r"\b(?i:sort[- ]code|bsb|transit|institution|ifsc|branch\s+code|routing\s+transit)"
                            r"(?:\s*(?i:no\.?|number|num\.?|#))?\s*[:#]?\s*"
                            r"(?P<c>\d{2}[- ]?\d{2}[- ]?\d{2}\b|\d{3}[- ]?\d{3}\b"
                            r"|\d{3,5}\b(?![-.,/]\d)|[A-Z]{4}0[A-Z0-9]{6}\b)(?![-/]\d)")
_BRANCH_WORDS = ("ort", "SORT", "BSB", "bsb", "ransit", "RANSIT", "nstitution", "IFSC", "ifsc", "ranch", "outing")
_CHECK_CHAR = regex.compile(r"\([0-9A]\)")              # a check character in brackets: HKID A123456(7)


def _alt(words: Iterable[str], *, title: bool = False, loose: bool = False) -> str:
    """One regex alternation of ``words``, longest first. ``title``: written with a capital first letter;
    ``loose``: a dot may be left out (or followed by a space) and words may be written together."""
    out = []
    for w in sorted({w.strip() for w in words}, key=lambda w: (-len(w), w)):
        if title:
            w = w[:1].upper() + w[1:]
        out.append("".join((r"\s*" if loose else r"\s+") if ch.isspace() else r"\.?\s?" if ch == "." and loose
                           else regex.escape(ch) for ch in w))
    return "(?:" + "|".join(out) + ")"


def _trie(phrases: Iterable[str]) -> str:
    """A regex matching any of ``phrases``, longest first, written as a trie (far faster than a flat
    alternation of many phrases, which is tried phrase by phrase at every position)."""
    root: dict = {}
    for p in phrases:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        alts = [regex.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + walk(root) + ")"


# a floor, flat or office word after a Spanish house number ("piso 3", "depto. A", "dpto 4", "of. 7", "int. 2")
_ES_UNIT = (r"(?i:piso|planta|depto|dpto|dto|departamento|apto|apartamento|interior|int|oficina|of(?=\.)|local|puerta"
            r"|pta|torre|uf|unidad\s+funcional)\.?")
# Venezuelan buildings and houses named after the street ("Edif. Los Samanes", "Qta. Mi Refugio", "Res. El Parque")
_VE_BUILDING = r"Edif|Edificio|Qta|Quinta|Residencias|Resd|Torre|Conjunto\s+Residencial|Centro\s+Comercial|C\.C"
# and the floor, flat or house in it ("piso 4", "apto. 4-B", "casa N.º 12", "PB", "local 3")
_VE_UNIT = (rf"(?:{_ES_UNIT}|(?i:casa|apt|ofic|nivel)\.?)\s*(?:[nN]\.?[º°o]\.?\s*)?[\dA-Z][\w-]*"
            r"|(?i:PB|planta\s+baja|mezzanina)\b")
# capitalised words before a number and a floor that name no street: "Sala 12, piso 3", "Cama 4", "Consultorio 7"
_NOT_STREET_NAME = (r"(?i:sala|cama|consultorio|pabellón|pabellon|habitación|habitacion|box|módulo|modulo|servicio"
                    r"|área|area|planta|piso|torre|unidad|ward|room|bed|bay|level|floor|session|sesión|sesion|grupo"
                    r"|hospital|clínica|clinica|sanatorio|edificio|bloque)")


# the first words of Irish-language estate and townland names in an address ("Cnoc na Gréine", "Fána Glas", "Cluain
# Árd", "Páirc an Choill"): hill, slope, meadow, fort, wood, well, strand...
_IRISH_PLACE_WORDS = (r"(?:Ard|Árd|Cnoc|Cois|Páirc|Pairc|Radharc|Gort|Cluain|Lios|Dún|Tír|Gleann|Baile|Coill|Carraig"
                      r"|Achadh|Machaire|Mainistir|Fána|Bruach|Cúil|Cill|Droim|Doire|Faiche|Fearann|Gairdín|Inis|Léana"
                      r"|Móin|Mullach|Ráth|Sliabh|Tobar|Trá|Tulach|Cúirt|Clós|Eastát|Bóithrín|Garrán|Ardán)")
# the word after "na" or "an" may take a lower-case mutation first: "na hAbhann", "an tSléibhe", "na gCloch"
_IRISH_NAME = r"(?:bhf|[hnt]-?|mb|gc|nd|ng|bp|dt)?\p{Lu}[\p{L}\p{M}'’-]+"
# such a name after a flat and its building, part of the address: "Apt 24, Alder Court, Cnoc na Gréine"
_IRISH_ESTATE_AFTER = regex.compile(rf",\s+{_IRISH_PLACE_WORDS}\s+(?:(?:na|an|a)\s+)?{_IRISH_NAME}\b")


def _lexicon_patterns(conf: dict) -> dict:
    """Address and date patterns whose words come from the lexicon YAML."""
    sfx = conf["street_suffixes"]
    suffix = (rf"(?:(?i:{_alt([w for w in sfx if len(w) >= 4])})"
              rf"|{_alt([w for w in sfx if len(w) < 4], title=True)})")
    # the full stop after a street type is the address's only when the type is an abbreviation ("Oak St."; not the
    # sentence's end in "lives at 4 Temple Street.")
    suffix_dot = rf"(?:(?<=\b(?i:{_alt(conf['street_abbreviations'])}))\.)?"
    door = rf"(?i:{_alt(conf['door_words'], loose=True)})\.?\s*"
    unit = rf"(?i:{_alt(conf['unit_words'], loose=True)})\.?\s*"
    ta_street = _alt(conf["ta_street_words"])
    area = _alt(conf["area_words"], loose=True)
    title_prefix = _alt(conf["street_prefixes_title"], loose=True)
    # (and the Irish "na", "an": "Bóthar na Trá")
    particles = r"(?:de\s+la|de|del|la|las|los|des|du|da|das|do|dos|di|della|delle|dei|degli|na|an)"
    # a count of things, not a house number: "3 Safe Place exercises", "4 Gold Point stickers" (a plural noun after)
    # (no count after an unambiguous street type or a unit's number: "12 Temple Street holds", "Terrace #39 holds")
    not_count = (r"(?:(?<=\d|\b(?i:street|road|lane|avenue|drive|highway|boulevard|crescent|terrace|salai|mawatha))"
                 r"|(?!\s+(?!(?:is|was|has|as|its|this|his|hers|yes|plus|does|goes|seems|looks|sits|lies)\b)"
                 r"\p{Ll}{2,}s\b))")
    address_ta = [
        # (r28 round) a Sri Lankan housing scheme's house and its settlement: "வீட்டுத் திட்டம் 6, சமயபுரம்",
        # "வீட்டுத் திட்டம் 46, அம்பாள் குடியிருப்பு"
        regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:வீட்டுத்|வீடமைப்புத்|வீட்டு|வீடமைப்பு)\s+திட்டம்\s*(?:இல\.?\s*)?\d{{1,4}}"
                      rf"(?:/\d{{1,4}}|-?[A-Za-z])?,\s*[\p{{L}}\p{{M}}]+(?:\s+{ta_street})?(?![\p{{L}}\p{{M}}])"),
        # எண் 13, கிழக்கு மாசி வீதி; 62/25, காந்தி ரோடு; வீட்டு எண் 19, அண்ணா நகர் இரண்டாவது தெரு (an ordinal word
        # before the street word)
        # (r17 round: a Tamil letter after the number, "கதவு எண் 7-ஆ" door no. 7-B)
        # (r22 round: a Latin letter after a hyphen, "கதவு எண் 12-C")
        # (r25 round: a Sri Lankan door number's letter after a slash, "இல. 68/B, பயனியர் வீதி")
        regex.compile(rf"(?=[\p{{L}}\d])(?:{door}\d{{1,4}}(?:/\d{{1,4}}|/[A-Za-z](?![\w]))?(?:-?[A-Za-z]|-[\u0B85-\u0BB9]\p{{M}}?)?(?:,\s*|\s+)"
                      # (r23 round: a door number with a hyphen and a letter and no door word, "52-B, X சாலை")
                      rf"|(?<![\d/-])\d{{1,4}}(?:/\d{{1,4}})?(?:-?[A-Za-z])?,\s*)"
                      rf"\p{{L}}[\p{{L}}\p{{M}}.]*(?:\s+\p{{L}}[\p{{L}}\p{{M}}.]*)?(?:\s+[\p{{L}}\p{{M}}]+வது)?\s+{ta_street}"
                      # (r28 round) an ordinal lane or cross street off it: "இல. 87, குருமன்காடு வீதி, இரண்டாம்
                      # ஒழுங்கை", "..., மூன்றாம் குறுக்குத் தெரு"
                      rf"(?:,\s*[\p{{L}}\p{{M}}]+(?:ாம்|வது)\s+(?:குறுக்குத்?\s+)?{ta_street})?"),
        # 3-வது குறுக்குத் தெரு (3rd cross street); (r22 round) a side's word before it, "12/3, கிழக்கு 2-ம் வீதி" (east
        # 2nd street)
        regex.compile(rf"(?=\d)(?:\d{{1,4}}(?:/\d{{1,4}})?,\s*(?:[\p{{L}}\p{{M}}]+\s+)?)?\d{{1,3}}\s*-?\s*(?:வது|ஆவது|ம்)\s+(?:[\p{{L}}\p{{M}}]+\s+)?{ta_street}"),
        # (r26 round) a block and a house number: "பிளாக் 16, வீடு எண் 374", "பிளாக் 7 வீடு எண் 38-A"
        regex.compile(r"(?<![\p{L}\p{M}])(?:பிளாக்|ப்ளாக்|Block)\s*(?:எண்\s*)?[A-Z]?\d{1,4}[A-Z]?,?\s*(?:வீடு|வீட்டு|கதவு)"
                      r"\s+(?:எண்|இலக்கம்)\.?\s*\d{1,5}(?:-?[A-Za-z])?(?!\w)"),
    ]
    address = [
        # (r28 round) a unit in a building and an Irish street with no number: "Apt 27, Swilly House, Ascaill an
        # Locha", "Flat 3, Harbour Court, Bóthar an Phoirt"
        regex.compile(rf"\b{unit}#?\d\w*,\s*(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\s+){{1,3}}(?:House|Court|Lodge|Building"
                      rf"|Apartments|Mansions|Tower|Heights|Hall|Manor|Villas|Flats|Block),\s*{title_prefix}\s+"
                      rf"(?:{particles}\s+)?\p{{Lu}}[\p{{L}}\p{{M}}'’-]+(?:\s+(?:{particles}\s+)?\p{{Lu}}[\p{{L}}\p{{M}}'’-]+){{0,2}}"),
        # (r28 round) an Irish estate after its number, its article first: "25 Na Crannóga", "8 An Choill Mhór"
        regex.compile(r"(?<![\w.,/-])\d{1,4}[A-Za-z]?,?\s+(?:Na|An)\s+\p{Lu}[\p{L}\p{M}'’-]+"
                      r"(?:\s+(?:na|an|\p{Lu}[\p{L}\p{M}'’-]+)){0,2}(?![\p{L}\p{M}\d])"),
        # a Peruvian block and lot, and the street after it (r13 round): "Mz. C Lote 45, Jr. Puno", "Mz. B Lt. 12, Av.
        # Los Incas" (without a street after it, the Spanish pattern below finds it)
        regex.compile(r"\b(?:Mz|Mza|Manzana)\.?\s*[A-Z0-9]{1,4},?\s+(?i:lote|lt)\.?\s*\d{1,4}[A-Z]?\b"
                      r"(?:,\s*(?:Jr|Av|Avda|Calle|Psje|Pje|Pasaje|Jirón|Jiron|Avenida|Prolongación|Prol|Ca)\.?\s+"
                      r"(?:(?:de|del|la|las|los)\s+)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:(?:de|del|la|las|los)\s+)?\p{Lu}"
                      r"[\p{L}\p{M}'’-]+){0,3})"),
        # Singapore HDB blocks whose street has no type word, with the unit: "Blk 412 Jurong West Central, #07-112",
        # "Block 23 Toa Payoh Lorong 4 #11-305" (r12 round; first, before the shorter "Blk 412" of the unit words)
        regex.compile(r"\b(?:Blk|BLK|Block)\s+\d{1,4}[A-Z]?\s+(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){0,4}"
                      r"(?:\p{Lu}[\p{L}\p{M}'’-]*|\d{1,2}[A-Z]?),?\s+#\d{1,2}-\d{1,4}[A-Z]?\b"),
        # P.O. Box 12, Post Box No. 48, Apartado postal 7 (first: "Post Box No. 3611, T. Nagar" is no door number)
        regex.compile(rf"\b(?i:{_alt(conf['box_words'], loose=True)})"
                      r"(?:\s*(?:(?i:no|n[º°o]|number|num)\.?|எண்|இல\.|இலக்கம்))?"
                      # P.O. Box 1234-00100 (Kenya: box-postcode), Private Bag X926 (South Africa)
                      # (r14 round: letters before the number, "Private Bag E178", "Private Bag BO 896")
                      # (r18 round: a box and its post office, any length, "P.O. Box 14-3307"; letters with a dash,
                      # "P.O. Box CB-1207")
                      r"\s*[#:]?\s*(?:[A-Z]{1,2}[\s-]?)?\d+(?:-\d{4,5}\b)?"
                      r"(?:,?\s+(?:Stn|STN|Station|Succ\.?|Succursale|RPO|Postal Station)\s+\p{Lu}[\p{L}\d]*\b)?"),
        # roads by number: Hwy 61, 4120 County Road 12, FM 1960, 88 State Route 9
        # (r14 round: "6845 Historic Route 66 #3", "1989 Route 1A"; not a named highway's unit, "3125 Kalanianaole
        # Highway #20", which the pattern below finds whole)
        regex.compile(r"(?:\b\d{1,6}\s+)?\b(?:(?:Historic|Old|Scenic)\s+|(?<!\p{Lu}[\p{L}\p{M}'’-]*\s))"
                      r"(?:(?:Highway|Hwy\.?|County Road|County Rd\.?|State Route|State Road|Route"
                      r"|Rte\.?|Farm to Market Road)\s?#?\d{1,4}[A-Z]?|(?:FM|CR|SR)\s?\d{3,4})\b"
                      r"(?!,?\s*(?:Box|Bx|Site|Comp)\s*#?\d)(?:\s(?:East|West|North|South)\b)?(?:\s#\d{1,4}[A-Z]?\b)?"),
        # an Irish estate named in Irish before its street: "10 Ard Mhuire, Knockanree Avenue", "4 Cois Locha"
        # (r13 round: more of its words, "948 Fána Glas")
        regex.compile(rf"\b\d{{1,4}}[A-Za-z]?,?\s+{_IRISH_PLACE_WORDS}\s+(?:(?:na|an|a)\s+)?{_IRISH_NAME}"
                      rf"(?:,\s+(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]+\s+){{1,3}}{suffix}\b)?"),
        # 42 Willow Lane, Apt 3B; 12 2nd Cross Street (the door words before the number: "address_prefix")
        regex.compile(
            r"\b(?:[A-Z][-/]?)?\d{1,6}(?:/(?:\d{1,4}|[A-Z]))?[A-Za-z]?(?:-\d{1,4}){0,2}"
            r",?\s+(?:[NSEW]\.?\s+|North\s+|South\s+|East\s+|West\s+)?(?:(?:\p{Lu}[\w'’.-]*|\d{1,3}(?:st|nd|rd|th))\s+"
            # a particle inside the name: "384 Dama de Noche St.", "12 Stratford upon Avon Road"
            r"(?:(?:de\s+la|de\s+los|de\s+las|de|del|la|las|los|van\s+der|van|von|der|den|di|da|do|dos|das|du|des|le"
            r"|upon|on|en)\s+(?=\p{Lu}))?)"
            rf"{{1,4}}{suffix}\b{suffix_dot}(?:\s+(?:East|West|North|South|NE|NW|SE|SW|E|W|N|S|Upper|Lower|Extension|Extn"
            r"|Ext)\b\.?)?(?:\s\d{1,3}(?=,?\s+#\d))?"
            rf"(?:,?\s+{unit}#?\w+(?:-(?:\d{{1,4}}|[A-Z])\b)?|,?\s+#\d{{1,3}}-\d{{1,4}}\b|,?\s+#\s?\w+)?{not_count}"),
        # Venezuelan: a street with no number, then its building or house and the flat: "Av. Libertador, Edif. Los
        # Samanes, piso 4, apto. 4-B, Urb. La Florida", "Calle 3, Qta. Mi Refugio", "Calle Sucre, casa N.º 12"
        street_first_rx := regex.compile(
            rf"\b(?<!\d\s)(?:(?i:{_alt(conf['street_prefixes'])})|C\.(?=\s*\p{{Lu}}))(?:(?<=[./])|\b)\s*"
            rf"(?:(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*|{particles})\s+){{0,4}}\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*|\d{{1,3}})"
            rf"(?:,\s*(?:{_VE_BUILDING})\.?\s+(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*|{particles})\s+){{0,4}}"
            rf"\p{{Lu}}[\p{{L}}\p{{M}}'’-]*(?:,\s*{_VE_UNIT})*|(?:,\s*{_VE_UNIT})+)"
            rf"(?:,\s*(?=\p{{Lu}})(?i:{area})\.?\s+(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*|{particles})\s+){{0,3}}"
            r"\p{Lu}[\p{L}\p{M}'’-]*)?"),
        # Ecuadorian (Guayaquil) and Jamaican lots: "Cdla. Kennedy Norte, Mz. 104, villa 7", "Lot 14, Greenwich
        # Park Scheme" (the scheme's name ends with its word)
        regex.compile(r"\b(?:Cdla|Ciudadela|Coop|Cooperativa|Urb|Urbanización)\.?\s+(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){0,3}"
                      r"\p{Lu}[\p{L}\p{M}'’-]*,\s*(?i:mz|mza|manzana)\.?\s*\w{1,4},\s*(?i:villa|solar|casa|lote|lt)\.?\s*\d{1,4}\b"),
        # Calle Hidalgo 12; Av. Revolución 680, int. 1; Avenida de la Albufera, 156, 1.º 2; Puerto Rican and Dominican
        # ones with the neighbourhood first ("Urb. Las Lomas, Calle Roble 1520"), with no number ("Calle Tlaxcaltecas
        # s/n, Mz. 55 Lt. 34") or with an Ecuadorian cross street ("Avenida Amazonas N24-155 y Calle Colón")
        street_first_number_rx := regex.compile(
            rf"(?:(?=\p{{Lu}})(?i:{area})\.?\s+(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*|de|del|la|las|los)\s+){{0,3}}"
            r"\p{Lu}[\p{L}\p{M}'’-]*,\s*)?(?<!\b\d{1,6}[A-Za-z]?\s)"
            rf"\b(?:(?i:{_alt(conf['street_prefixes'])})|(?:C\.(?!\s?P\.)|Priv\.|Cjón\.|Cjon\.|Cda\.)(?=\s*\p{{Lu}}))(?:(?<=[./])|\b)\s*"
            r"(?:(?:[A-ZÁÉÍÓÚÑ0-9][\w'’.-]*|de|del|la|las|los|y|da|das|do|dos|di|du|des|della|delle|dei)\s+){0,5}"
            r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*)?,?\s*"
            r"(?:(?i:lote|lt\.?)\s*\d{1,4}\s*)?"
            r"(?:(?:n\.?[º°o]\.?\s*|#\s*|(?i:número|numero|núm\.?|num\.?)\s*)?\d{1,5}(?!\d)[A-Za-z]?(?:-[A-Za-z0-9]+)?"
            r"|(?i:s/n|s\.n\.|sin\s+número)(?:,?\s*(?i:mz|mza|manzana)\.?\s*\w{1,4},?\s*(?i:lt|lote)\.?\s*\d{1,4})?)"
            # (r23 round) a Guatemalan zone after the number, part of the address like a unit: "Calzada Roosevelt
            # 22-43, zona 11, apto. 2"
            r"(?:,\s*(?i:zona)\s+\d{1,2}\b(?![.,:/]\d))?"
            rf"(?:(?:\s*,\s*(?:{unit})?|\s+{unit}|\s+(?=\d{{1,2}}\.?\s?[º°ª]))\d{{1,3}}(?!\d)\.?(?:\s?[º°ª])?"
            r"(?:[\s-]?[A-Z]\b|\s*(?:izda|dcha|izq|der)\b\.?|\s\d{1,2}(?![\d.,:/]\d|\d)\.?(?:\s?[º°ª])?|\s+(?i:piso|planta)\b)?){0,2}"
            rf"(?:(?:\s*,\s*|\s+)(?:{unit}(?:[A-Z]\b|\d{{1,4}}[A-Z]?\b)\.?|\d{{1,2}}\.?\s?[º°ª](?:\s?\d{{1,2}}\.?\s?[º°ª])?"
            r"(?:\s?[A-Z]\b)?|(?i:bajo|entresuelo|principal|ático|atico|planta baja|PB)\b(?:\s*\"?[A-Z]\"?)?"
            r"|(?i:izda|dcha|izq|der)\b\.?))*"
            r"(?:\s+y\s+(?i:calle|avenida|av\.|pasaje|psje\.)\s+\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2}"
            # (r14 round) a Paraguayan cross street: "Calle Palma 812 c/ Alberdi"
            r"|\s+c/\s*(?:(?i:calle|avda?\.|avenida)\s+)?\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2})?"
            rf"(?:,\s*(?i:{area})\.?\s+\p{{Lu}}[\p{{L}}\p{{M}}]+"
            r"(?:\s+(?:de\s+|del\s+|la\s+|las\s+|los\s+)?\p{Lu}[\p{L}\p{M}]+){0,3})?"),
        # 1702 Calle Sol, Apt B; 14 Jalan Ampang; 8, Lorong Chempaka 2; 883 SE Calle Ocho (a number before a street
        # type that comes first, a compass point between them)
        regex.compile(rf"\b(?:\d{{1,4}}-)?\d{{1,6}}[A-Za-z]?,?\s+(?:(?:[NSEW]|NE|NW|SE|SW|North|South|East|West)\.?\s+)?"
                      rf"(?:(?:El|La|Los|Las)\s+)?{title_prefix}\s+(?:(?:{particles}|y|yr)\s+)?\p{{Lu}}[\p{{L}}\p{{M}}'’-]+"
                      # (r23 round: the Welsh article inside the name too, "Ffordd Tan y Bryn")
                      rf"(?:\s+(?:(?:{particles}|y|yr)\s+)?\p{{Lu}}[\p{{L}}\p{{M}}'’-]+){{0,2}}"
                      r"(?:\s\d{1,3}(?:/\d{1,3})?(?![\d.,:/]\d|\d|\s*(?:%|times|veces|years|años|days|días)))?"
                      rf"(?:,?\s+{unit}#?\w+|\s+#\s?\d+[A-Za-z]?\b)?"),
        # Via Roma 12, Rua das Flores 45, Viale dei Mille 3 (a street type first, written capitalised)
        regex.compile(rf"\b(?<!\d,?\s){title_prefix}\s+(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*|{particles})\s+){{0,4}}"
                      r"\p{Lu}[\p{L}\p{M}'’.-]*,?\s+(?:n\.?[º°o]\.?\s*)?\d{1,5}[A-Za-z]?\b"
                      r"(?![.,:/]\d|\s*(?:%|times|veces|vezes|volte|sessions|sesiones|minutes|minutos|years|años|days|días))"
                      rf"(?:,?\s+{unit}#?\w+)?"),
        # Hauptstraße 12, Keizersgracht 123, Storgatan 5 (the street type written on to the name)
        # (r14 round: the type as a word after an adjective, "Dortmunder Straße 14", and a flat after, ", Wohnung 3")
        regex.compile(r"\b\p{Lu}[\p{L}\p{M}-]*(?:straße|strasse|str\.|weg|allee|platz|gasse|damm|ufer|chaussee|straat"
                      r"|gracht|laan|plein|kade|singel|dijk|steeg|gatan|vägen|gränd|torget|vej|gade|veien|gata|vegen"
                      r"|\s(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Damm|Ufer|Chaussee))"
                      r"\s+(?!(?:19|20)\d\d\b)\d{1,4}(?:\s?[a-zA-Z]\b|-\d{1,4})?(?![\d.,:/]\d|\d)"
                      r"(?:,\s*(?:Wohnung|Whg\.|App\.|Appartement|Apt\.?)\s*\d{1,4}[a-zA-Z]?\b"
                      # (r28 round) a floor, "Hafenstraße 167, 2. OG", "Oststraße 3, 1. Stock"
                      r"|,\s*\d{1,2}\.\s?(?:OG|UG|DG|Obergeschoss|Stock|Etage)\b)?"),
        # 1187 boul. Saint-Laurent, 45 rue Sherbrooke Ouest
        # (r14 round: "17 bis rue de la Paix", several units after, "8 rue Voltaire, bât. B, apt 4")
        regex.compile(rf"\b(?:\d{{1,4}}-)?\d{{1,5}}[A-Za-z]?(?:\s(?:bis|ter|quater)\b)?,?\s+"
                      rf"(?i:{_alt(conf['street_words_fr'], loose=True)})(?:(?<=\.)|\b)\s*"
                      r"(?:(?:de\s+la|de|du|des)\s+)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:Est|Ouest|Nord|Sud|\p{Lu}[\p{L}\p{M}'’-]+))?"
                      rf"(?:,?\s+{unit}#?\w+(?!\w)){{0,3}}"),
        # British closes named with "The" and no street type, before their town: "12 The Paddocks, Stevenage"
        regex.compile(r"(?<=\b(?i:at|to|address|from|lives|into)\b:?\s{1,2})\d{1,4}[A-Za-z]?,?\s+The\s+\p{Lu}[\p{L}'’-]+"
                      r"(?:\s+\p{Lu}[\p{L}'’-]+)?(?=,\s*\p{Lu})"),
        regex.compile(r"\b(?:Apt|Apartment|Unit|Suite|Flat|Level|Lot|Block|Blk|Depto|Departamento|Dpto|Apto|Lote"
                      r"|Manzana)\.?\s*#?\d+[A-Za-z]?\b"),
        # rural routes: Route 9, Box 14; RR 2 Box 45; HC 63 Box 12; RR#1, Site 2, Comp 14
        # (r21 round: RFD, a rural free delivery route, "RFD 2, Box 31")
        regex.compile(r"\b(?:Rural Route|Route|Rte\.?|RR|R\.R\.|RFD|R\.F\.D\.|HC|Star Route)\s*#?\d+"
                      r"(?:,?\s*(?:Box|Bx|Site|Comp)"
                      r"\s*#?\d+)+"),
        # the same with the box first: Box 146, RR 6; Site 3, Comp 12, RR 2; Box 9, Rural Route 1
        regex.compile(r"\b(?:(?:Box|Bx|Site|Comp|SS)\s*#?\d+,?\s*)+(?:Rural Route|RR|R\.R\.|RFD|Star Route)\s*#?\d+\b"),
        # an explicit door word alone: H.No. 8-3-222/1, Door No. 14/2, Plot No. 45
        regex.compile(r"\b(?i:h\.\s?no|house no|door no|plot no|flat no|old no|new no|site no|survey no)\.?\s*"
                      r"\d[\d/-]*[A-Za-z]?\b"),
        # a street with no type word, its number and a floor or a flat: "Paraguay 3085, piso 3, depto. A", "Olleros
        # 1880, dpto 4", "Tucumán 512, of. 7" (not a ward, a bed or a room: "Sala 12, piso 3")
        regex.compile(rf"\b(?!{_NOT_STREET_NAME}\b)(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]+\s+){{1,3}}\d{{2,5}}"
                      rf"(?:(?:\s*,\s*|\s+){_ES_UNIT}\s*(?:\d{{1,4}}[A-Z]?\b|[A-Z]\b|\d{{1,2}}\s?[º°ª]))+"),
        # Spanish: a street with no type word after "vive en": "vive en Rivadavia 4550"; "Rivadavia 4550 2° C"
        regex.compile(r"(?<=\b(?i:vive|vivía|vivia|viven|vivimos|vivían|mudó|mudo|mudaron|domicilio|domiciliad[oa])"
                      rf"\s+(?:en|a)\s+)(?!(?i:{_MES})\s)(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]+\s+){{1,4}}\d{{2,5}}\b"
                      r"(?!\s*(?:años|año|días|dias|meses|semanas|horas|veces|minutos|km|%))"
                      r"(?:\s+\d{1,2}\s?[º°ª]\s?[A-Z]?\b)?"),
        regex.compile(r"\b(?:\p{Lu}[\p{L}\p{M}'’.-]+\s+){1,3}\d{2,5}\s+\d{1,2}\s?[º°ª]\s?[A-Z]?\b"),
        # Carretera a Tlaquepaque km 5
        regex.compile(r"\b(?i:carretera|autopista|camino)\s+(?:a\s+|al\s+|de\s+)?\p{Lu}[\p{L}\p{M}]+"
                      r"(?:\s+\p{Lu}[\p{L}\p{M}]+)*\s*,?\s*(?i:km|kilómetro|kilometro)\.?\s*\d+(?:[.,+]\d+)?"),
        # a named street without a number, after a cue: "lives on Mill Lane", ", Mill Lane"
        regex.compile(r"(?<=\b(?:on|at|off|near|along|from|into|onto)\s|\p{L},\s)(?:\p{Lu}[\p{L}'’-]+\s+){1,3}"
                      r"(?:Street|Road|Lane|Avenue|Close|Crescent|Drive|Boulevard|Terrace|Gardens|Grove|Place|Court"
                      r"|Square|Parade|Mews|Walk)\b(?!\s+\p{Lu})"),
        # Indian layouts after an address: 3rd Cross, 4th Main, 2nd Stage, 5th Block
        regex.compile(r"(?:(?<=,\s)|#\d{1,4}[A-Za-z]?,\s*)(?:\d{1,2}(?:st|nd|rd|th)\s+(?:Cross|Main|Stage|Block|Phase"
                      r"|Sector|Floor)\b(?:,\s*(?=\d{1,2}(?:st|nd|rd|th)\s))?)+"),
        # a box written alone, capitalised, before a number of three or more digits: "Box 7332, Batticaloa" (last:
        # "RR 3, Box 118" is one rural-route address)
        regex.compile(r"\bBox\s+(?:(?i:no|n[º°o]|number)\.?\s*)?#?\d{3,6}\b(?![.,:/-]\d)"),
        # a Chilean post-office box, capitalised, before a comma or the end (r13 round): "Casilla 690, Ancud" (not "la
        # casilla 3 del formulario")
        regex.compile(r"\bCasilla\s+(?:(?i:no|n[º°o]|número|numero)\.?\s*)?#?\d{1,6}\b(?=\s*[,;)]|\s*$)"),
    ]
    # the two Spanish street patterns above run only on a text with a street type written first (a cheap search:
    # throughput)
    street_first = regex.compile(rf"\b(?i:{_trie(conf['street_prefixes'])})|\b(?:C\.|Priv\.|Cjón\.|Cjon\.|Cda\.)")
    address = [(street_first if rx is street_first_rx or rx is street_first_number_rx else None, rx) for rx in address]
    # (r14 round) addresses of more locales, tried last (each replaces the shorter addresses the patterns above find
    # inside it), each behind a cheap search for its words (throughput)
    # a chain of flats, floors, blocks, plots and named buildings, and the street after it: "Room 1207, Wah Fai
    # House, Tin Shui Estate", "Flat B, 11/F, Kam Lok Mansion, 82 Ferry Road", "Block C, Flat 4, Triq il-Fosos",
    # "Building 918, Apt 6", "Plot 3312, Block 7", "Stand 774, Mukuba Crescent", "No. 58, 2nd Cross, 5th Main",
    # "Flat 2, 41 Kirkgate" (after a flat, a one-word street without a type)
    unit_item = (rf"(?:\b(?:{unit}|{door})#?(?:[A-Z]{{1,2}}-?)?\d{{1,6}}[A-Z]?(?:[-/]\d{{1,4}}[A-Z]?)?"
                 rf"|\b(?:{unit}|{door})[A-Z](?:-\d{{1,4}})?|\b\d{{1,2}}/F)(?![\w/-])")
    named_item = (r"(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){1,3}(?:House|Mansions?|Estate|Court|Building|Towers?|Apartments"
                  r"|Centre|Gardens?|Village|Villas|Heights|Plaza|Complex|Lodge|Residency|Subdivision|Enclave|Flats"
                  r"|Quarters)\b")
    cross_item = r"\d{1,2}(?:st|nd|rd|th)\s+(?:Cross|Main|Stage|Block|Phase|Sector)(?:\s+(?:Road|Rd\.?))?\b"
    # (r15 round) a numbered road, a township's extension and a municipal ward in the chain: "House 12, Road 7",
    # "Erf 311, Extension 4", "Ward No. 9, Thapathali Marg"
    numbered_item = r"(?:Road|Rd\.?|Extension|Ext\.|Ward(?:\s+No\.?)?)\s*\d{1,3}[A-Z]?\b(?![.,:/]\d)"
    # a Maltese street, its house's name before it: "Villa Rosa, Triq il-Kbira", "Dar il-Paċi, Triq San Ġwann"
    mt_house = r"\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:\p{Ll}{1,3}-)?\p{Lu}[\p{L}\p{M}'’-]*){0,2}"
    mt_street = (r"Triq\s+(?:(?:il|l|ix|iż|iz|is|it|in|ir|id|iċ|ic|tal|tax|taż|tas|tat|tar|tad|taċ)-|ta['’]\s+)?"
                 r"\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:il|l|ta['’]|tal)-?\s*)?\p{Lu}[\p{L}\p{M}'’-]*){0,2}")
    # a Guatemalan or Mexican ordinal street, with its number and zone: "9a. Avenida 4-12, zona 1", "2a. Calle
    # Poniente Norte 310-B"
    # (r23 round: the ordinal's full stop before its letter and the street word in lower case, "4.ª avenida 12-73,
    # zona 1", "16.ª calle 5-81, zona 5")
    es_ordinal = (r"\b\d{1,2}\.?[aªoº]\.?\s+(?:Calle|Avenida|Av\.|Avda\.|Diagonal|calle|avenida|diagonal)"
                  r"(?:\s+(?:Norte|Sur|Oriente|Poniente|Este"
                  r"|Oeste|Bis|[AB])\b)*(?:\s+(?:#\s*|n\.?[º°o]\.?\s*)?\d{1,5}(?:-[\dA-Z]{1,3})?\b)?"
                  r"(?:,\s*(?i:zona)\s+\d{1,2}\b)?")
    street_any = (rf"(?:{mt_house},\s+)?{mt_street}|{es_ordinal}"
                  rf"|(?:\d{{1,5}}[A-Za-z]?,?\s+)?(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’.-]*"
                  rf"|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,4}}{suffix}\b{suffix_dot}"
                  r"|\d{1,4}[A-Za-z]?\s+\p{Lu}\p{Ll}{3,}(?:\s+\p{Lu}\p{Ll}{2,})?(?=,\s*\p{Lu})"
                  # (r15 round) a two-word street without a type, "Flat 4, 27 Ashby Meadows", and a quarter's one word
                  # before a town and its postcode, "House 9, Road 4, Shantinagar, Dhaka 1217"
                  r"|\p{Lu}\p{Ll}{3,}(?=,\s*\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?\s+\d{4}\b)")
    # addresses built from parts (each with a cheap gate): a chain of flats, rooms, floors, blocks, plots and named
    # buildings or estates ending in a street, a Maltese house and street, an ordinal street, a landmark direction, a
    # French street before its number, a house number before a one-word street and a unit. A match longer than the
    # address spans already found inside it replaces them.
    cr_dir = r"(?:norte|sur|este|oeste|noreste|noroeste|sureste|suroeste|oriente|poniente)\b"
    compound_addresses = [
        # (r26 round) a Prairie town's lettered avenue, a side of town after it: "1570-50 Avenue H South", "4058
        # Avenue P North, Unit 22", "212 Street C West"
        (regex.compile(r"\s(?:Avenue|Street|Ave\.?)\s[A-Z]\b"),
         regex.compile(rf"(?<![\w-])\d{{1,5}}(?:-\d{{1,4}})?\s+(?:Avenue|Street|Ave\.?)\s+[A-Z](?:\s+(?:North|South|East"
                       rf"|West))?(?![\w-])(?:,\s*{unit}#?\d{{1,5}}[A-Z]?\b)?")),
        # (r26 round) an Ecuadorian cooperative's or estate's block and plot: "Coop. Unión de Bananeros, Mz. 87, solar
        # 24", "Cdla. Guayacanes 5, Mz. 112, villa 34"
        (regex.compile(r"Mz\.?\s|Manzana\s|manzana\s"),
         regex.compile(r"\b(?:Coop\.|Cooperativa|Cdla\.|Ciudadela|Urb\.|Urbanización|Urbanizacion|Lotización|Lotizacion"
                       r"|Barrio|Recinto|Sector)\s+\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:de|del|la|las|los|el)\s+)?"
                       r"\p{Lu}[\p{L}\p{M}'’-]*){0,3}(?:\s+\d{1,4})?,\s*(?:Mz\.?|Manzana|manzana)\s*\d{1,4}[A-Z]?"
                       r"(?:,\s*(?i:solar|villa|casa|lote)\s*\d{1,4}[A-Z]?)?")),
        (regex.compile(r"\b\d{1,2}/F\b|\b(?i:flat|room|rm|unit|apt|block|blk|plot|stand|building|bldg|lot|lote|no|erf"
                       r"|house)\b|\bWard\s+No\b"),
         regex.compile(rf"\b(?<!(?i:box|bag|p\.\s?b\.|p\.\s?o\.|pmb)\s)(?:{unit_item}|\bWard\s+No\.?\s*\d{{1,3}}\b)"
                       rf"(?:(?:,\s*(?:{unit_item}|{named_item}|{cross_item}|{numbered_item})){{1,5}}"
                       rf"(?:,\s*(?:{street_any}))?"
                       rf"|,\s*(?:{street_any}))")),
        (regex.compile(r"\bTriq\s"), regex.compile(rf"\b(?:{mt_house},\s+)?{mt_street}")),
        (regex.compile(r"\d\.?[aªoº]\.?\s+(?:Calle|Av|calle|av|diagonal|Diagonal)"), regex.compile(es_ordinal)),
        # a Costa Rican address by a landmark: "de la escuela 150 metros al norte y 25 al oeste, casa 7"
        # (r15 round: any unit, "100 varas al oeste", "2 cuadras al sur", "media cuadra abajo", the first word
        # capitalised, "Del mercado ...", and the house's description after, ", casa esquinera", ", portón verde")
        (regex.compile(r"(?:metros|varas|cuadras?|kil[oó]metros?|km|m)\s+(?:al|hacia\s+el)\s|cuadra\s+(?:al|abajo"
                       r"|arriba)"),
         regex.compile(r"\b(?i:del|de\s+la|de\s+los|de\s+las|de\s+el|frente\s+al?|contiguo\s+al?)\s+"
                       r"(?:[\p{L}\p{M}'’.-]+\s+){1,4}?"
                       r"(?:\d{1,4}|media|una|dos|tres|cuatro|cinco)\s+(?:metros|m|varas|cuadras?|kil[oó]metros?|km)\s+"
                       r"(?:al|hacia\s+el)\s+(?:norte|sur|este|oeste|lago|abajo|arriba)(?:\s+y\s+(?:\d{1,4}|media|una|dos"
                       r"|tres)(?:\s+(?:metros|m|varas|cuadras?))?\s+al\s+(?:norte|sur|este|oeste|lago|abajo|arriba))?"
                       r"(?:,\s*(?i:casa|apto\.?|local|portón|porton|puerta|verja|reja|edificio|mano)\s+"
                       r"(?:n\.?[º°o]\.?\s*)?[\w-]+(?:\s(?:de|con)\s\w+(?:\s\w+)?)?)?")),
        # (r27 round) a Costa Rican address by a landmark, the distance first: "300 metros norte y 75 este de la
        # pulpería La Esquina, casa 27", "100 metros al sur del parque, casa 4" (the landmark runs to a punctuation
        # mark)
        (regex.compile(r"(?:metros|varas|cuadras?)\s+(?:al\s+)?(?:norte|sur|este|oeste|noreste|noroeste|sureste"
                       r"|suroeste|oriente|poniente)\b"),
         regex.compile(rf"(?<![\w.,-])(?:\d{{1,4}}|media|una|dos|tres|cuatro|cinco|cien)\s+(?:metros|m|varas|cuadras?)"
                       rf"\s+(?:al\s+|hacia\s+el\s+)?{cr_dir}(?:\s+y\s+(?:\d{{1,4}}|media|una|dos|tres|cien)"
                       rf"(?:\s+(?:metros|m|varas|cuadras?))?\s+(?:al\s+|hacia\s+el\s+)?{cr_dir}){{0,2}}"
                       r"\s+(?:del|de\s+la|de\s+los|de\s+las|de\s+el|de)(?:\s+[\p{L}\p{M}'’.-]+){1,6}?"
                       r"(?=\s*[,.;:|/)·]|\s*$)"
                       r"(?:,\s*(?i:casa|apto\.?|apartamento|local|portón|porton|edificio)\s+(?:n\.?[º°o]\.?\s*)?"
                       r"\d[\w-]*)?")),
        # (r27 round) a Costa Rican grid address, a street between two avenues (or an avenue between two streets)
        # and the house: "Calle 9, avenidas 10 y 12, casa 111", "Avenida 10, entre calles 6 y 8, casa 676"
        (regex.compile(r"(?i:avenidas|calles)\s+\d"),
         regex.compile(r"\b(?:[Cc]alle|[Aa]venida|Av\.|Avda\.)\s+\d{1,3}[A-Z]?,?\s+(?:entre\s+)?(?i:avenidas|calles)"
                       r"\s+\d{1,3}[A-Z]?\s+y\s+\d{1,3}[A-Z]?(?:,\s*(?i:casa|apto\.?|apartamento|local)\s*"
                       r"(?:n\.?[º°o]\.?\s*)?\d[\w-]*)?")),
        # (r27 round) a condominium or a residential estate and the house or flat: "Condominio Altos de Guadalupe,
        # casa 40", "Cond. Torres del Parque, Apt. 1194", "Residencial Los Arcos, apto. 3"
        (regex.compile(r"\b(?:Condominio|Cond\.|Residencial|Residenciales|Conjunto|Edificio|Edif\.|Torre|Torres)\s"),
         regex.compile(r"\b(?:Condominio|Cond\.|Residencial|Residenciales|Conjunto(?:\s+Residencial)?|Edificio|Edif\.)"
                       r"\s+\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:de|del|la|las|los|el|de\s+la|de\s+los)\s+)?"
                       r"\p{Lu}[\p{L}\p{M}'’-]*){0,4},\s*(?:(?i:torre|bloque)\s+\w{1,3},\s*)?"
                       r"(?i:casa|apto\.?|apt\.?|apartamento|unidad|filial|local)\s*(?:#\s*|n\.?[º°o]\.?\s*)?"
                       r"\d{1,5}[A-Z]?\b")),
        # (r27 round) a Utah or Idaho grid address, a number, a direction, a numbered street and a direction: "4994 S
        # 2nd W, Apt 30D", "1450 East 300 South", "230 N 500 W #4"
        (regex.compile(r"\d\s+(?:[NSEW]\.?|North|South|East|West)\s+\d"),
         regex.compile(rf"(?<![\w.,/-])\d{{1,5}}\s+(?:[NSEW]\.?|North|South|East|West)\s+(?:\d{{1,4}}(?:st|nd|rd|th)"
                       rf"|\d{{2,4}})\s+(?:[NSEW]\b\.?|North\b|South\b|East\b|West\b)"
                       rf"(?:\s+(?:St|Street|Ave|Avenue|Rd|Road)\b\.?)?"
                       rf"(?:,?\s*(?:{unit}#?\w+|#\s?\w+))?")),
        # (r15 round) a Panamanian street, or a barriada, and the building and flat, or the house: "Avenida Perú,
        # edificio Miramar, apto. 3C", "Calle 2.ª Oeste, casa n.º 41", "barriada Los Pinos, casa 12A"
        (regex.compile(r"(?i:edificio|casa)\s"),
         # (r17 round: a Honduran street in lower case, or an ordinal word's, and its block: "calle del Sol, bloque
         # B, casa 7", "segunda avenida, casa 40")
         regex.compile(r"\b(?:(?i:primera|segunda|tercera|cuarta|quinta|sexta|séptima|septima|octava|novena|décima"
                       r"|decima)\s+(?i:calle|avenida)(?:\s+(?i:norte|sur|este|oeste|oriente|poniente))?(?=,)"
                       # (r25 round: a Salvadoran street's number or ordinal first, "79 Avenida Norte, polígono B,
                       # casa 20", "10.ª Avenida Sur, ...", and a boulevard)
                       r"|(?:\d{1,3}(?:\.?[ªº])?\s)?(?:[Cc]alle|[Aa]venida|Av\.|Avda\.|Vía|Via|Carrera|Paseo|Camino|Calzada"
                       r"|Callejón|Boulevard|Bulevar|Blvd\.|Pasaje|[Bb]arriada"
                       r"|[Uu]rbanización|[Rr]esidencial|[Bb]arrio|[Rr]eparto)\s+(?:\d{1,3}(?:\.?[ªº])?"
                       r"|\p{Lu}[\p{L}\p{M}'’.-]*|(?:del|de\s+la|de\s+los|de\s+las|al)\s+\p{Lu}[\p{L}\p{M}'’.-]*))"
                       r"(?:\s+(?:(?:de|del|de\s+la|de\s+los|de\s+las)\s+)?(?:\p{Lu}[\p{L}\p{M}'’.-]*"
                       r"|\d{1,3}(?:\.?[ªº])?)){0,4}(?:,\s*(?i:edificio|edif\.|torre|bloque)\s+\p{Lu}[\p{L}\p{M}'’-]*"
                       r"(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2})?"
                       # (r25 round) a Salvadoran estate's path, block or stage before the house: "Residencial Los
                       # Robles, senda 1, casa 45", "Calle Loma Linda, polígono B, casa 19"
                       r"(?:,\s*(?i:senda|polígono|poligono|pasaje|psje\.|block|bloque|etapa|sector|manzana)\s+"
                       r"(?:\d{1,3}|[A-Z]{1,2})\b)?,\s*(?i:apto\.?|apartamento|casa|local|depto\.?)\s*"
                       r"(?:n\.?[º°o]\.?\s*)?\d{1,4}[A-Z]?\b")),
        # a French street first, its number after: "rue Jean Moulin 12", "avenue de la Gare 7"
        (regex.compile(r"\b(?:rue|avenue|boulevard|allée|impasse|quai|chemin)\s", _I),
         regex.compile(r"\b(?i:rue|avenue|boulevard|bd|allée|allee|impasse|quai|chemin)\s+(?:(?:de\s+la|de\s+l['’]|du|des"
                       r"|de|d['’])\s*)?\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:\p{Lu}[\p{L}\p{M}'’-]+|de|du|des|la)){0,3}\s+"
                       r"\d{1,4}(?:\s(?:bis|ter))?\b(?![.,:/]\d|\s*(?:%|fois|ans|jours|times|years|minutes))")),
        # (r17 round) a one-word street's extension, a direction before it: "418 S. Meridian Ext", "77 Elmhurst
        # Extension"
        (regex.compile(r"\sExt"),
         regex.compile(r"\b\d{1,5}\s+(?:[NSEW]\.?\s+)?\p{Lu}\p{Ll}{3,}\s+(?:Ext|Extension)\b\.?")),
        # a one-word street after its number, a flat after it: "2210 Broadway South, Apt 9"
        (None, regex.compile(rf"\b\d{{1,5}}\s+\p{{Lu}}\p{{Ll}}{{3,}}(?:\s+(?:North|South|East|West))?,\s*{unit}"
                             rf"#?\d{{1,5}}"
                             r"[A-Z]?\b")),
    ]
    address = address + compound_addresses
    num = rf"(?:\d+|{_alt(w for w in conf['number_words'] if not _is_tamil(w))})"
    ta_num = rf"(?:\d+|{_alt(w for w in conf['number_words'] if _is_tamil(w))})"
    ta_months = _alt(conf["ta_months"])
    ta_nouns = _alt(conf["ta_date_nouns"])
    nth = rf"(?:\s*-?\s*(?:ஆம்|ம்)?\s*{ta_nouns}[\p{{L}}\p{{M}}]*)?"
    ta_year = r"(?:\s*-?\s*(?:ஆம்|ம்)\s*ஆண்டு[\p{L}\p{M}]*)?"          # 2019-ஆம் ஆண்டு (the year 2019)
    ta_fest = _alt(conf["ta_festivals"])
    # (r16 round: "just over", "a little over" before the count: "just over eight days back")
    # (r26 round: "just", "only" before the count, "just two days ago")
    day_pre = (r"(?:a\s+(?:full|good|whole|clear)\s+|exactly\s+|precisely\s+"
               r"|(?:just|only)\s+(?=\S+\s+days?\s+ago)"
               r"|(?:just|a\s+little|a\s+bit|well)\s+(?:over|under)\s+)?")
    day_mid = r"(?:(?:full|whole|clear)\s+)?"
    # (r20: "contados"; r24: "nomás", "no más", "nada más", "apenas" after the days, "hace cinco días nomás")
    dias_post = (r"(?:\s+(?:justos|exactos|cabales|completos|contados|naturales|corridos|nomás|nomas|no\s+más"
                 r"|nada\s+más|apenas)\b)?")
    # (a search in the lower-cased text for the words every match of a long pattern holds: "days ago", "day on")
    days_then = regex.compile(r"days?\s+(?:ago|back|before|earlier|later|prior|hence|previously|beforehand|after|from"
                              r"|on|out|since)")
    week_or_fortnight = regex.compile(r"week|fortnight")
    before_after = regex.compile(r"(?:before|after)\s+(?:this|that|last|next)")
    dates = [           # (a word the text must hold or a search it must pass, the pattern): a cheap test first
        # (r25 round) a count of days counted from today pins a day after any verb, "released eight days before
        # today", "due four days on from today", "nine days out from today", "six days after today"
        (regex.compile(r"days?\s+(?:before|after|earlier|later|prior|on|out|from|ahead)"),
         regex.compile(rf"\b{day_pre}{num}\s+{day_mid}days?\s+(?:before|after|earlier\s+than|later\s+than|prior\s+to"
                       rf"|on\s+from|out\s+from|ahead\s+of|from)\s+today\b(?!['’]s\b)", _I)),
        # in three days, two days ago, dentro de tres días, en dos días, hace cuatro días, dos días después
        # (r14 round: "in another twelve days", "in a further ten days")
        ("day", regex.compile(rf"\bin\s+(?:another\s+|a\s+further\s+)?{num}\s+days?\b(?:['’]?\s+time\b)?"
                              rf"(?!\s+(?:ago|back|before|earlier|later|prior|from|hence|previously|beforehand"
                              rf"|afterwards?)\b)", _I)),
        # nine days previously, eighteen days from now, ten days beforehand, three days on (at a clause's end)
        # (not a duration after "for": "tired for a day afterwards")
        # (r12 round: with "a full", "a good", "exactly" before or "full" between, "in" before "from now": "a full
        # nine days ago", "exactly ten days back", "in twelve days from now"; "N days out" at a clause's end)
        # (r17 round: "for" after a booking is no duration, "rebooked for nine days earlier than today"; counted
        # from a meeting, "six days before the session", "two days after our appointment"; "out" before "from
        # now", "eleven days out from now")
        # (r24 round: not the length of a stay after "discharged", "admitted on 8/1/01 and discharged four days
        # later"; "twelve days since" at a clause's end)
        # (r28 round: but counted back from today after it, "discharged a full eight days ago", "released six days
        # back")
        (days_then, regex.compile(rf"\b(?:(?<!\b(?i:discharged|released|sent\s+home)\s(?:{day_pre}))"
                              rf"|(?=(?i:{day_pre}){num}\s+{day_mid}days?\s+(?i:ago|back)\b))"
                              rf"(?<!(?<!\b(?i:booked|rebooked|scheduled|rescheduled|moved|set|arranged|planned"
                              rf"|pencilled|penciled|brought\s+forward|put\s+back)\s)\b(?i:for)\s"
                              rf"|\b(?i:full|good|whole|clear)\s|-)"
                              # (r26 round: not one day from another event, "it was a day later", "a day earlier")
                              rf"(?!(?i:a|one)\s+day\s+(?:later|earlier|after|afterwards|before|beforehand|previously"
                              rf"|prior)\b){day_pre}{num}\s+{day_mid}days?\s+"
                              # (r16 round: counted from today, "six days before today", "eleven days
                              # earlier than today", "nine days later than today", "three days after today")
                              rf"(?:(?:before|after|earlier\s+than|later\s+than|prior\s+to)\s+today"
                              rf"|(?:before|after|ahead\s+of|prior\s+to)\s+(?:the|this|our|their|today['’]s|that)\s+"
                              rf"(?:session|appointment|visit|meeting|review|call|consultation)"
                              rf"|ago|back|before|earlier|later|prior|hence|previously|beforehand|afterwards?"
                              rf"|(?:out\s+)?from\s+(?:now|today|tomorrow|yesterday|{_WD}\b))\b"
                              rf"|(?<=\b(?i:for)\s)(?:just|a\s+little|a\s+bit|well)\s+(?:over|under)\s+{num}\s+"
                              rf"days?\s+(?:ago|back)\b"
                              rf"|\b{day_pre}{num}\s+{day_mid}days?\s+on(?!\s+and\s+off\b){_ORDW_END}"
                              rf"|\b(?<!\b(?i:for|in|over|within|the|all|those|these|many|few)\s)(?!(?i:a|one)\s)"
                              rf"{num}\s+days\s+since(?=\s*[,.;:!?)]|\s*$)"
                              rf"|\bin\s+{day_pre}{num}\s+{day_mid}days?\s+from\s+(?:now|today|tomorrow)\b"
                              rf"|(?<=\b(?i:for)\s){day_pre}{num}\s+{day_mid}days?\s+from\s+(?:now|today|tomorrow)\b"
                              rf"|(?<!\b(?i:for)\s)\b(?!(?i:a|one)\s){num}\s+days\s+out{_ORDW_END}(?!\s+(?i:at|in|on)\b)",
                              _I)),
        # a fortnight back, a fortnight ago (a fortnight pins a day like fourteen days; "two weeks ago" pins none)
        ("fortnight", regex.compile(r"(?<!\b(?i:for)\s)\b(?:a|one)\s+(?:full\s+)?fortnight\s+(?:ago|back|hence"
                                    r"|from\s+(?:now|today))\b", _I)),
        # two Fridays ago, three Mondays back, two Saturdays from now, in two Sundays' time
        ("days", regex.compile(rf"\b{num}\s+{_WDF}s\s+(?:ago|back|previously|earlier|before|hence"
                              rf"|from\s+(?:now|today))\b|\bin\s+{num}\s+{_WDF}s['’]?\s+time\b", _I)),
        # dentro de tres días, de aquí a ocho días, de hoy en quince días
        # (r12 round: "justos", "exactos" after the days, "justo", "exactamente" before: "hace trece días justos")
        # (r13 round: not a span after a negated verb, "no contestó en dos días")
        # (r18 round: not the interval to the next appointment, "Próxima cita en quince días")
        ("día", regex.compile(rf"\b(?:dentro\s+de|(?<!\b(?i:no|nunca)\s+(?:\p{{L}}+\s+){{1,2}})"
                              rf"(?<!\b(?i:cita|sesión|sesion|consulta|revisión|revision|control)\s)en|de\s+aqu[íi]\s+a"
                              rf"|de\s+ac[áa]\s+a|de\s+hoy\s+en)\s+{num}"
                              rf"\s+días?\b(?:\s+m[áa]s\b)?{dias_post}", _I)),
        # (r16 round: a weekday of that day, "el domingo de hace quince días", "el jueves de dentro de quince días";
        # the future of conjecture, "hará seis días" (it must be six days ago); approximate, "hace cosa de doce días")
        # (r28 round: "ya" before it, "ya hace diez días")
        ("día", regex.compile(rf"\b(?:el\s+(?:{_DS})\s+de\s+|ya\s+)?(?:hace|har[áa])\s+(?:ya\s+)?"
                              rf"(?:justo\s+|justamente\s+"
                              rf"|exactamente\s+|cosa\s+de\s+|unos\s+|poco\s+más\s+de\s+|apenas\s+|nomás\s+|solo\s+|sólo\s+)?"
                              rf"{num}\s+días?\b{dias_post}"
                              rf"|\bel\s+(?:{_DS})\s+de\s+dentro\s+de\s+{num}\s+días\b", _I)),
        # a los catorce días, a los dos días (counted from another day); hoy hace una semana, hoy hace ocho días
        # (r26 round: counted from today, "a los ocho días de hoy")
        ("día", regex.compile(rf"\ba\s+los\s+{num}\s+días\b(?:\s+de\s+hoy\b)?", _I)),
        # (r26 round) nights counted back, "two nights ago" (the night pins the day)
        ("night", regex.compile(rf"(?<!\b(?i:for)\s)\b{day_pre}{num}\s+nights?\s+(?:ago|back)\b", _I)),
        ("hace", regex.compile(rf"\b(?:hoy|mañana|ayer)\s+hace\s+{num}\s+(?:semanas?|días?|meses|mes|años?)\b", _I)),
        # (r21 round) weeks counted back exactly, to the day: "hace una semana exacta", "hace dos semanas justas"
        ("hace", regex.compile(rf"\bhace\s+(?:ya\s+)?{num}\s+(?:semana\s+(?:justa|exacta)"
                               r"|semanas\s+(?:justas|exactas))\b", _I)),
        # (r26 round: "ocho días atrás exactos")
        ("día", regex.compile(rf"\b{num}\s+días?\s+(?:después|despues|antes|más\s+tarde|mas\s+tarde|atrás|atras"
                              rf"|más\s+adelante|mas\s+adelante)\b(?:(?<=antes)\s+de\s+hoy\b)?{dias_post}", _I)),
        # hace dos viernes, dentro de tres lunes (weekdays counted back or on)
        ("hace", regex.compile(rf"\bhace\s+{num}\s+(?:lunes|martes|miércoles|miercoles|jueves|viernes|sábados|sabados"
                               rf"|domingos)\b", _I)),
        # a week ago Monday, two weeks from Friday, a fortnight ago yesterday (a span of weeks alone pins no day)
        # a week today, three weeks ago yesterday, a fortnight on Tuesday, a fortnight tomorrow, Tuesday fortnight
        ("week", regex.compile(rf"\b{num}\s+weeks?\s+(?:(?:ago|from|before|after|on|last|next|come)\s+"
                               rf"(?:this\s+past\s+|this\s+coming\s+|this\s+|last\s+|next\s+)?(?:{_WD}\b|today\b|yesterday\b|tomorrow\b)"
                               rf"|(?:today|tomorrow|yesterday)\b)", _I)),
        ("fortnight", regex.compile(rf"\b(?:(?:a|one|two|three)\s+)?fortnights?\s+(?:(?:ago|from|before|after|on|last"
                                    rf"|come)\s+)?(?:(?:this\s+past\s+|last\s+|next\s+)?{_WD}\b|today\b"
                                    rf"|yesterday\b|tomorrow\b)|\b{_WD}\s+fortnight\b", _I)),
        # a week Friday, a week this Monday (British: a week on from that day; not "once a week Friday")
        ("week", regex.compile(rf"(?<!\b(?i:once|twice|times|days|nights|per)\s)\b(?i:a\s+week\s+(?:this\s+)?)"
                               rf"{_WDF}\b")),
        # (r14 round) a weekday placed by a week: "Thursday of the week before", "the Monday of the week after next",
        # "Friday the week after", "Sunday a fortnight ago", "Tuesday a week ago", "Wednesday two weeks back"
        (week_or_fortnight, regex.compile(rf"\b(?:the\s+)?{_WDF}\s+(?:of\s+)?the\s+week\s+(?:before|after|prior"
                                          rf"|following)(?:\s+(?:last|next|that))?\b"
                                          rf"|\b{_WDF}\s+(?:a|one|two|three)\s+(?:weeks?|fortnights?)\s+(?:ago|back"
                                          rf"|hence|gone)\b"
                                          # (r15 round: any count, "the", and "out", "on", "gone by": "the Monday
                                          # five weeks back", "Friday four weeks out", "the Sunday two weeks gone by")
                                          rf"|\b(?:the\s+)?{_WDF}\s+(?:{num}|a)\s+(?:weeks?|fortnights?)\s+(?:ago|back"
                                          rf"|hence|out|on|later|earlier|gone(?:\s+by)?)\b", _I)),
        # (r14 round) a weekday before or after this one: "the Wednesday before this one", "the Friday before last",
        # "the Tuesday after next"; "this previous Sunday", "Monday just gone"
        # (r15 round: "the Thursday after this coming one", "the Monday before that past one")
        (before_after, regex.compile(rf"\bthe\s+{_WDF}\s+(?:before|after)\s+(?:(?:this|that)\s+(?:(?:coming|past"
                                     rf"|last|next)\s+)?one|last|next)\b", _I)),
        ("previous", regex.compile(rf"\bthis\s+previous\s+{_WDF}\b", _I)),
        # (r16 round) "the Thursday immediately before", "Monday this week just gone"
        ("immediately", regex.compile(rf"\b(?:the\s+)?{_WDF}\s+immediately\s+(?:before|after|prior|preceding"
                                      rf"|following)\b", _I)),
        # (r17 round) "this Monday just passed", "the Friday just past", "this Sunday past"
        ("pas", regex.compile(rf"\b(?:this|the)\s+{_WDF}\s+(?:just\s+)?(?:passed|past)\b"
                              rf"|\b{_WDF}\s+just\s+(?:passed|past)\b", _I)),
        ("gone", regex.compile(rf"\b{_WDF}\s+(?:of\s+)?this\s+week\s+(?:just\s+)?(?:gone|past)\b"
                               rf"|\b{_WDF}\s+just\s+gone\b"
                               # (r15 round) "the Tuesday gone by", "Saturday just gone by"
                               rf"|\b(?:the\s+)?{_WDF}\s+(?:just\s+)?gone\s+by\b", _I)),
        # Monday in a fortnight, Friday in two weeks, Tuesday in three weeks' time
        ("week", regex.compile(rf"\b{_WD}\s+in\s+{num}\s+weeks?(?:['’]?\s+time)?\b", _I)),
        ("fortnight", regex.compile(rf"\b{_WD}\s+in\s+(?:a|one|two)\s+fortnights?(?:['’]?\s+time)?\b", _I)),
        # a year ago today, a month from tomorrow, six months ago Friday (a span alone pins no day)
        ("month", regex.compile(rf"\b{num}\s+months?\s+(?:ago|from)\s+(?:{_WDF}|today|yesterday|tomorrow)\b", _I)),
        ("year", regex.compile(rf"\b{num}\s+years?\s+(?:ago|from)\s+(?:{_WDF}|today|yesterday|tomorrow)\b", _I)),
        # el lunes de la semana pasada, el viernes de hace dos semanas, el jueves de la semana entrante
        # (r12 round: "el lunes de la otra semana", "el martes de la próxima semana", "el jueves de esta semana", "el
        # viernes de la semana que pasó")
        ("semana", regex.compile(rf"\b[Ee]l\s+(?:{_DS})\s+de\s+(?:la\s+semana\s+(?:pasada|anterior|que\s+viene|próxima"
                                 rf"|proxima|entrante|siguiente|que\s+entra|que\s+pas[óo]|reci[ée]n\s+pasada|antepasada"
                                 rf"|subsiguiente)|la\s+(?:otra|próxima|proxima|pasada|siguiente)\s+semana"
                                 rf"|esta\s+semana|hace\s+{num}\s+semanas?|dentro\s+de\s+{num}\s+semanas?)\b")),
    ]
    # (r18 round) a count of days and a direction, with an open class of directions: "ten days down the line",
    # "eleven days from this one", "eight days earlier this month", "four days gone", "some nine days back", "a
    # further six days on", "sixteen days prior"; a line's entry is no duration ("Late entry for six days prior:")
    count_pre = r"(?:(?:a\s+further|another|some|about|around|roughly|approximately|nearly|almost|just)\s+)?"
    field_end = rf"(?:(?=\s*[|/—–·]|\s+-\s)|{_ORDW_END})"
    dates += [
        (regex.compile(r"days?\s+(?:down|from\s+th|before\s+th|after\s+th|earlier\s+th|later\s+th|gone|prior|back"
                       r"|on|ahead|hence)"),
         regex.compile(rf"(?:(?<=\b(?i:entry|note|notes|booking|slot|log|appointment|review)\s+for\s)|(?<!\b(?i:for|over"
                       rf"|lasting|lasted|within)\s))\b(?!(?i:a|one)\s+day\b)(?i:{count_pre}{num}\s+days?\s+(?:down\s+the\s+(?:line|road|track)"
                       # (r26 round: "nine days from this morning", "five days before this one", "seven days
                       # back now")
                       rf"|(?:from|before|after)\s+(?:this|that)\s+(?:one|session|visit|appointment|morning|afternoon"
                       rf"|evening)|(?:earlier|later)\s+(?:this|that)\s+month"
                       rf"|(?:gone|prior|back|on|ahead|hence)(?:\s+now)?(?!\s+and\s+off\b){field_end}))")),
        # a weekday placed from this one by a following word: "this Thursday ahead", "this Monday gone", "the
        # Saturday following", "the Friday that just went", "the Sunday that has just passed"
        (regex.compile(r"(?:this|the)\s+\w+day\s+(?:ahead|gone|following|that|just)"),
         regex.compile(rf"\b(?i:this|the)\s+{_WDF}\s+(?i:that\s+(?:just\s+)?(?:went|passed|has\s+(?:just\s+)?(?:gone|passed))\b"
                       rf"|(?:just\s+)?(?:ahead|gone|following){field_end})")),
        # (r26 round) a weekday and a following word that places it: "the Monday upcoming", "this Tuesday upcoming",
        # "Friday first", "Tuesday first coming", "the Sunday just by", "Friday of this past week", Scots "there" (just
        # past) at a clause's end, "on Monday there", "Thursday afternoon there"
        (regex.compile(r"day(?:\s+\w+)?\s+(?:upcoming|first|just\s+by|there|of\s+this\s+(?:past|last)\s+week)"),
         regex.compile(rf"\b(?:(?i:first\s+thing|early|late)\s+)?(?:(?i:the|this|on)\s+)?{_WDF}{_PART}\s+(?i:upcoming"
                       rf"|(?:of\s+)?this\s+(?:past|last)\s+week|first(?:\s+coming)?{field_end}|just\s+by{field_end}"
                       rf"|there{field_end})(?!\s+(?i:is|was|were|are|will|had|has|have)\b)")),
        # Spanish: "a siete días de hoy", "de aquí a unos once días", "dentro de unos nueve días", "el martes de
        # aquí a dos semanas"
        ("día", regex.compile(rf"\ba\s+(?:unos\s+)?{num}\s+días\s+de\s+(?:hoy|la\s+fecha)\b"
                              rf"|\b(?:dentro\s+de|de\s+aqu[íi]\s+a|de\s+ac[áa]\s+a|de\s+hoy\s+en)\s+(?:unos|unas"
                              rf"|cerca\s+de|aproximadamente|casi)\s+{num}\s+días?\b", _I)),
        ("semana", regex.compile(rf"\b[Ee]l\s+(?:{_DS})\s+de\s+(?:aqu[íi]|ac[áa])\s+a\s+(?:unas\s+)?{num}"
                                 rf"\s+semanas\b")),
        # Tamil: "சுமார் பத்து நாட்களுக்கு முன்" (about ten days ago), "இன்னும் இரண்டு நாள் கழித்து" (two days on from
        # now), "இரண்டு வாரங்களுக்கு முன் ஞாயிற்றுக்கிழமை" (Sunday two weeks ago), "மூன்று வாரம் கழித்து புதன்கிழமை"
        ("நா", regex.compile(rf"(?:சுமார்|இன்னும்|கிட்டத்தட்ட|ஏறக்குறைய)\s+{ta_num}\s+நா(?:ள|ட்கள)[\p{{L}}\p{{M}}]*\s+"
                             rf"{_alt(conf['ta_day_relations'])}(?![\p{{L}}\p{{M}}])")),
        ("வார", regex.compile(rf"(?<![\p{{L}}\p{{M}}]){ta_num}\s+வார[\p{{L}}\p{{M}}]*\s+{_alt(conf['ta_day_relations'])}"
                              rf"\s+{_alt(conf['ta_weekdays'])}[\p{{L}}\p{{M}}]*")),
    ]
    # (r19 round) a count of days from an event rather than from now, the event an open class of nouns after "after",
    # "before", "prior to", "on from", "following", "ahead of": "six days after the funeral", "ten days before the
    # hearing", "three days prior to intake", "four days on from that", "nine days after her discharge"; "the Friday
    # before the last session"; Spanish "once días antes del juicio", "a los dos días del alta"; Tamil code-mixed
    # "discharge ஆகி மூன்று நாள் கழித்து" (three days after discharge); not a duration ("for two days after the
    # funeral", "over five days before the trial", "for twenty-one days before admission")
    events = _alt(conf["date_events"])
    event = (rf"(?:that|then|(?:(?:the|his|her|their|our|my|your|its|this|el|la|su)\s+)?(?:(?:last|first|next|final"
             rf"|previous|initial|court|second|última|ultima|primera|próxima|proxima)\s+)?{events})")
    not_duration = r"(?<!\b(?i:for|over|lasting|lasted|within|during|durante|por)\s)(?<!-)"
    dates += [
        (regex.compile(r"days?\s+(?:after|before|prior|on\s+from|following|ahead)"),
         regex.compile(rf"{not_duration}\b(?!(?i:a|one)\s+day\b)(?i:{count_pre}{num}\s+{day_mid}days?\s+(?:after"
                       rf"|before|prior\s+to|on\s+from|following|ahead\s+of)\s+{event})(?![\p{{L}}\p{{M}}'’-])")),
        (regex.compile(r"day\s+(?:before|after)\s"),
         # (a weekday only before a session placed by "last", "next": "the Friday before the hearing" stays, r10)
         regex.compile(rf"\b(?i:the\s+){_WDF}\s+(?i:before|after)\s+(?i:the\s+(?:last|next|first|final|previous)\s+"
                       rf"{events})(?![\p{{L}}\p{{M}}'’-])")),
        ("día", regex.compile(rf"{not_duration}\b(?i:(?:a\s+los\s+{num}\s+días?|{num}\s+días?\s+(?:antes|después"
                              rf"|despues))\s+(?:del|de\s+la|de\s+su|de\s+el)\s+(?:(?:última|ultima|primera|próxima"
                              rf"|proxima)\s+)?{events})(?![\p{{L}}\p{{M}}'’-])")),
        ("ஆகி", regex.compile(rf"(?<![\p{{L}}\p{{M}}])[A-Za-z]+\s+(?:ஆகி|ஆன\s+பிறகு|ஆன\s+பின்)\s+{ta_num}\s+"
                             rf"நா(?:ள|ட்கள)[\p{{L}}\p{{M}}]*\s+{_alt(conf['ta_day_relations'])}(?![\p{{L}}\p{{M}}])")),
    ]
    # (r27 round) relative dates as a grammar: an anchor (a counted span of days or sleeps, a weekday, yesterday,
    # tomorrow, last night) with deictic words after it that the narrower patterns above stop short of (a longer
    # match takes in the shorter date found inside it):
    # - a count of days and its direction with a postposed "flat", "exactly", "to the day", and the directions
    #   "previous", "on from now", "out from today": "in sixteen days flat", "nine days on from now", "sixteen days
    #   previous", "eleven days ago exactly"; a child's count of nights, "in three sleeps", "two more sleeps to go"
    # - a part of the day before or after yesterday or tomorrow: "the morning after tomorrow", "the evening before
    #   yesterday"; a night counted back, "last night but one", "the night before last"
    # - a weekday after or before this one: "the Thursday after this", "the Monday before that"; a postposed "last"
    #   with "gone", "past", "just gone": "Saturday last gone", "Monday last past"
    # - Spanish: "a partir de hoy" after a count of days ("en dos días a partir de hoy", "dentro de tres días a
    #   partir de mañana", "cinco días a partir de hoy"); "exactamente", "justamente" after "hace N días"; "ya"
    #   before "pasado" ("este lunes ya pasado"); a week with its own modifier after "el sábado de": "el sábado de
    #   esta semana que viene", "el lunes de la semana que viene ya", "el martes de esta semana que pasó"
    exact = r"\s+(?:flat|exactly|precisely|sharp|to\s+the\s+day|on\s+the\s+dot)(?![\p{L}\p{M}'’-])"
    exact_post = rf"(?:{exact})?"
    dates += [
        (regex.compile(r"days?\s+(?:flat|exactly|precisely|sharp|to\s+the|on\s+the\s+dot|previous|on\s+from|out\s+from"
                       r"|ago\s+|back\s+|hence\s+|from\s+now\s+|from\s+today\s+)"),
         regex.compile(rf"(?<!\b(?i:for|over|lasting|lasted|within|during)\s)\b(?!(?i:a|one)\s+day\b)(?i:"
                       rf"in\s+(?:another\s+|a\s+further\s+|just\s+)?{num}\s+{day_mid}days?(?:['’]?\s+time)?{exact}"
                       rf"|{day_pre}{num}\s+{day_mid}days?\s+(?:previous(?!ly)|(?:on|out)\s+from\s+(?:now|today"
                       rf"|tomorrow|yesterday)){exact_post}"
                       rf"|{day_pre}{num}\s+{day_mid}days?\s+(?:ago|back|hence|from\s+now|from\s+today){exact})"
                       rf"(?![\p{{L}}\p{{M}}'’-])")),
        # "two days since and ...", "three days' time" (without "in"; the probe's forms)
        (regex.compile(r"days['’]\s+time|days\s+since\s+(?:and|but|so|when|then)\b"),
         regex.compile(rf"(?<!\b(?i:for|over|lasting|lasted|within|during|the|all|those|these|many|few|been|is|was"
                       rf"|it['’]s)\s)\b(?!(?i:a|one)\s)(?i:{num}\s+days['’]\s+time(?!\s+(?:off|out|away)\b)"
                       rf"|{num}\s+days\s+since(?=\s+(?:and|but|so|when|then)\b))")),
        ("sleep", regex.compile(rf"\b(?i:in\s+(?:another\s+|just\s+)?{num}\s+(?:more\s+)?sleeps"
                                rf"|{num}\s+(?:more\s+)?sleeps\s+(?:to\s+go|away|from\s+now|ago|back))\b")),
        (regex.compile(r"(?:before|after)\s+(?:yesterday|tomorrow|last|next)|night\s+but\s+one"),
         regex.compile(r"\b(?i:the\s+(?:morning|afternoon|evening|night|day)\s+(?:before\s+yesterday|after\s+tomorrow"
                       r"|before\s+last|after\s+next)|last\s+night\s+but\s+one|(?:the\s+)?night\s+before\s+last"
                       r"|tomorrow\s+night\s+but\s+one)\b")),
        (regex.compile(r"day(?:\s+\w+)?\s+(?:before|after)\s+(?:this|that)"
                       r"|day(?:\s+\w+)?\s+last\s+(?:just\s+)?(?:gone|past|been)"),
         regex.compile(rf"\b(?i:the)\s+{_WDF}{_PART}\s+(?i:before|after)\s+(?i:this|that)\b"
                       rf"(?!\s+(?i:is|was|one|past|coming)\b)(?![-'’])"
                       rf"|\b(?:(?i:the|on)\s+)?{_WDF}{_PART}\s+(?i:last\s+(?:just\s+)?(?:gone|past|been))\b")),
        ("partir", regex.compile(rf"\b(?:(?:en|dentro\s+de|de\s+aqu[íi]\s+a)\s+)?{num}\s+días?\s+(?:más\s+)?"
                                 rf"a\s+partir\s+de\s+(?:hoy|mañana|ayer|este\s+(?:lunes|martes|miércoles|jueves"
                                 rf"|viernes|sábado|domingo))\b{dias_post}", _I)),
        ("hace", regex.compile(rf"\bhace\s+(?:ya\s+)?{num}\s+días?\s+(?:exactamente|justamente|precisamente"
                               rf"|exactos|justos|cabales)(?:\s+(?:hoy|ya))?\b", _I)),
        ("ya", regex.compile(rf"\b(?:(?:el|este|ese)\s+)?(?:{_DS}){_PARTE}\s+ya\s+(?:pasado|pas[óo]|terminado"
                             rf"|acabado)\b", _I)),
        ("semana", regex.compile(rf"\b(?i:el)\s+(?:{_DS})\s+de\s+(?:esta|la|la\s+otra|la\s+próxima|la\s+proxima)"
                                 rf"\s+semana\s+(?:que\s+(?:viene|entra|pas[óo]|se\s+fue|llega)|pasada|entrante"
                                 rf"|siguiente|próxima|proxima)(?:\s+ya)?\b", _I)),
    ]
    # (r25 round) Basque dates in Spanish text: "2016ko abenduaren 17a", "1950ko urriaren 2an", "abenduaren 17an"
    # (the year's "-ko", the month's genitive "-aren", the day's ending), and a month with its year, "2016ko abenduan"
    eu_month = r"(?:urtarril|otsail|martxo|apiril|maiatz|ekain|uztail|abuztu|irail|urri|azaro|abendu)"
    dates += [
        (regex.compile(r"aren\s+\d|\dko\s"),
         regex.compile(rf"\b(?:(?:1[89]|20)\d\d(?:\.|-)?(?:e)?ko\s+)?(?i:{eu_month})a?ren\s+(?:[12]\d|3[01]|0?[1-9])"
                       r"(?:-?(?:a|an|ean|etik|era|ra|ko|eko|rako|erako))?\b(?![.,:/]\d)"
                       rf"|\b(?:1[89]|20)\d\d(?:\.|-)?(?:e)?ko\s+(?i:{eu_month})(?:a|an|ean|n|en|etik|tik|ra|era)?\b")),
    ]
    dates_ta = [        # போன ஞாயிற்றுக்கிழமை, அடுத்த வெள்ளிக்கிழமை (a bare weekday is not a date)
        # also with the week between: கடந்த வாரம் புதன்கிழமை (Wednesday last week), கடந்த வார புதன்கிழமை; two
        # relative words: இந்த வரும் ஞாயிற்றுக்கிழமை (this coming Sunday)
        regex.compile(rf"{_alt(conf['ta_relative'])}(?:\s+{_alt(conf['ta_relative'])})?\s+"
                      rf"(?:வார(?:ம்|த்து|த்தின்|த்தில்)?\s+)?{_alt(conf['ta_weekdays'])}"
                      # (r26 round: "on" as a word of its own, "வருகிற சனி அன்று", "போன ஞாயிறு அன்னைக்கு")
                      r"[\p{L}\p{M}]*(?:\s+(?:அன்று|அன்னைக்கு|அன்னிக்கு|அண்ணைக்கு)(?![\p{L}\p{M}]))?"),
        # 1951 செப்டம்பர் 9, 2023 ஜூன் 30, 2019-ஆம் ஆண்டு மே 3 (year, month, day)
        regex.compile(rf"(?<!\d)(?:1[89]|20)\d\d{ta_year}\s*,?\s*{ta_months}(?!\p{{L}})\p{{M}}*\s*{_DAY}(?!\d){nth}"),
        # a festival with its year, either way round: "மாட்டுப் பொங்கல் 2004", "தீபாவளி 2019", "2011 ஆயுத பூஜை"
        # (also a month's feast, its joining consonant written on: "சித்திரைத் திருநாள் 2007", "ஆடித் திருவிழா 2015")
        regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{ta_fest}(?:[கசதப]்)?(?:\s+(?:பண்டிகை|திருநாள்|தினம்|விழா))?"
                      # (r20 round: a month's first day with a year, "தை முதல் நாள் 2016", "ஆடி முதல் நாள் 2011")
                      rf"|{ta_months}(?:[கசதப]்)?\s+(?:பண்டிகை|திருநாள்|திருவிழா|விழா|முதல்\s+நாள்))"
                      r"\s*-?\s*(?:1[89]|20)\d\d(?!\d)"
                      rf"|(?<!\d)(?:1[89]|20)\d\d{ta_year}\s+{ta_fest}(?![\p{{L}}\p{{M}}]|\s+(?:மாதம்|மாத))"),
        # மார்ச் 27, 27 மார்ச் 2024, 15ஆம் தேதி
        regex.compile(rf"(?<![\p{{L}}\p{{M}}]){ta_months}\p{{M}}*\s*{_DAY}(?!\d)(?:\s*,?\s*(?:1[89]|20)\d\d)?{nth}"),
        regex.compile(rf"(?<!\d){_DAY}\s*-?\s*(?:ஆம்\s*)?{ta_months}(?!\p{{L}})\p{{M}}*(?:\s+(?:1[89]|20)\d\d)?"),
        regex.compile(rf"(?<!\d){_DAY}\s*-?\s*(?:ஆம்|ம்)?\s*{ta_nouns}[\p{{L}}\p{{M}}]*"),
        # ஆகஸ்ட் 2024, 2022 அக்டோபர் (a month with its year)
        regex.compile(rf"(?<![\p{{L}}\p{{M}}]){ta_months}\p{{M}}*,?\s*(?:1[89]|20)\d\d(?!\d)"
                      rf"|(?<!\d)(?:1[89]|20)\d\d{ta_year}\s*,?\s*{ta_months}(?!\p{{L}})\p{{M}}*"),
        # நேற்று, நாளை, நேற்று முன்தினம்; மூன்று நாட்களுக்கு முன்பு, இரண்டு நாளில்
        regex.compile(_alt(conf["ta_days"])),
        # (r14 round: within N days, "இன்னும் ஆறு நாட்களுக்குள்")
        # (r27 round: "exactly" before the count, "சரியாக ஐந்து நாள் முன்னால்")
        regex.compile(rf"(?:(?:சரியாக|சரியா|கரெக்டா|கரெக்டாக)\s+)?{ta_num}\s+நா(?:ள|ட்கள)[\p{{L}}\p{{M}}]*\s+"
                      rf"{_alt(conf['ta_day_relations'])}"
                      rf"[\p{{L}}\p{{M}}]*|(?:இன்னும்\s+)?{ta_num}\s+நா(?:ளில்|ட்களில்)"     # இன்னும் ஐந்து நாட்களில்
                      rf"|இன்னும்\s+{ta_num}\s+நா(?:ளுக்குள்|ட்களுக்குள்)"
                      # (r26 round: the spoken "in", "இன்னும் எட்டு நாள்ல")
                      rf"|இன்னும்\s+{ta_num}\s+நா(?:ள்ல|ள்ளே|ட்கள்ல|ள்லே)(?![\p{{L}}\p{{M}}])"),
        # (r14 round) a month written short with a full stop: "அக். 9, 2015", "பிப். 21" (Oct., Feb.)
        regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:ஜன|பிப்|மார்|ஏப்|ஆக|செப்|அக்|நவ|டிச)\.\s*{_DAY}(?!\d)"
                      rf"(?:\s*,?\s*(?:1[89]|20)\d\d(?!\d))?"),
        # (r14 round) any day or feast named with its year: "குழந்தைகள் தினம் 2011" (Children's Day), "உழைப்பாளர் தினம்
        # 2009", "வைகாசி விசாகம் 2014" (a month and its star's feast)
        regex.compile(rf"(?<![\p{{L}}\p{{M}}])[\p{{L}}\p{{M}}]+\s+(?:தினம்|திருநாள்|திருவிழா|ஜெயந்தி)\s*-?\s*"
                      rf"(?:1[89]|20)\d\d(?!\d)|(?<![\p{{L}}\p{{M}}]){ta_months}(?:[கசதப]்)?\s+[\p{{L}}\p{{M}}]{{3,}}\s+"
                      rf"(?:1[89]|20)\d\d(?!\d)"),
    ]
    # before a house number: "Old No. 32, New No. ", "Flat 3, ", "Door No. ", "Blk 7 Lot 22, ", a building's name
    # ("Room 12, Hillcrest House, ") (searched back from the number)
    # ("C-4, Mullai Flats, No. 21, ...": a flat's code before the building, as Indian flats write it)
    building = (r"(?:\p{Lu}[\p{L}\p{M}'’-]*\s+){1,3}(?:House|Mansions?|Court|Lodge|Building|Tower|Towers|Apartments?"
                r"|Apts\.?|Residency|Residences|Villas|Cottages?|Hall|Heights|Chambers|Flats|Block|Complex|Enclave"
                r"|Gardens|Manor|Plaza|Centre|Center|Arcade|Terrace|Nivas|Nivaas|Nilayam|Illam|Bhavan|Bhawan|Homes"
                r"|Quarters|Annexe?|Castle|Palace|Square)")
    # ("Flat A26, Green Acres, No. 69, ...": any capitalised name between a flat's code and the door number is the
    # building's)
    prefix = regex.compile(rf"(?:\b(?:{door}|{unit})#?\w+(?:/\w+)?,\s*(?:(?:\p{{Lu}}[\p{{L}}\p{{M}}'’-]*\s+){{0,2}}"
                           rf"\p{{Lu}}[\p{{L}}\p{{M}}'’-]*,\s*(?=(?:{door})))?|\b(?:{door}|{unit})#?\d[\w/]*\s+"
                           rf"|#\d{{1,4}}[A-Za-z]?,\s*|\b[A-Z]{{1,2}}-?\d{{1,4}}[A-Za-z]?,\s*(?={building},)|{building},\s*"
                           # (r14 round) a Hong Kong floor: "Flat C, 12/F, "
                           r"|\b\d{1,2}/F,\s*"
                           # (r28 round) a New Zealand rural delivery before the number: "RD 1, 2252 Pōhutukawa Drive"
                           r"|\bR\.?D\.?\s?\d{1,2},\s*)*"
                           rf"(?:\b(?:{door}|{unit}))?$")
    return {"address": address, "address_ta": address_ta, "address_prefix": prefix, "date": dates, "date_ta": dates_ta,
            "address_longer": frozenset(id(rx) for _, rx in compound_addresses),
            "title_prefixes": frozenset(w.rstrip(".") for w in conf["street_prefixes_title"]),
            "code_stopwords": frozenset(_fold(w) for w in conf["code_stopwords"]),
            "generic_facility_words": frozenset(_fold(w) for w in conf["generic_facility_words"]),
            "ta_facilities": tuple(w for w in conf["facility_suffixes"] if _is_tamil(w)),
            "ta_facility_modifiers": frozenset(conf["ta_facility_modifiers"]),
            # Tamil months and weekdays (the short months only as whole words: மே, தை, ஆடி also begin names)
            "ta_calendar": tuple(w for w in conf["ta_months"] + conf["ta_weekdays"] if len(w) >= 4),
            "ta_numbers": frozenset(w for w in conf["number_words"] if _is_tamil(w)),
            "ta_weekday_before": regex.compile(rf"(?<![\p{{L}}\p{{M}}]){_alt(conf['ta_weekdays'])}"
                                               r"[\p{L}\p{M}]*\s+$")}


_MONTH_BEFORE_YEAR = regex.compile(rf"(?:\b{_MON}|\b{_MES})\.?,?\s$", regex.IGNORECASE)
_YEAR_RANGE_AFTER = regex.compile(r"\s*(?:-|–|a|al|hasta|to|until|till|through)\s*(?:1[89]|20)\d\d\b")
_WEEKDAY_BEFORE = regex.compile(rf"\b(?:{_WDF},?"
                                 r"|(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?)\s+$")
_YEAR_NOT_HOUSE = regex.compile(r"\b(?i:in|since|by|from|until|till|during|of|before|after|around|circa|early|late"
                                r"|mid|spring|summer|autumn|fall|winter)\s+$")
# a part of the day after a relative date is part of it (r13 round): "last Friday night", "this Friday afternoon",
# "a week ago Thursday evening", "tomorrow morning", "el martes pasado por la tarde", "ayer en la noche", "கடந்த
# திங்கள்கிழமை மாலை" (last Monday evening), "நாளை காலை" (tomorrow morning); not a habit ("the last Friday evening of
# each month")
# a day and its month, and the full stop after the month: a date before the next sentence, no house and street
_DAY_MONTH_STOP = regex.compile(rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MON}|(?i:{_MES}))\.\s")
_DAY_PART_AFTER = regex.compile(
    r"(?:\s+(?i:morning|afternoon|evening|night|lunchtime|arvo|forenoon|teatime|suppertime|dinnertime)\b(?!-)"
    # (r26 round: Spanish "ayer temprano", "antes de ayer de mañana", "ayer a mediodía", after a day word only)
    r"|(?<=\b(?i:ayer|antier|anteayer|mañana))\s+(?i:temprano|de\s+mañana|a\s+mediod[íi]a)\b"
    # (r25 round: the diminutives and the small hours, "ayer en la tardecita", "mañana en la madrugada")
    r"|\s+(?i:(?:por|en|a)\s+la\s+(?:mañanita|mañana|tardecita|tarde|nochecita|noche|madrugada)|de\s+madrugada"
    r"|al\s+mediod[íi]a)\b"
    # (r27 round: a time of the day after "at", "yesterday at dusk", "tomorrow at noon", "Friday last at teatime")
    r"|\s+(?i:at\s+(?:dusk|dawn|daybreak|sunrise|sunset|nightfall|noon|midday|midnight|teatime|lunchtime|suppertime"
    r"|dinnertime|bedtime|first\s+light|last\s+light)|(?:in|during)\s+the\s+(?:morning|afternoon|evening|night)"
    r"|at\s+night)\b(?!-)"
    r"|(?:க்)?\s+(?:அதிகாலை|காலை|மதிய|பிற்பகல்|முற்பகல்|மாலை|இரவு|நள்ளிரவு|நண்பகல்)[\p{L}\p{M}]*)"
    r"(?!\s+(?i:of|in|de|del)\s+(?i:each|every|the|this|that|a|cada|mes)\b)")
OWN_TOKEN = regex.compile(r"\[(?:[A-Z]+-\d+|DATE|\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]+)\]|(?<!\d)90\+")


_BODY_BEFORE = regex.compile(r"(?<![\w.])(?P<p>[A-Z]{2,6})(?:\.|\s?#\s?|\s)$")
_ADDRESS_BEFORE = regex.compile(r"(?:\b(?:Mile|Km\.?|Kilómetro|Kilometro)\s+|\b(?:RR|R\.R\.|RFD|Rural\s+Route)\s*#?\s*"
                                r"\d{1,3},?\s+)$")
_ADDRESS_UNIT_TAIL = regex.compile(r",\s(?:(?i:scala)\s[A-Z0-9]{1,2}(?:,\s(?i:interno|int\.)\s?\d{1,3}[A-Z]?)?"
                                   r"|(?i:interno)\s\d{1,3}[A-Z]?|\d{1,2}(?:r|n|er|o|t|º|ª|\.º)\s\d{1,2}(?:a|ª|º|o)"
                                   r"|(?i:àtic|atic|entresòl|entresol|baixos)(?:\s\d{1,2}(?:a|ª))?"
                                   # (r21 round) a Norwegian flat's number: "Tveitaveien 12, H0302"
                                   r"|H0\d{3}"
                                   # (r26 round) a Latin American building before its flat, the flat, a block and its
                                   # plot: "calle Boyacá 1843, edificio Las Cámaras, dpto. 2A", "..., puerta 4", "Cdla.
                                   # Acuarela 5, Mz. 99, villa 28"
                                   r"|(?i:edificio|edif\.|torre|bloque)\s\p{Lu}[\p{L}\p{M}'’-]*(?:\s(?:(?:de|del|la|las"
                                   r"|los)\s)?\p{Lu}[\p{L}\p{M}'’-]*){0,3}(?=,\s(?i:dpto|depto|dto|apto|piso|of)\.?\s?\d)"
                                   r"|(?i:dpto|depto|dto|apto|puerta|villa|solar|lote|mz|manzana)\.?\s?(?:n\.?[º°o]\.?\s?)?"
                                   r"\d{1,4}[A-Z]?)(?=\s*[,;|/]|\s*$)")
_FLOOR_DOOR_REST = regex.compile(r"(?:(?:r|n|er|t|º|ª|\.º)\s\d{1,2}(?:a|ª|º)|\.?[ºª])(?=\s*[,;|/]|\s*$)")
_ADDRESS_LANDMARK = regex.compile(r",\s(?i:opposite|behind|beside|near|next\sto|across\sfrom|close\sto|facing"
                                  r"|frente\sa|enfrente\sde|detrás\sde|detras\sde|junto\sa|cerca\sde|al\slado\sde)"
                                  r"\s(?i:the|la|el|los|las|del)\s(?:\p{Lu}[\p{L}\p{M}'’-]*\s){0,2}\p{Ll}[\p{L}\p{M}'’-]*"
                                  r"(?=\s*[,;|/]|\s*$)")
_HOUSE_NAME_BEFORE = regex.compile(r"(?:(?<=[:=»{|]\s)|(?<=\b(?i:of|at|to|from)\s))\p{Lu}\p{Ll}[\p{L}\p{M}'’-]+"
                                r"(?:\s+(?:an|y|ar|dan|yr|war|dre)\s+\p{Lu}\p{Ll}[\p{L}\p{M}'’-]+)?,\s$")
_ADDRESS_AFTER = regex.compile(r"(?:,?\s+(?i:upstairs|downstairs|rear|basement|ground\s+floor|first\s+floor"
                               r"|top\s+floor|(?:\d{1,2}(?:st|nd|rd|th)?\.?|\d{1,2}\.?[ºª°]|1er)\s*(?:floor|stock|etage"
                               r"|og|piso|planta))|\s+(?:Ext|Extension)\.?|(?<=\d)\s(?:bis|ter))(?=\s*(?:[,;.)|/]|$)|\s\s|\s*\n|\s+\p{Lu}"
                               r"|\s+(?:since|with|and|for|from|until|at|in|where|while|but|now)\b)")


def _pattern_spans(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in OWN_TOKEN.finditer(text):           # what anonymise() wrote is not an identifier
        taken[m.start():m.end()] = True
    for m in lex.state_rx.finditer(text) if lex.state_rx is not None and "," in text else ():
        taken[m.start():m.end()] = True          # a state or province after a town: "Ado-Ekiti, Ekiti State 360101"
    for m in BRANCH_CODE.finditer(text) if any(w in text for w in _BRANCH_WORDS) else ():
        # a bank's branch code identifies no one: "sort code 20-00-00"
        taken[m.start("c"):m.end("c")] = True
    at = "@" in text                                 # (e-mail and payment addresses need one: throughput)
    for m in EMAIL.finditer(text) if at else ():
        _add(found, taken, m.start(), m.end(), "email")
    slash = "/" in text
    for rx in (URL, URL_WITH_PATH) if slash else (URL,):
        for m in rx.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?":
                end -= 1
            _add(found, taken, m.start(), end, "url")
    for m in UPI_ID.finditer(text) if at else ():   # a payment address without a domain: name@okicici
        _add(found, taken, m.start(), m.end(), "account")
    ips = []
    for m in IPV4.finditer(text):
        if _add(found, taken, m.start(), m.end(), "ip"):
            ips.append(m.end())
    for m in IPV6.finditer(text):
        s = m.group()
        if "::" in s or s.count(":") >= 5 or re.search(r"[a-fA-F]", s) and s.count(":") >= 3:
            if _add(found, taken, m.start(), m.end(), "ip"):
                ips.append(m.end())
    for end in ips if "(" in text else ():          # a login's town in brackets: "from 41.34.242.35 (Galle)"
        m = _PAREN_TOWN.match(text, end)
        if m and _fold(m.group("p")) not in lex.regions and _fold(m.group("p")) not in lex.safe_words:
            _add(found, taken, m.start("p"), m.end("p"), "place")
    for m in POLICE_REPORT.finditer(text) if slash else ():
        _add(found, taken, m.start(), m.end(), "id")
    for m in CASE_REF.finditer(text) if slash else ():      # "CIB 121/571", "H.M.O.P. 943/2024", "Cr. No. 618/2022"
        a, b = m.group("a"), m.group("b")
        prefix = regex.sub(r"[^A-Za-z]", "", m.group("p")).casefold()
        if len(a) + len(b) < 5 or prefix in lex.patterns["code_stopwords"] or prefix in lex.safe_words or \
                prefix in ("no", "nos", "nr", "n", "num") or (
                len(b) <= 3 and int(b) <= 200 and int(a) <= int(b)):
            continue                                          # "BP 120/80", "GAF 55/100": a reading or a score
        _add(found, taken, m.start(), m.end(), "id")
    tamil = _is_tamil(text)
    gates: dict[int, bool] = {}
    addresses = [m for gate, rx in lex.patterns["address"] + ([(None, rx) for rx in lex.patterns["address_ta"]]
                                                               if tamil else [])
                 if gate is None or gates.setdefault(id(gate), gate.search(text) is not None)
                 for m in rx.finditer(text)]
    house_numbers = {m.start() for m in addresses if text[m.start()].isdigit()}
    longer = lex.patterns["address_longer"]
    # numbers introduced by a word saying what they are
    low = text.casefold().replace("’", "'")
    if len(low) != len(text):             # casefold changed lengths (ß, ligatures): positions by a safe path
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text).replace("’", "'")
    cued: list[tuple[int, int, int]] = []          # (a cue's start, its end, where its number starts)
    for m in lex.number_cue_rx.finditer(low):
        kind = lex.number_cue_kind.get(m.group()) or lex.number_cue_kind.get(_fold(m.group()))
        plate = _PLATE_AFTER_CUE.match(text, m.end()) if kind == "licence" else None
        if plate:                                   # "vehicle no. RF MFS-9510", "வாகன இல. OF HNX-1883"
            if _add(found, taken, plate.start("code"), plate.end("code"), kind):
                taken[m.start():m.end()] = True
            continue
        roman = _ROMAN_BRANCH_CODE.match(text, m.end()) if kind == "id" else None
        if roman:                                   # "பொலிஸ் முறைப்பாட்டு இலக்கம்: CIB II/336"
            a, b = roman.span("code")               # (r28 round: over its tail found before, "XVII 147/23")
            inside = [sp for sp in found if sp.start < b and sp.end > a]
            if inside and all(sp.kind == "id" and sp.start >= a and sp.end <= b for sp in inside):
                _replace(found, taken, inside, a, b, kind)
                taken[m.start():m.end()] = True
            elif _add(found, taken, a, b, kind):
                taken[m.start():m.end()] = True
            continue
        n = NUMBER_AFTER_CUE.match(text, m.end())
        if not kind or not n:
            continue
        cued.append((m.start(), m.end(), n.start("code")))
        shape = POSTCODE_SHAPE.match(text, n.start("code")) if kind == "postcode" else None
        if shape:                                   # "Postcode: KT6 6MA", "Eircode: V15 QO7U" (any letters)
            _add(found, taken, shape.start(), shape.end(), kind)
            continue
        code = n.group("code").rstrip(".,;:)")
        digits = sum(ch.isdigit() for ch in code)
        start = n.start("code")
        if _YEARISH.fullmatch(code) and not (kind == "postcode" and len(m.group()) >= 6 and start - m.end() <= 2) or (
                "," in text[m.end():start] and digits < 5 and code.isdigit()) or (
                DATE_PATTERNS[0].fullmatch(code) and _valid_numeric_date(code)) or (
                start in house_numbers and code.split()[0].isdigit()) or (
                kind == "postcode" and regex.match(r"[A-Z]{2}", code)):
            continue            # "in that case, 2023 was ...", "on the chart, 1234 steps", "card: 12802 Hazelwood St",
            #                     "en la ficha: 28/3/1954" (a date), "vehicle CP LJR-1561" (a plate's province, no C.P.)
        if text[m.end():start] == "-" and text[m.start():m.end()].isupper():
            start = m.start()               # a cue in capitals written on to the number is part of it: "CRN-7530-..."
        letters = sum(ch.isalpha() for ch in code)
        if digits >= 4 or (kind == "licence" and digits >= 1 and len(code) >= 5 and not code.isdigit()) or (
                # (r28 round) a permit's or passport's code of capitals with a digit after a long cue, "eAT-Nr.
                # YTL4XZPGP", "Reisepass C4KJ7LMNP"
                kind == "id" and digits >= 1 and 8 <= len(code) <= 10 and code.isalnum() and code.isupper() and
                m.end() - m.start() >= 5) or (
                kind == "licence" and 2 <= digits <= 3 and code.isdigit() and _LICENCE_WORD.search(m.group()) and
                _NUMBER_MARK.search(m.group() + text[m.end():start]) and _FIELD_ENDS.match(text, start + len(code))
        ) or (
                kind == "licence" and _SHORT_REGISTRATION.fullmatch(code)) or (
                digits >= 3 and letters >= 3 and digits + letters >= 8):      # "account A-4B3EF3FE" (hex-like)
            if _add(found, taken, start, n.start("code") + len(code), kind) and (kind == "licence" or
                                                                                  m.end() - m.start() >= 4):
                # a registration's label is no name: "Mat. Prof. 3318" (r14 round: nor any other number's longer
                # label, "Fallnummer 4471", "Omang 8812..."; a short one may end a name, "Green Shield ID 4471")
                taken[m.start():m.end()] = True
    # (r14 round) a hospital's initials (ending in H, for "Hospital") before "no.": "KCH no. 88120", "QEH no. 4471/09"
    for m in HOSPITAL_NO.finditer(text) if " no" in low else ():
        if _add(found, taken, m.start("code"), m.end("code"), "mrn"):
            taken[m.start():m.start("code")] = True
    for m in addresses:
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in ",; ":
            end -= 1
        if text[start].isdigit() and start >= 2 and text[start - 1] in "./" and text[start - 2].isdigit():
            continue                                  # (r17 round) a date's end, no house: "Review: 1.3.25 Friend"
        if text[start].isdigit() and any(n.start() < start < n.end() for n in NINO.finditer(
                text, max(0, start - 10), min(len(text), start + 4))):
            continue                                  # (r18 round) an NI number's end: "QQ 12 34 56 C Court letter"
        if _YEARISH.match(text, start, start + 4) and not text[start + 4:start + 5].isalnum() and \
                _YEAR_NOT_HOUSE.search(text, max(0, start - 12), start):
            continue                                  # "In 2019 Central Park was...": a year, no house number
        if _YEARISH.match(text, start, start + 4) and not text[start + 4:start + 5].isalnum() and \
                _MONTH_BEFORE_YEAR.search(text, max(0, start - 14), start):
            continue                                  # (r21 round) a date's year, no house number: "DOB 3 Jun 1950,
            #                                           GP Dr. Lee" (not "1950, GP Drive")
        if text[start].isdigit() and _DAY_MONTH_STOP.match(text, start, end):
            continue                                  # (r23 round) a date, then a sentence's full stop, no street:
            #                                           "Appt - Monday 8 May. Court letter"
        if text[start].isdigit() and start >= 2 and text[start - 1] == " " and text[start - 2].isdigit() and \
                text[start:end].endswith("Dr."):
            continue                                  # (r21 round) a phone's last group and a doctor's title, no
            #                                           street: "+353 86 020 0550, Referrer Dr. Whalen"
        if not text[start].isdigit():
            words = WORD.findall(text, start, min(end, start + 40))
            if len(words) >= 2 and words[0] in lex.patterns["title_prefixes"] and _fold(words[1]) in lex.safe_words \
                    and _fold(words[1]) not in lex.regions and id(m.re) not in longer:
                continue                                  # "Via Zoom, 3 of us" (not with its house after, r15
                #                                           round: "Calle Central, casa n.º 12")
        # a house number ("Flat 3, ", "Old No. 32, " before it), also with a letter first ("H/No. A143, ")
        if text[start].isdigit() or tamil or regex.match(r"[A-Z][-/]?\d", text[start:start + 3]):
            before = lex.patterns["address_prefix"].search(text, max(0, start - 60), start)
            other = [sp.end for sp in found if before and before.start() < start and sp.kind != "address" and
                     sp.start < start and sp.end > before.start()]
            if other:                 # "OP No. SMC11280466, Door No. 129-16, ...": the prefix after the other number
                before = lex.patterns["address_prefix"].search(text, max(other), start)
            if before and before.start() < start and any(sp.kind != "address" and sp.start < start and
                                                         sp.end > before.start() for sp in found):
                before = None         # "passport no. 462068951, 7704 Adams Street": that "no." is another number's
            if before and before.start() < start:
                start = before.start()
                for sp in [sp for sp in found if sp.kind == "address" and start < sp.end <= m.start()]:
                    found.remove(sp)                  # "Flat 11B, Riverside Court, " found before: one address
                    taken[sp.start:sp.end] = False
                    start = min(start, sp.start)
        # (r17 round) a rural route or a highway's mile before the house, a floor or a side of the house after the
        # street: "RR 2, 418 Lakeshore Rd", "Mile 14, Orchid Street", "12 Palm Street, upstairs", "Lindenweg 4, 2.
        # Stock"
        pre = _ADDRESS_BEFORE.search(text, max(0, start - 24), start) if text[start].isdigit() else None
        if pre and not taken[pre.start():start].any():
            start = pre.start()
        # (r27 round) a house's name before a numbered street, after a label or "of", "at": "Postal: Rosemorran, 39
        # Trenance Lane", "proof of Chy an Gwel, 43 Fore Street" (not a person's or a town's name)
        house = _HOUSE_NAME_BEFORE.search(text, max(0, start - 40), start) if \
            text[start].isdigit() and text[start - 2:start] == ", " else None
        label = WORD.findall(text, max(0, house.start() - 24), house.start()) if house else ()
        if house and label and text[house.start() - 2] in ":=" and (
                _fold(label[-1]) in lex.cues["kin"] or _fold(label[-1]) in lex.cues["titles"]):
            house = None                              # "Next of kin: Bigstone, 3696 Route 134": a person's name
        if house and not taken[house.start():start].any() and (" " in house.group().strip() or not any(
                _fold(w) in lex.first_names or _fold(w) in lex.surnames or _fold(w) in lex.places or
                _fold(w) in lex.safe_words or _fold(w) in lex.proper_words or w.casefold() in lex.en_words
                for w in WORD.findall(house.group()))):
            start = house.start()                     # (a Cornish or Welsh particle inside: "Chy an Gwel", "Bryn y
            #                                           Mor" is a house's name whatever its words)
        post = _ADDRESS_AFTER.match(text, end)
        if post and not taken[end:post.end()].any():
            end = post.end()
        rest = _FLOOR_DOOR_REST.match(text, end) if text[end - 1:end].isdigit() else None
        if rest and not taken[end:rest.end()].any():
            end = rest.end()                          # (r18 round) "..., 1" found of "Carrer Nou 8, 1r 2a"
        while "," in text[end:end + 1]:
            # (r18 round) a stair and door, a floor and door, a landmark after the street: "Via Roma 12, scala B,
            # interno 4", "Carrer Nou 8, 3r 1a", "14 Ashmun Street, behind the Total station", "Calle Real 5, frente a
            # la iglesia"
            tail = _ADDRESS_UNIT_TAIL.match(text, end) or _ADDRESS_LANDMARK.match(text, end)
            if not tail or taken[end:tail.end()].any():
                break
            end = tail.end()
        irish = _IRISH_ESTATE_AFTER.match(text, end) if "," in text[end:end + 1] else None
        if irish and not taken[end:irish.end()].any():
            end = irish.end()                         # "Apt 24, Alder Court, Cnoc na Gréine"
        if not _add(found, taken, start, end, "address"):
            # (r14 round) an address of the patterns above over the shorter ones found across it, as one: "Block C,
            # Flat 4, Triq il-Fosos" over "Flat 4", "2a. Avenida Sur 310, colonia Centro" over "Avenida Sur 310, ..."
            inside = [sp for sp in found if sp.start < end and sp.end > start]
            if id(m.re) in longer and inside and all(sp.kind == "address" for sp in inside):
                _replace(found, taken, inside, min(start, *(sp.start for sp in inside)),
                         max(end, *(sp.end for sp in inside)), "address")
    for rx, kind in ((SSN, "ssn"), (NINO, "ssn"), (FR_NIR, "ssn"), (AHV, "ssn"), (A_NUMBER, "id"), (IBAN, "account"),
                     (CARD, "account"),
                     (CASE_NUMBER, "id"), (CA_POSTCODE, "postcode"), (EIRCODE, "postcode"), (PLATE, "licence"),
                     (MX_PLATE, "licence"), (LK_PLATE, "licence"), (GH_KE_PLATE, "licence"),
                     (AR_POSTCODE_BRACKET, "postcode")):
        for m in rx.finditer(text):
            _add(found, taken, m.start(), m.end(), kind)
    for rx in (AU_POSTCODE, NL_PT_POSTCODE):
        for m in rx.finditer(text):
            pc = m.group("pc")
            if pc[-2:].isalpha() and (pc[-2:].casefold() in lex.safe_words or pc[-2:].casefold() in lex.regions):
                continue                                  # ", 2024 UK Biobank", ", 2019 US Open"
            _add(found, taken, m.start("pc"), m.end("pc"), "postcode")
    for m in SLASH_CODE.finditer(text) if slash else ():     # KMC/PSY/2023/4471, VT/44187, DIF-GDL-1187/2024
        runs = regex.findall(r"\d+", m.group())
        if sum(map(len, runs)) >= 4 and any(len(r) >= 3 and not _YEARISH.fullmatch(r) for r in runs):
            _add(found, taken, m.start(), m.end(), "id")
    for m in LETTER_GROUPED.finditer(text):         # M1047 88214 07319 (a letter before grouped digits)
        if sum(ch.isdigit() for ch in m.group()) >= 8:
            _add(found, taken, m.start(), m.end(), "id")
    for m in DOTTED_NUMBER.finditer(text):          # 1.020.456.113, 34.567.890 (not 1.200.000 pesos)
        after = text[m.end():m.end() + 12].strip().lower()
        if m.group().endswith(".000") or after.split(" ")[0].strip(".,;") in _UNITS | _MONEY_WORDS or \
                _MONEY_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        _add(found, taken, m.start(), m.end(), "id")
    for m in DATED_NAME.finditer(text) if " de " in text else ():   # "Hospital 12 de Octubre": a name, no date
        _add(found, taken, m.start(), m.end(), "place")
    holds: dict[int, bool] = {}                     # (many patterns need the same words: tested once)
    for i, rx in enumerate(DATE_PATTERNS):
        need = _DATE_NEEDS.get(id(rx))
        if need is not None:
            ok = holds.get(id(need))
            if ok is None:
                ok = holds[id(need)] = any(w in (low if w.islower() else text) for w in need)
            if not ok:
                continue
        for m in rx.finditer(text):
            if i == 0 and not _valid_numeric_date(m.group()):
                continue
            start = m.start()
            if text[start:start + 3].lower() == "on " and not (
                    rx is _WEEKDAY_FIRST and m.group().endswith(("next", "last", "gone", "past", "coming"))):
                start += 3                          # ("on the 14th"; r23 round: not "on Wednesday next", whose
                #                                     postposed "next" makes the "on" the phrase's; r26 round: any
                #                                     postposed word, "on Monday last", "on Friday gone")
            _add(found, taken, start, m.end(), "date")
    feast_talk = (_FEAST_AFTER_TALK,) if any(w in low for w in _FEAST_TALK_NEEDS) else ()
    for y in YEAR.finditer(text):
        if _YEAR_RANGE_AFTER.match(text, y.end()):
            continue                                      # "en San Juan de 2019 a 2021": a span of years
        feast_ta = (_LATIN_FEAST_BEFORE_YEAR,) if text.startswith(" அன்று", y.end()) else ()
        for rx in BEFORE_YEAR_DATES + feast_talk + feast_ta:
            m = rx.search(text, max(0, y.start() - 50), y.start())
            if m and (rx is _FEAST_AFTER_TALK and m.group()[-3:] not in ("de ", "el ") or
                      rx is _LATIN_FEAST_BEFORE_YEAR) and (
                    _fold(m.group().strip()) in lex.places or _fold(WORD.match(text, m.start()).group()) in
                    lex.first_names):
                continue                                  # a town's or a person's year: "about Cardiff 2016"
            if m:              # (a month found inside it is the feast's: "Feria de Abril del 2001")
                inside = [sp for sp in found if sp.start < y.end() and sp.end > m.start()]
                if inside and all(sp.kind == "date" and m.start() <= sp.start for sp in inside):
                    _replace(found, taken, inside, m.start(), y.end(), "date")
                else:
                    _add(found, taken, m.start(), y.end(), "date")
                break
    for needle, rx in lex.patterns["date"]:
        if needle in low if isinstance(needle, str) else needle.search(low):
            for m in rx.finditer(text):
                inside = [sp for sp in found if sp.start < m.end() and sp.end > m.start()]
                if inside and all(sp.kind == "date" and m.start() <= sp.start and sp.end <= m.end() for sp in inside):
                    _replace(found, taken, inside, m.start(), m.end(), "date")   # "three weeks ago yesterday"
                else:
                    _add(found, taken, m.start(), m.end(), "date")
    for rx in lex.patterns["date_ta"] if tamil else ():
        for m in rx.finditer(text):
            _add(found, taken, m.start(), m.end(), "date")
    for i, sp in enumerate(found):                  # "last Friday night", "ayer por la tarde", "நேற்று மாலை"
        if sp.kind == "date" and not any(ch.isdigit() for ch in text[sp.start:sp.end]):
            m = _DAY_PART_AFTER.match(text, sp.end)
            if m and not taken[sp.end:m.end()].any():
                taken[sp.end:m.end()] = True
                found[i] = Span(sp.start, m.end(), "date")
    # a weekday before a date is part of it: "Wednesday, 12 May 1971", "Tue 4 Feb 1997", "வெள்ளிக்கிழமை 29-ஆம் தேதி"
    for i, sp in enumerate(found):
        if sp.kind == "date" and sp.start and (text[sp.start].isdigit() or text[sp.start].isupper()):
            m = _WEEKDAY_BEFORE.search(text, max(0, sp.start - 24), sp.start) or (
                lex.patterns["ta_weekday_before"].search(text, max(0, sp.start - 30), sp.start) if tamil else None)
            if m and not taken[m.start():sp.start].any():
                taken[m.start():sp.start] = True
                found[i] = Span(m.start(), sp.end, "date")
    stop = lex.patterns["code_stopwords"]
    for rx in SPACED_CODES:                              # CD 84773, 898 PXL; not "WI 53290", "USD 2000"
        for m in rx.finditer(text):
            if m.group("a").casefold() in stop or m.group("a").casefold() in lex.safe_words or \
                    _YEARISH.fullmatch(m.group("n")):
                continue
            _add(found, taken, m.start(), m.end(), "id")
    for rx in (UK_POSTCODE, AR_POSTCODE, AR_CPA):
        for m in rx.finditer(text):
            _add(found, taken, m.start(), m.end(), "postcode")
    for m in ZIP4.finditer(text):
        _add(found, taken, m.start(), m.end(), "postcode")
    for m in PHONE.finditer(text):
        s = m.group()
        digits = sum(ch.isdigit() for ch in s)
        if not 7 <= digits <= 15:
            continue
        groups = re.findall(r"\d+", s)
        if len(groups) == 2 and all(re.fullmatch(r"(?:19|20)\d\d", g) for g in groups):
            continue                                             # 2019-2020
        window = {_fold(w) for w in WORD.findall(text[max(0, m.start() - 30):m.start()])}
        kind = "fax" if window & lex.cues["fax_cues"] else "phone"
        start = m.start() + (s.startswith("(+") and ")" not in s[:6])       # "(+52 1 33 ...)": not the bracket
        _add(found, taken, start, m.end(), kind)
    for m in ZIP.finditer(text):
        after = text[m.end():m.end() + 12].strip().lower()
        if after.split(" ")[0].strip(".,;") in _UNITS or _cue_before(text, m.start(), ("cpt", "cpt code"), 12):
            continue                                              # "40 miles", "CPT 90837" (a billing code)
        _add(found, taken, m.start(), m.end(), "postcode")
    for m in PIN.finditer(text):
        if _cue_before(text, m.start(), ("pin", "pincode", "pin code", "postcode", "postal code", "zip"), 20) or \
                regex.search(r"[\p{L}\p{M}][\s,]*[-–]?\s*$", text[max(0, m.start() - 6):m.start()]) or any(
                # (r26 round) a PIN after the house number that ends an address: "வீடு எண் 374 - 608644"
                sp.kind == "address" and sp.end <= m.start() and
                regex.fullmatch(r"\s*[-–,]?\s*", text[sp.end:m.start()]) for sp in found):
            _add(found, taken, m.start(), m.end(), "postcode")
    for m in GROUPED_NUMBER.finditer(text):           # 512 909 338X, 2123 45670 1: not a phone, still a number
        if sum(ch.isdigit() for ch in m.group()) >= 8 and not _YEARISH.fullmatch(m.group()[:4]):
            _add(found, taken, m.start(), m.end(), "id")
    for m in LONG_NUMBER.finditer(text):
        runs = regex.findall(r"\d+", m.group())
        if m.group().count("/") == 1 and max(map(len, runs)) <= 4 and not (
                len(runs) == 2 and _YEARISH.fullmatch(runs[1]) != _YEARISH.fullmatch(runs[0])
                and min(map(len, runs)) >= 3):
            continue                       # a fraction or a span of years: 441/459, 2019/2020 (not 833/2024, 2023/8451)
        if sum(map(len, runs)) >= 6 and not all(_YEARISH.fullmatch(r) for r in runs):
            _add(found, taken, m.start(), m.end(), "id")
    for m in MIXED_CODE.finditer(text):
        s = m.group()
        runs = [r for r in regex.findall(r"\d+", s) if len(r) >= 2]
        if len(s) >= 6 and sum(ch.isdigit() for ch in s) >= 4 and not all(_YEARISH.fullmatch(r) for r in runs):
            _add(found, taken, m.start(), m.end(), "id")
    for m in PAREN_CODE.finditer(text) if "(" in text else ():
        s = m.group("c")
        runs = regex.findall(r"\d+", s)
        if sum(map(len, runs)) < 5 or all(_YEARISH.fullmatch(r) for r in runs) or \
                regex.fullmatch(r"\d+[.,]\d{1,2}", s) or _MONEY_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            continue
        start, end = m.span("c")
        cue = _PAREN_MRN_CUES.search(text, max(0, start - 80), start)
        if cue and Span(start, end, "id") in found:                # found as a code before: "(RX-4471882)"
            found[found.index(Span(start, end, "id"))] = Span(start, end, "mrn")
        _add(found, taken, start, end, "mrn" if cue else "id")
    if _AGE_NUMBER.search(text) or any(w in low for w in _AGE_WORDS):
        for rx in AGE_PATTERNS:
            for m in rx.finditer(text):
                _add(found, taken, m.start(), m.end(), "age")
        # a genogram-style age right after a relation, no "years": "great-uncle 96", "grandmother ninety-one,",
        # "Nan: 93", "பெரியப்பா நூற்றொன்று" (not "her mother 92 minutes")
        for m in KIN_AGE.finditer(text):
            w = _KIN_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if w and (_fold(w.group("w")) in lex.cues["kin"] or _fold(w.group("w").split("-")[-1]) in lex.cues["kin"] or
                      _OLDEST_IN_HOUSEHOLD.search(text, max(0, w.start() - 30), w.end("w"))):
                _add(found, taken, m.start(), m.end(), "age")
        # an age after a name, before the relation in brackets: "Carer: Zubair Coetzee, 91 (grandmother)", "..., a
        # hundred and two (great-aunt)"
        for m in AGE_BEFORE_ROLE.finditer(text) if "(" in text else ():
            r = _PAREN_ROLE.match(text, m.end())
            if r and (_fold(r.group("r")) in lex.cues["kin"] or _fold(r.group("r").split("-")[-1]) in lex.cues["kin"]):
                _add(found, taken, m.start(), m.end(), "age")
    for m in POSTCODE_SHAPE.finditer(text) if ", " in text or "\n" in text else ():   # "..., Tolworth KT6 6MA"
        if _POSTCODE_PLACE_BEFORE.search(text, max(0, m.start() - 60), m.start()) or \
                text[m.start() - 2:m.start()] == ", " and any(sp.kind == "address" and sp.end == m.start() - 2
                                                              for sp in found):      # "42 Elm Road, KT9 2MO"
            _add(found, taken, m.start(), m.end(), "postcode")
    # (r14 round) a cue before a number found by its shape is no name either: "AHV-Nr. 756.1234.5678.97"
    starts = {sp.start for sp in found if sp.kind in _NUMBER_KINDS}
    for a, b, code in cued:
        if code in starts and b - a >= 4:
            taken[a:b] = True
    # a number's last short group: "6201 4471 8823 1", "318 447 291K" (the rules above stop one group early)
    for i, sp in enumerate(found):
        if sp.kind in _NUMBER_KINDS and sum(ch.isdigit() for ch in text[sp.start:sp.end]) >= 6:
            m = _LAST_GROUP.match(text, sp.end) or _CHECK_CHAR.match(text, sp.end)
            if m and not taken[sp.end:m.end()].any():
                taken[sp.end:m.end()] = True
                found[i] = Span(sp.start, m.end(), sp.kind)
    # (r17 round) a licensing body's letters glued to the number, after the licence's own cue or label, are the
    # number's: "License plate: LPCC.8963858", "Plate # CRPO #59936", "Licence: RCI A57450", "DL # OCSWSSW #4411"
    # (not a space before digits, "LMHC 54497": the number alone, as earlier rounds mark it)
    for i, sp in enumerate(found):
        m = _BODY_BEFORE.search(text, max(0, sp.start - 10), sp.start) if sp.kind == "licence" else None
        if m and m.group().endswith(" ") and not regex.match(r"[A-Z]\d", text[sp.start:sp.start + 2]):
            continue
        if not m or lex.number_cue_kind.get(m.group("p").casefold()) != "licence" or \
                any(o.start < sp.start and o.end > m.start() for o in found):
            continue
        head = text[max(0, m.start() - 30):m.start()].rstrip()
        words = [_fold(w) for w in WORD.findall(head)[-2:]]
        cue_word = words and regex.match(r"[\p{L}\p{M}]", head.rstrip(" .#:-")[-1:] or " ") and (
            lex.number_cue_kind.get(words[-1]) == "licence" or lex.number_cue_kind.get(" ".join(words)) == "licence")
        if head.endswith((":", "#", "-")) or cue_word:
            taken[m.start():sp.start] = True
            found[i] = Span(m.start(), sp.end, sp.kind)


# a role in brackets after a name: "Saravanan (client)", "Dana (her sister)", "ஜெயகாந்தன் (அண்ணன்)"
_PAREN_ROLE = regex.compile(r" ?\((?:(?:her|his|their|my|the|client's|su|sus|அவரது|அவருடைய)\s+)?"
                            r"(?P<r>[\p{L}\p{M}][\p{L}\p{M}'’-]*(?:\s[\p{L}\p{M}][\p{L}\p{M}-]*)?)\)")


# (r24 round) a Malaysian high-rise address: the block-floor-unit number, the building ("Pangsapuri" flats,
# "Kondominium", "Residensi", "Apartment", "Menara" tower) and its road: "3-19-10, Pangsapuri Sri Kenanga, Jalan
# Teluk Pulai" (the postcode after it a postcode)
_MY_UNIT_ADDRESS = regex.compile(r"(?<![\w-])(?P<a>[A-Z]?\d{1,3}[A-Z]?-\d{1,3}[A-Z]?-\d{1,4}[A-Z]?,?\s"
                                 r"(?:Pangsapuri|Kondominium|Kondo|Residensi|Apartment|Apartmen|Menara|Blok|Flat|Vista|Desa)\s"
                                 r"(?:\p{Lu}[\p{L}\p{M}'’-]*\s){0,3}\p{Lu}[\p{L}\p{M}'’-]*,\s(?:Jalan|Jln\.?|Lorong|Persiaran"
                                 r"|Lebuh|Lebuhraya)\s(?:\p{Lu}[\p{L}\p{M}'’-]*|\d{1,3}[A-Z]?)(?:\s(?:\p{Lu}[\p{L}\p{M}'’-]*"
                                 r"|\d{1,3}[A-Z]?|\d{1,2}/\d{1,3}[A-Z]?)){0,3})(?:,\s(?P<pc>\d{5})(?!\d))?")


def _malaysian_unit_addresses(text: str, found: list[Span], taken: np.ndarray) -> None:
    """The Malaysian high-rise address line, over what the names and places took inside it."""
    for m in _MY_UNIT_ADDRESS.finditer(text):
        end = m.end()
        inside = [sp for sp in found if sp.start < end and sp.end > m.start()]
        if any(sp.roster is not None or sp.start < m.start() or sp.end > end for sp in inside):
            continue
        for sp in inside:
            found.remove(sp)
        taken[m.start():end] = False
        _add(found, taken, m.start("a"), m.end("a"), "address")
        if m.group("pc"):
            _add(found, taken, m.start("pc"), m.end("pc"), "postcode")
