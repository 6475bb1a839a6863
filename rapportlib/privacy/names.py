"""Person names, and the capitalised phrases that turn out to be places: :func:`_name_spans` reads a text's
tokens, takes what the roster and the name lists know and what stands after a cue ("my son", "Dr."), and keeps out
what a safelist or the sentence explains (a technique, a weekday, a sentence's first word), in stages (a function
each, sharing one :class:`_NameScan` of the text); the functions after them find names by the role, the list or the
verb around them (``_cue_names``, ``_phone_item_names``, ``_unknown_people``, ``_lower_case_names``) and the other
mentions of a name already found (``_names_again``). The places that a form's field or a place's cue names are in
:mod:`.places`."""

from __future__ import annotations

import itertools

from dataclasses import dataclass

import numpy as np
import regex

from .lexicon import _TA_VOWEL_SIGNS, Lexicon, Roster
from .patterns import _MONTH_NUM, _PAREN_ROLE, CA_POSTCODE, UK_POSTCODE, WORD
from .spans import FIELD_SEPARATOR, Span, _add, _fold, _is_tamil, _replace, _strip_possessive

_STOP_CAPS = {"the", "a", "an", "el", "la", "los", "las", "un", "una", "i", "and", "y", "or", "o", "of", "de",
              "in", "en", "on", "at", "to", "for", "with", "by", "as", "but", "if", "so", "we", "he", "she",
              "they", "it", "this", "that", "these", "those", "my", "her", "his", "our", "their", "your", "no",
              "not", "yes", "all", "after", "before", "when", "while", "then", "there", "here", "what", "why",
              "how", "who", "where", "which", "today", "also", "next", "last", "both", "each", "every", "some",
              "many", "most", "one", "two", "three", "first", "second", "third", "is", "was", "are", "were",
              "be", "been", "do", "did", "does", "have", "has", "had", "can", "could", "should", "would", "may",
              "might", "must", "shall", "will", "let", "please", "ok", "okay", "su", "sus", "mi", "mis", "tu", "al",
              "del", "por", "para", "con", "sin", "que", "cuando", "pero", "hoy", "ella", "él", "ellos", "yo",
              "nosotros", "lo", "le", "les", "se", "es", "fue", "está", "esta", "este", "estos", "esa", "ese"}
_PARTICLES = {"de", "del", "la", "las", "los", "van", "der", "den", "von", "da", "dos", "das", "di", "du", "le",
              "bin", "ibn", "al", "el", "abu", "bint", "y", "st", "mc", "mac", "o'", "ben", "ter", "ten"}


_TA_FUNCTION = ("பற்றி", "மேல்", "உடன்", "இடம்", "க்கு", "ஆக", "என்", "தன்", "அவர", "இன்று", "நேற்று", "நாளை")
_INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
               ("ly", ""), ("ness", ""), ("ful", ""), ("er", ""), ("ers", ""), ("ment", ""), ("ments", ""))
_TA_INFLECTED = ("ாக", "ில்", "ின்", "க்கு", "ும்", "து", "ான", "ிய", "ந்த", "ட்ட", "ாய்", "டைய")
_TA_INFLECTED_NOT_LOC = tuple(e for e in _TA_INFLECTED if e != "ில்")
# endings of Tamil words that are no bare name: case endings, verb endings, joining consonants, emphatic ஏ
_TA_NOT_BARE = _TA_INFLECTED + ("ிடம்", "ைச்", "ால்", "ுடன்", "ோடு", "ில", "ிருந்து", "ார்", "ேன்", "ோம்",
                                "ினார்", "ப்", "த்", "ச்", "க்", "ை", "ே", "ாமல்", "வும்", "ற்கு",
                                "கள்",                  # a plural: "ஆவணங்கள்" (documents)
                                "ற்ற")                  # an adjective: "குற்ற உணர்வு" (guilt), r13 round
# endings of Tamil verbs and of place cases, never of a name after a relation: "கணவர் இறந்தார்" (her husband died),
# "உறவினர் வீட்டிலிருந்து" (from a relative's house), "நேரத்திற்கு" (on time)
_TA_VERB_CASE = ("ந்தார்", "த்தார்", "ட்டார்", "ினார்", "ன்னார்", "ண்டார்", "ற்றார்", "ய்தார்", "கிறார்", "கிறது",
                 "கிறாள்", "கிறான்", "ந்தது", "த்தது", "ட்டது", "ில்லை", "ிலிருந்து", "ிருந்து", "ற்கு", "த்தில்",
                 "ட்டில்", "த்த", "ந்த", "ாக", "வில்லை", "லாம்",
                 # (r21 round) a dative before a verb of going, a verbal noun asking whether: "அக்கா வீட்டுக்குப்
                 # போவதா" (whether to go to her sister's house), "இருப்பதோ"
                 "க்குப்", "க்குச்", "வதா", "வதோ", "ப்பதா", "ப்பதோ")
# (r20 round) a Tamil agent noun, a verb's past participle with "-வர்" (the one who): "அனுப்பியவர்" (the sender),
# "செய்தவர்" (the one who did), "வந்தவர்" (the one who came), "பார்த்தவர்" (the one who saw)
_ES_INFINITIVE = regex.compile(r"\p{Ll}{2,}(?:ar|er|ir)(?:se|le|la|lo|les|las|los|me|te|nos)?")
_TA_AGENT_NOUN = ("ியவர்", "ந்தவர்", "த்தவர்", "ட்டவர்", "ண்டவர்", "ற்றவர்", "ய்தவர்", "ன்னவர்")
# words after a sentence's subject (today, yesterday, again, now, straight, alone, late) and words before one (after,
# with, then)
_TA_SUBJECT_ADVERBS = frozenset({"இன்று", "நேற்று", "மீண்டும்", "இப்போது", "இப்பொழுது", "நேராக", "இன்னும்",
                                 "தனியாக", "தாமதமாக", "முதல்முறையாக", "கடைசியில்", "திடீரென்று", "அடிக்கடி"})
# a past verb with the honorific ending (came, said, told, signed): its subject is often a person
_TA_HON_PAST = ("ந்தார்", "த்தார்", "ட்டார்", "ினார்", "ன்னார்", "ண்டார்")
_TA_AFTER_WORDS = frozenset({"பிறகு", "உடன்", "பின்", "பின்னர்", "பின்பு", "அப்போது", "பிறகுதான்"})
# words after a Tamil word that make it a place or a day, not a name: பகுதி (area), தினம் (day), எண் (number)
_TA_AREA = ("பகுதி", "நகரில்", "நகருக்கு", "நகரத்தில்", "நகரத்துக்கு", "நகரத்திலிருந்து", "நகரம்", "மாவட்டத்தில்",
            "மாவட்டம்", "கிராமத்தில்", "கிராமத்துக்கு", "கிராமத்திலிருந்து", "கிராமம்",
            # ஊர் (home town): "Croydon ஊரில்" (in the town of Croydon), "ஊருக்கு", "ஊரிலிருந்து", "ஊரைச்"
            "ஊரில", "ஊருக்கு", "ஊரை", "ஊர்")
# Tamil words after a Latin-script town: near it ("Courtice அருகே")
_TA_NEAR = frozenset({"அருகே", "அருகில்", "அருகிலுள்ள", "அருகில்தான்"})
# a Tamil town by the ending of its name (r13 round): -பேட்டை, -கோட்டை, -பட்டி, -சேரி, -பாளையம், -புரம், -பாக்கம்,
# -குளம், -பட்டினம், -குப்பம், -கோடு, -நல்லூர், with a case ending ("லாஸ்பேட்டை", "பாலக்கோடு", "ராசிபுரத்தில்")
_TA_TOWN = regex.compile(r"[\p{L}\p{M}]{2,}?(?:(?:பேட்டை|கோட்டை|பட்டி|சேரி|பூண்டி)(?:யில்|யிலிருந்து|க்கு(?:ச்|ப்)?|யை)?"
                         r"|(?:பாளைய|புர|பாக்க|குள|பட்டின|குப்ப|வாக்க)(?:ம்|த்தில்|த்திலிருந்து|த்துக்கு(?:ச்|ப்)?|த்தை)"
                         r"|கோ(?:டு|ட்டில்|ட்டிலிருந்து|ட்டுக்கு(?:ச்|ப்)?)|நல்லூ(?:ர்|ரில்|ரிலிருந்து|ருக்கு(?:ச்|ப்)?))")
_TA_NOT_NAME_AFTER = ("பகுதி", "தினம்", "எண்", "அருகே", "நகர", "மாவட்ட", "சாலை", "தெரு", "வீதி")
# endings of Tamil adverbs, verbs and participles ("நிம்மதியாக", "வந்தார்", "பார்த்தபடி"): no name, even with a cue
_TA_NOT_NOUN = ("ாக", "ாகச்", "ாகப்", "ாகத்", "ாகவே", "ார்", "ான்", "ான", "து", "ும்", "ே", "படி", "போது", "ாமல்",
                "ாத", "த்த", "ள்", "னர்")                 # and plural verbs: "கலந்துகொண்டனர்" (they took part)
_TA_NOT_NOUN_HON = tuple(e for e in _TA_NOT_NOUN if e not in ("ார்", "ான்"))    # "சிவகுமார் அவர்கள்"
# a short number closing a heading after a Tamil word: "அமர்வு 29:", "அமர்வு 5.", "அமர்வு 8 / 12"
_TA_HEADING_NUMBER = regex.compile(r" \d{1,3}(?:\s?/\s?\d{1,3})?\s?[:./](?!\d)")
_TA_DEITIES = frozenset({"அம்மன்", "ஈஸ்வரர்", "பெருமாள்", "விநாயகர்", "சுவாமி", "ஆஞ்சநேயர்", "முருகன்", "சிவன்",
                         "ஆண்டவர்", "மாதா"})
# facility words that name one only after a modifier: "... அறிவியல் நிறுவனம்" (institute of ... science), not
# "காப்பீட்டு நிறுவனம்" (an insurance company)
_TA_WEAK_FACILITIES = ("நிறுவன",)
# endings of Tamil names that a verb has too ("சிவகுமார்" like "வந்தார்"): a name still
_TA_NAME_ENDINGS = ("குமார்",)
# words for a place that name none: at the address, at home, in the room, in the town, village, area, country
_TA_GENERIC_PLACES = ("முகவரி", "வீட்", "வீடு", "அறை", "ஊர", "நகர", "கிராம", "பகுதி", "தெரு", "இடத்", "நாட்",
                      "மாநில", "மாவட்ட", "பக்கத்", "வெளிநாட்", "குடியிருப்", "தனியாக", "அங்", "இங்", "எங்")
# verbs of living, staying and being born, after a town in the locative: "கொளத்தூரில் வசிக்கிறார்" (lives in Kolathur)
_TA_DWELL = ("வசிக்", "வசித்", "வசிப்", "தங்கியிரு", "தங்கி", "பிறந்", "குடியிரு", "குடியேறி", "வாழ்")
# words after a date or a time, not a name before "அவர்கள்": "1992 ஜூன் முதல் அவர்களுடன்" (with them from June 1992)
_TA_POSTPOSITIONS = frozenset({"முதல்", "வரை", "முன்பு", "பின்பு", "பிறகு", "போது", "மட்டும்", "கூட"})
# verbs that make a noun before them one action: "காலி செய்" (to vacate; not the town Galle)
_TA_LIGHT_VERBS = ("செய்", "பண்ண", "ஆக", "ஆன", "ஆகி")
# case endings on a relation ("அம்மாவுடன்", with mother): the relation, not a name after one
_TA_KIN_CASES = frozenset({"வுடன்", "யுடன்", "வின்", "யின்", "வுக்கு", "க்கு", "விடம்", "யிடம்", "வை", "யை", "வும்",
                           "யும்", "ின்", "ுடன்", "ிடம்", "ுக்கு", "ை", "ும்"})
_TA_HONORIFIC = "அவர்கள"            # "செந்தில் அவர்களுடன்": a name ending in a consonant takes a separate honorific
# a romanised given name of two syllables, the second in lower case ("Ye-rin", "Hye-jin"): a person even after a
# place cue ("went to Ye-rin's"), unless the second part is an administrative suffix ("Jeju-do", "Mapo-gu")
_NAME_SHAPED = regex.compile(r"\p{Lu}\p{Ll}{1,4}-(?!(?:do|gu|si|gun|dong|ri|eup|myeon|ku|shi|machi|cho|mura|nagar)\b)"
                             r"\p{Ll}{2,5}(?:['’]s)?")
# followers too common to make an unknown proper word a name ("Medicaid was", "Kaiser is")
_WEAK_FOLLOWERS = frozenset({"was", "is", "has", "had", "will", "would", "and", "'s", "’s", "es", "fue", "y", "se",
                             "está", "does", "did", "seems", "seemed", "gets", "got", "goes", "went"})
# verbs and adverbs after a subject that are not in the followers list (irregular pasts, modals): "Mercy paid"
_VERBISH = frozenset("""paid kept won lost held led let put read sold set shut stood struck swore taught threw
understood woke wore bought built caught chose drank ate fell fought found flew forgot forgave froze grew hung heard hit
hurt laid lay meant ran rode rose saw sang shook shot sank stole stuck swam tore can could may might must shall should
didn't doesn't isn't wasn't hasn't hadn't can't won't wouldn't couldn't who whose just only really already then now
herself himself themselves usually sometimes suddenly seldom rarely hardly ya todavía nunca también siempre""".split())
# what follows a word that only labels a code: "IP 10.1.2.3", "IP as 172...", "A# A-985...", "A$220", "A&E", "A.H."
_BEFORE_CODE = regex.compile(r"[#:$&]?\s*(?:(?:as|is)\s+)?[+(]?\d|#\s*\p{Lu}-?\d|&\p{Lu}|\.\p{Lu}\.")
_CONTACT_WORDS = frozenset({"tel", "tele", "ph", "phone", "mob", "mobile", "cell", "fax", "email", "e-mail", "mail",
                            "whatsapp", "contact", "contacts", "tfno", "telf", "movil", "móvil", "celular", "telefono",
                            "teléfono", "correo", "landline", "home", "work", "office", "pager", "text", "sms",
                            "signal", "telegram", "viber", "skype", "number", "no", "num"})
# before a noun or an adjective, not before a name: articles, possessives, copulas, intensifiers
# function words before a name written in lower case ("today with logan", "teléfono de baltasar", "when irina talked")
_BEFORE_LOWER_NAME = frozenset({"with", "about", "to", "for", "from", "by", "at", "and", "or", "when", "while", "if",
                                "but", "con", "de", "para", "por", "sin", "y", "e", "o", "que", "cuando", "si", "pero",
                                "según", "segun",
                                # (r15 round) a roster name seen or met: "Saw bibi for a follow-up"
                                "saw", "met", "seen"})
_SEEN_BEFORE = frozenset({"saw", "met", "seen"})
_DETERMINERS = frozenset({"the", "an", "this", "that", "such", "el", "la", "los", "las", "un", "una", "unos", "unas",
                          "lo", "del", "al", "este", "esta", "esa", "ese", "aquel", "aquella", "muy", "más", "mas",
                          "tan", "so", "very", "too", "quite", "is", "was", "are", "were", "be", "been", "es", "era",
                          "fue", "fuera", "sea", "ser", "está", "estaba", "estar", "sido",
                          # possessives and adjectives before a noun: "su salvador", "the last ember", "my joy"
                          "su", "sus", "mi", "mis", "tu", "tus", "nuestro", "nuestra", "my", "our", "your", "its",
                          "last", "first", "little", "small", "big", "old", "new", "every", "no", "some", "any"})
# a Tamil locative or dative ending written on to a Latin-script word: "Tooting-இல்" (in Tooting), "Croydon-க்கு"
_TA_PLACE_SUFFIX = regex.compile(r"-(?:இல்|இலிருந்து|இல|க்கு|க்குச்|க்குப்|இற்கு|ல்|லிருந்து|இருந்து)")
# endings of Spanish adjectives and adverbs that no name has ("Diafragmática", "Progresiva", "Rápidamente")
_ES_ADJECTIVE_ENDINGS = ("atica", "atico", "aticas", "aticos", "mente", "ologica", "ologico", "iva", "ivo", "ivas",
                         "ivos", "able", "ible", "ista", "istas")
# Spanish verbs in the first person plural and the preterite plural ("Ensayamos", "Elijamos", "Llegaron")
_ES_VERB_ENDINGS = ("amos", "emos", "imos", "aron", "ieron")
# Spanish words between a subject and its verb, or verbs themselves (r13 round): clitics, negation, adverbs
_ES_BEFORE_VERB = frozenset({"me", "te", "le", "les", "nos", "se", "no", "ya", "nunca", "tambien", "siempre", "todavia",
                             "aun", "apenas", "casi", "ha", "habia", "hizo", "va", "iba", "esta", "estaba"})
# endings of Spanish participles, adverbs and nouns, which are no verb after a subject ("Luz apagada", "Toma diaria")
_ES_NOT_VERB_ENDINGS = ("ado", "ada", "ido", "ida", "ados", "adas", "idos", "idas", "mente", "cion", "dad", "ista",
                        "ismo")
# a Spanish verb's stem changes back to its infinitive's: "duerme" dormir, "empieza" empezar, "juega" jugar, "pide"
# pedir
_ES_STEM_CHANGES = (("ue", "o"), ("ie", "e"), ("ue", "u"), ("i", "e"))
# English adverbs between a subject and its verb: "Mthunzi last drank", "Tendai first noticed"
_ADVERBS_BEFORE_VERB = frozenset({"last", "first", "just", "then", "once", "already", "recently", "suddenly", "only"})
# endings of abstract nouns, symptoms and conditions, never of a name ("Derealisation", "Hypomania", "Catastrophising"
# is no name either, but "-ing" ends names too: "Ling")
_ABSTRACT_ENDINGS = ("ation", "isation", "ization", "ism", "ness", "osis", "itis", "mania", "phobia", "algia", "pathy",
                     "ology", "ectomy", "ment")
# verbs of a person (speaking, paying, driving...): after them even a rare dictionary word opening a sentence is a name
# ("Ngaio described the flat"; not "Hypervigilance continued")
_PERSON_VERBS = frozenset({"said", "says", "told", "tells", "asked", "asks", "described", "describes", "explained",
                           "explains", "texted", "emailed", "phoned", "rang", "cried", "laughed", "smiled", "arrived",
                           "pays", "paid", "drove", "drives", "wrote", "writes", "shared", "shares", "admitted",
                           "denied", "agreed", "insisted", "mentioned", "talked", "spoke", "slept", "sleeps", "lives",
                           "lived", "works", "worked", "moved", "visited", "visits", "called", "calls", "showed",
                           "shows"})
# words after a Spanish verb or noun that opens a sentence, never after a name: "Puntúa su ánimo", "Anota el resultado"
_ES_AFTER_VERB = frozenset({"su", "sus", "el", "los", "las", "un", "una", "unos", "unas", "mi", "mis"})
# words that head an organisation's name, a ministry or a bank, before the rest of it: not a place or a person after
_ORG_HEADS = frozenset({"ministerio", "ministry", "secretaria", "subsecretaria", "consejeria", "superintendencia",
                        "departamento", "department", "banco", "bank", "caja", "cooperativa"})
# words before a wallet, an app or a bank that is paid through
_PAYMENT_WORDS = frozenset({"pago", "pagos", "payment", "payments", "paid", "pay", "via", "vía", "facturación",
                            "facturacion", "billing", "cobro", "abono", "transferencia", "transfer", "wallet",
                            "billetera", "depósito", "deposito", "deposit"})
# what follows a name in a list of names: "Lucila, Benedicta, la ...", "Lucila y Benedicta y ..."
_LIST_GOES_ON = regex.compile(r"[,;.)]|\s+(?:y|and|e)\s")
_QUOTES = frozenset('"“‘\'«')
_QUOTE_CLOSED = regex.compile(r"['’\"”](?![sS]\b)")
# a word in quotes is used as a word: 'called the letters "precious"'
_QUOTED_WORD = regex.compile(r"[\"“‘'][\p{L}\p{M}'’-]+[\"”’']")


# after a capitalised word: a number's label ("Case No. 76-97447", "Hosp # 4471") or an account word ("Comcast
# account 8610...", "People's Bank account ...", "IOB a/c 9563..."): the word names an organisation or a record
# (r14 round: a bank's IBAN, a Tamil account, "Sparkasse IBAN DE12 ...", "Indian Bank கணக்கு 4471...", and a
# system's "no.", "Meditech no. KF4471")
_LABELS_CODE = regex.compile(r"\.?(?:['’]s)?(?:\s+\p{Lu}[\p{L}\p{M}'’]*){0,2}\s+(?i:account|acct|a/c|card|bill|billing"
                             r"|policy|plan|member|case|ref|reference|iban|konto|compte|கணக்கு"
                             # (r19 round) a hospital's or an agency's record words, a dash after them: "Hillcrest
                             # MRN H123...", "Ashgrove file - AG/1234", "Lochside unit no. - 771...", "Prairie chart #"
                             r"|mrn|chart|file|unit|hosp)\.?\s*(?:(?i:no\.?|number|num\.?|n[º°o]\.?|#)|எண்|இலக்கம்)?"
                             r"\s*(?::|[-–](?=\s))?"
                             r"\s*[A-Z]{0,4}[-/]?\d"
                             r"|\.?\s+(?:No|NO|Nº|N°|Nr|Num|Number|No\.|no\.|#)\.?\s*[:#]?\s*[A-Z]{0,4}[-/.]?\d")
# a word between an account or policy word and its number is the bank's or insurer's: "cuenta Davivienda: 1265...",
# "póliza de Sanitas 752896043", "Visa card ending 4471"
_ACCOUNT_BEFORE = frozenset({"cuenta", "account", "acct", "tarjeta", "card", "póliza", "poliza", "policy", "insurer",
                             "aseguradora", "banco", "bank", "seguro", "insurance", "plan", "a/c", "wallet",
                             "billetera",
                             # (r14 round) "cuenta de ahorro Cuscatlán 6211...", "savings account Westpac ..."
                             "ahorro", "ahorros", "corriente", "savings", "checking", "கணக்கு",
                             # (r15 round) a utility's supply contract or meter number: "contrato Iberdrola 4471...",
                             # "NIS de Enel 2231...", "suministro Aguas 5523..."
                             "contrato", "contract", "nis", "suministro", "medidor", "contador", "meter",
                             # (r21 round) an insurer between an insured person's code words and the code: "código
                             # de asegurado SaludPlus: 2100...", "autogenerado SaludPlus 8488..."
                             "asegurado", "asegurada", "autogenerado", "afiliado", "afiliada"})
_CODE_AFTER = regex.compile(r"\s*[:#]?\s*(?:(?i:no|n[º°o]|number|núm|num)\.?\s*[:#]?\s*)?[A-Z]{0,4}[-/]?\d")
# brand words with a capital inside, not names: "GPay", "GTBank", "PayPal", "PhonePe", "WhatsApp" (but "McDonald",
# "DeShawn", "LaToya", "MacKenzie": a capital after two or three letters is a name's)
_BRAND = regex.compile(r"\p{Lu}{2,}\p{Ll}{2,}\p{L}*|\p{Lu}\p{Ll}{3,}\p{Lu}\p{L}*"
                       # (r13 round) two capitals inside, a capital and a hyphen first: "GoFundMe", "M-Pesa", "T-Mobile"
                       r"|\p{Lu}\p{Ll}+\p{Lu}\p{Ll}*\p{Lu}\p{L}*|\p{Lu}-\p{Lu}\p{Ll}+")
# (r21 round) an issuer's name (up to three capitalised words) before a case, registration or membership cue and its
# code: "Harbourside Credit Union share account #5521", "Barnardos case ref: BR-5512...", "Nursing Council reg.:
# NC...", "Family Court Service case #FC24...", "Lakes Health Plan member ID #LHP..."
_ISSUER_CASE_CUE = regex.compile(r"(?:\s+\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*){0,2}\s+"
                                 r"(?:(?i:case)(?:\s+(?i:ref|reference|no|number|id))?"
                                 r"|(?i:reg|registration)|(?i:member|membership)\s+(?i:id|no|number)"
                                 r"|(?i:share|savings|member)\s+(?i:account|acct))"
                                 r"\b\.?\s*(?:[:#]\s*)?[A-Z]{0,4}[-/]?\d")
_ISSUER_CASE_NEEDS = regex.compile(r"(?i:case|reg|member|share|savings)")
_ISSUER_HASH = regex.compile(r"\s#\s?\d{5,}(?![\w-])")
# a Nordic number's cue written as a word with "-nr."/"-nummer": "NAV-nr. 9095...", "P-nummer: 1234..."
_NR_CUE_WORD = regex.compile(r"\p{Lu}[\p{L}]*-(?i:nr|nummer|nummeret|no)")
_NR_CUE_VALUE = regex.compile(r"\.?\s*[:#]?\s*[A-Z]{0,3}\d")
# the head noun of a technique's Title Case name, and the word before it: "the Timeline exercise", "the Behavioural
# Experiment", "Imagery Rehearsal", "Circular Questioning" (a method, not a person)
_TECHNIQUE_HEADS = frozenset({"exercise", "exercises", "technique", "techniques", "experiment", "experiments",
                              "worksheet", "worksheets", "rehearsal", "questioning", "defusion", "restructuring",
                              "protocol", "intervention", "skill", "skills", "drill", "script", "ejercicio",
                              "técnica", "tecnica",
                              # (r13 round) "the Four Horsemen handout", "the Iceberg metaphor"
                              "handout", "handouts", "metaphor", "diagram"})
# an organisation's word or acronym right before a number: "SOCSO/PERKESO 2012...", "Garda PULSE 0666...", "la Nequi
# 363 ...", an id's letter before the id "A A637431187"
_ORG_BEFORE_NUMBER = regex.compile(r"\s*[:#]?\s*(?:\p{Lu}{2,}\s+)?\d|\s+\p{Lu}{1,2}\d{4}")
# kinds of what is often written last on a line or before a new sentence with no full stop
_ENDS_A_LINE = frozenset({"url", "email", "postcode", "id", "mrn", "account", "licence", "phone", "fax", "ssn", "ip"})
_TA_HIS_HER = ("அவருடைய", "அவரது", "அவளுடைய", "அவனுடைய", "அவள்", "அவன்")
_TA_SELF = ("தன்", "தனது", "தன்னுடைய")           # "கோகிலா தன் தம்பி" (Kokila her own brother)


_BEFORE_MONTH = {"in", "since", "until", "till", "by", "during", "before", "after", "from", "through", "early", "late",
                 "mid", "en", "desde", "hasta", "durante", "antes", "después", "last", "next", "this", "that", "every",
                 "each", "the", "for", "past", "of", "around", "a", "el", "de", "del", "este", "cada"}
# (r22 round: an em dash glued to the label, "Portal— ...", and a label's lower-case words before "=" or a dash,
# "Familiar responsable = ...")
_FIELD_AFTER = regex.compile(r"\s?(?:[:#=]|[-–—]\s)|(?:\s\p{Ll}[\p{Ll}\p{M}]*){1,2}\s?(?:=|[-–—]\s)"
                             r"|\s(?:\p{Lu}{2,4}|(?i:no|number|address|ip|id|e-?mail|link|plate|card"
                             r"|phone|fax|request|log|date|ref|at|from)\b)")
# (r22 round) a label's lower-case words before "=" or a dash, or a dash glued to it ("Persona responsable = ...",
# "Portal— ...")
_LOWER_LABEL_AFTER = regex.compile(r"(?:\s\p{Ll}[\p{Ll}\p{M}]*){1,2}\s?(?:=|[-–—]\s)|—\s")
# (r21 round) a label's lower-case "of" words before its value: "..., Zafra, Fecha de nacimiento 8 de ...", "Date of
# birth 3/4/51"
_LABEL_OF_AFTER = regex.compile(r"(?:\s(?:de|del|of)\s\p{Ll}[\p{Ll}\p{M}]+){1,2}\s?[:#-]?\s*[\d(+]")
_LABEL_LINKS = frozenset({"of", "on", "in", "the", "for", "de", "del", "la", "el", "no", "nº", "number", "num", "y",
                          "and", "to", "from", "by", "per", "n"})     # (r17 round) the small words of a field's label
_LABEL_PREPOSITION = regex.compile(r"\s(?:at|from|to|by)(?=\s(?:[:-]\s)?\p{Lu})")
_LOWER_RUN_TO_COLON = regex.compile(r"(?:\s\p{Ll}[\p{Ll}\p{M}]*){1,3}(?=:|\s?=\s|— |\s[-–—]\s)")
_VALUE_SHAPE = regex.compile(r"[+(]{0,2}\d")
# (r18 round) a brand before a wallet or an account word is that field's label: "Orange Money wallet 0581...",
# "Zenith acct: ..." (the number is an account, the brand no name)
_WALLET_WORDS = frozenset({"wallet", "acct", "account", "money", "a/c"})
# (r19 round) the last word of a role's label written before the name with no colon ("Key worker Ilse Marr", "Médico de
# cabecera Ana Ruiz", "Deriva Tomás Gil" (referred by), "தொடர்புக்கு ச. குமார்" (for contact))
# (r21 round) a label's last word before its value with no colon ("Patient name Tara Quinn", "Home addr Ty Gwyn",
# "NOK Rhys Ward"; and a (r17) person's field after "NOK"), and a town's field word ("..., Town Bantry, ...")
_LABEL_BEFORE_VALUE = frozenset({"name", "names", "addr", "address", "nombre", "nombres", "domicilio", "dirección",
                                 "direccion", "nok"})          # "..., NOK Rhys Ward (01632) ..."
_PLACE_FIELD_WORDS = frozenset({"town", "city", "village", "pueblo", "localidad"})
_ROLE_LABEL_ENDS = frozenset({"worker", "cabecera", "deriva", "remite", "தொடர்புக்கு",
                              "usuaria", "usuario", "paciente"})     # (r21 round) "..., Usuaria Ana Gil, ..."
_ROLE_GAPS = frozenset({": ", " # ", "# ", " - ", " – ", " : "})
# (r17 round) fields of a form that a person's name fills (folded; one to three words)
_PERSON_FIELDS = frozenset({"usuaria", "usuario", "paciente", "nombre", "cliente", "client", "patient", "name",
                            "pt name", "patient name", "client name", "service user", "familiar de referencia",
                            "contacto de emergencia", "emergency contact", "next of kin", "nok", "tutor", "tutora",
                            "nombre completo", "full name", "paciente nombre", "beneficiaria", "beneficiario"})
_SENT_END = set('.!?:;\n•"“(-–—*')
_FIELD_SEPARATORS = set("·|")                # (r17 round) fields of an admin line: "Tel 555 0134 · Home address ..."
_ABBREV = {"dr", "mr", "mrs", "ms", "mx", "st", "sr", "sra", "prof", "no", "dra", "mt", "ft", "jr", "srta", "lic"}


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    word: str          # without possessive
    key: str           # folded
    cap: bool          # starts with an upper-case letter
    caps: bool         # all upper case (acronym)
    sent_start: bool
    tamil: bool


def _tokens(text: str) -> list[_Tok]:
    toks = []
    prev_end = 0
    for m in WORD.finditer(text):
        raw = m.group()
        word = _strip_possessive(raw)
        between = text[prev_end:m.start()].rstrip()
        # an abbreviation's dot ends no sentence ("Dr. Rao"), unless a number came between ("license no. 816820. La")
        # or the "abbreviation" ended an address ("...@centro.com.mx. Plan")
        abbrev = between == "." and toks[-1].key in _ABBREV and \
            text[toks[-1].start - 1:toks[-1].start] not in (".", "@")
        # a closing quote after a sentence's end ("no. 7645.' Hard to ...", ": 'The respondent") and a line break
        # start a sentence too
        # (r17 round) so does a form's field separator: "... · Home address", "... | Born", "...  /  Date of birth"
        sent = not toks or (between.rstrip("'’‘").rstrip()[-1:] in _SENT_END and not abbrev) or "\n" in between or \
            between[-1:] in _FIELD_SEPARATORS or between[-2:] in (" /", "\t/")
        first = word[:1]
        toks.append(_Tok(m.start(), m.start() + len(word), word, _fold(word), first.isupper(),
                         word.isupper() and len(word) > 1, sent, _is_tamil(word)))
        prev_end = m.end()
    return toks


@dataclass(slots=True, eq=False)
class _NameScan:
    """One text as the stages of :func:`_name_spans` read it: what the stages were given (the text, the lexicon,
    the roster, the language, the spans found so far and their ``taken`` mask), the text's tokens and what was read
    from them once, and what each stage decides for the stages after it. The questions more than one stage asks
    of a token (an ordinary word? free? after a cue?) are its methods."""
    text: str
    lex: Lexicon
    roster: Roster | None
    lang: str
    found: list[Span]
    taken: np.ndarray
    toks: list[_Tok]
    n: int
    cues: dict
    ordinary_es: bool
    seen: memoryview                       # (a view of ``taken``: far faster to test a word's few chars)
    field_words: frozenset
    generic: frozenset
    # what the patterns found before the names (read before any name or place is added)
    value_starts: set[int]
    value_ends: set[int]
    pc_ends: set[int]
    pc_starts: set[int]
    contact_starts: set[int]
    # the one and two words before each token (a cue is looked up in them first: throughput)
    prev_1: list[str]
    prev_2: list[str]
    first_ta: int                          # the first Tamil token, or -1
    ta_kin: tuple[str, ...]
    r21_issuer_cues: bool
    r21_hash: bool
    # decided by the stages: safelisted phrases and form labels (their tokens are marked safe), what the learned
    # layer must not mark either, the roster's names and the roster word-names used as the word, the words a cue
    # calls a name, and each token's label
    safe: np.ndarray
    # (r17 round) a safelisted facility phrase after a proper word is that facility's end: "Hollins Community College"
    fac_safe: np.ndarray
    keep_out: list[tuple[int, int]]
    label_end: dict[int, int]              # a form label's end, by its first token
    role_of: dict[int, int]
    as_word: set[int]                      # roster word-names used as the word
    cued: set[int]                         # words a cue (a title, a relation, a role) calls a name
    label: list[str | None]                # "name" | "place" | None

    @classmethod
    def read(cls, text: str, lex: Lexicon, roster: Roster | None, lang: str, found: list[Span],
             taken: np.ndarray) -> _NameScan:
        toks = _tokens(text)
        n = len(toks)
        cues = lex.cues
        first_ta = next((i for i, t in enumerate(toks) if t.tamil), -1)
        return cls(
            text=text, lex=lex, roster=roster, lang=lang, found=found, taken=taken, toks=toks, n=n, cues=cues,
            ordinary_es=lang == "es", seen=memoryview(taken), field_words=cues["field_labels"],
            generic=lex.patterns["generic_facility_words"],
            value_starts={sp.start for sp in found}, value_ends={sp.end for sp in found},
            pc_ends={sp.end for sp in found if sp.kind == "postcode"},
            pc_starts={sp.start for sp in found if sp.kind == "postcode"},
            contact_starts={sp.start for sp in found if sp.kind in ("phone", "email", "fax")},
            prev_1=[""] + [t.key for t in toks[:-1]],
            prev_2=["", ""] + [f"{a.key} {b.key}" for a, b in zip(toks, toks[1:-1])],
            first_ta=first_ta,
            ta_kin=tuple(k for k in cues["kin"] if _is_tamil(k) and " " not in k) if first_ta >= 0 else (),
            r21_issuer_cues=_ISSUER_CASE_NEEDS.search(text) is not None, r21_hash=" #" in text,
            safe=np.zeros(n, bool), fac_safe=np.zeros(n, bool), keep_out=[], label_end={}, role_of={},
            as_word=set(), cued=set(), label=[None] * n)

    def roster_has(self, t: _Tok) -> bool:
        roster = self.roster
        return roster is not None and len(roster) > 0 and roster.match(t.word) is not None

    def ordinary(self, t: _Tok) -> bool:
        lex, ordinary_es = self.lex, self.ordinary_es
        k = t.key
        if k in lex.en_words or (ordinary_es and k in lex.es_words) or k in _STOP_CAPS:
            return True
        if "-" in k and len(k) > 4:                     # "Work-life", "Out-of-hours", "Self-Soothe", "Norm-referenced"
            parts = k.split("-")                       # not "Sung-ho", "Eun-ji" (a syllable is no word), "El-Amin"
            return parts[0] not in _PARTICLES and all(p in _STOP_CAPS or len(p) >= 3 and p in lex.freq_words and (
                p in lex.en_words or (ordinary_es and p in lex.es_words) or _inflected(p, lex.en_words))
                for p in parts)
        # (a frequent four-letter word with an ending too: "Fees", "Toes")
        return (len(k) > 4 or k in lex.en_common and k not in lex.first_names) and _inflected(k, lex.en_words)

    def free(self, t: _Tok) -> bool:
        return 1 not in self.seen[t.start:t.end].tobytes()

    def prev_is(self, i: int, section: str) -> bool:
        """Token i is preceded by a cue word of ``section`` (possibly two words)."""
        cues = self.cues
        if self.prev_1[i] not in cues[section] and self.prev_2[i] not in cues[section]:
            return False
        text, taken, toks = self.text, self.taken, self.toks
        if i == 0 or taken[toks[i - 1].start]:
            return False                                   # no cue inside an address: "...@centro.com.mx. Plan"
        between = text[toks[i - 1].end:toks[i].start]
        if len(between) > 3 or between.strip(" ,.") or ("." in between and toks[i - 1].key not in _ABBREV):
            return False
        k1 = toks[i - 1].key
        k2 = f"{toks[i - 2].key} {k1}" if i >= 2 else ""
        return k1 in cues[section] or k2 in cues[section]

    def place_cue(self, i: int) -> bool:
        text, toks, cues = self.text, self.toks, self.cues
        return i > 0 and toks[i - 1].key in cues["place_cues"] and toks[i].start - toks[i - 1].end <= 2 and \
            not any(ch in ".!?;:" for ch in text[toks[i - 1].end:toks[i].start])      # not "proud of. She"

    def place_cue_the(self, i: int) -> bool:
        """A place cue before token i, or before an article before it ("at the Covenant House")."""
        toks = self.toks
        place_cue = self.place_cue
        return place_cue(i) or (i > 1 and toks[i - 1].key in ("the", "el", "la", "los", "las")
                                and toks[i].start - toks[i - 1].end == 1 and place_cue(i - 1))

    def ta_bare(self, i: int, loose: bool = False) -> bool:
        """Tamil token i could be a bare name: no common word, case ending, cue word, number or month (``loose``:
        a name may end in ை, as தெய்வானை, அஞ்சலை do, when it is no object's ending: "பணத்தை", "வீட்டை", "கதையை")."""
        lex, toks, cues = self.lex, self.toks, self.cues
        w = toks[i].word
        ending = w.endswith(_TA_NOT_BARE) and not (loose and w.endswith(("னை", "லை", "ரை", "ளை", "ழை", "ம்மை")) and
                                                   not w.endswith(("ன்னை", "ல்லை", "ற்றை", "த்தை"))) and \
            not w.endswith(_TA_NAME_ENDINGS)
        return len(w) >= 3 and w not in lex.ta_common and not w.startswith(_TA_FUNCTION) and \
            not ending and toks[i].key not in cues["kin"] and w not in cues["titles"] and \
            _fold(w) not in lex.safe_words and not w.startswith(lex.patterns["ta_calendar"]) and \
            not _tamil_match(w, lex.tamil_places, 2) and w not in lex.patterns["ta_numbers"]

    def verb_like(self, k: int) -> bool:
        lang, toks, cues = self.lang, self.toks, self.cues
        es_verb = self.es_verb
        w = toks[k].key
        return w in cues["followers"] or w in _VERBISH or (len(w) > 3 and w.endswith(("ed", "s"))) or \
            toks[k].word.endswith("ó") or lang == "es" and es_verb(k)      # "Blanca empezó", "Amable duerme"

    def es_verb(self, k: int) -> bool:
        """Token k is a Spanish verb after its subject (r13 round): a clitic, a negation or an adverb before one ("me
        mostró", "no ha vuelto", "ya sabe"), a past ("enseñó"), or a present or an imperfect whose infinitive is a
        word ("describe", "ahorra", "trae", "duerme" dormir, "empieza" empezar, "trabajaba", "dormía")."""
        lex, toks, cues = self.lex, self.toks, self.cues
        tk = toks[k]
        w = tk.key
        if tk.cap or tk.tamil:
            return False
        if w in _ES_BEFORE_VERB or w in cues["followers"] or tk.word.endswith("ó"):
            return True
        if len(w) < 4 or w.endswith(_ES_NOT_VERB_ENDINGS):
            return False
        for end, infinitives in (("aba", ("ar",)), ("ia", ("er", "ir")), ("a", ("ar",)), ("e", ("er", "ir"))):
            if w.endswith(end):
                stem = w[:-len(end)]
                stems = {stem} | {stem[:x] + new + stem[x + len(old):] for old, new in _ES_STEM_CHANGES
                                  for x in [stem.rfind(old)] if x >= 0}
                return any(st + inf in lex.es_words for st in stems for inf in infinitives)
        return False


def _name_spans(text: str, lex: Lexicon, roster: Roster | None, lang: str, found: list[Span],
                taken: np.ndarray) -> list[tuple[int, int]]:
    """Names and places by their words. Returns what the learned layer must not mark either: the safelisted phrases
    and (r17 round) a form's field labels, as (start, end) spans."""
    s = _NameScan.read(text, lex, roster, lang, found, taken)
    _sentence_starts(s)
    _safe_phrases(s)
    _form_labels(s)
    _roster_hits(s)                        # 1.
    _decide_tokens(s)                      # 2.
    if s.first_ta >= 0:
        _tamil_names(s)                    # 2a.
    _tamil_facilities(s)                   # 2b.
    _capitalised_runs(s)                   # 3.
    _emit_names(s)                         # 4.
    _facility_words_after(s)               # 5.
    _kept_from_the_tagger(s)
    _spanish_noun_before_name(s)
    _tamil_form_headings(s)
    _form_headings(s)
    return s.keep_out


def _sentence_starts(s: _NameScan) -> None:
    """Capitalised words that open a line or follow a value with no full stop between: sentence starts too."""
    text, lex, found, toks, n, ordinary_es = s.text, s.lex, s.found, s.toks, s.n, s.ordinary_es
    roster_has = s.roster_has
    # a capital straight after a web or e-mail address or a number, with no full stop between, opens a sentence (r13
    # round): "...@kinfolkcare.org El abogado", "C.P. 62000 El registro", "forms.gle/rt1T Su abuela"
    # (not before another capital: "41700 Dos Hermanas")
    # (r17 round) and so does one after a date written with a number last, a form's field: "Seen: March 2011 They've
    # started", "D.O.B. 12/08/47 Frank conversation about ...", "Fecha: 3 de mayo de 2009 El juicio"
    ends = {sp.end for sp in found
            if sp.kind in _ENDS_A_LINE or sp.kind == "date" and text[sp.end - 1:sp.end].isdigit()}
    # (r17 round: any line's first word that is an everyday word and no given name, "...Polyclinic\nThe
    # anniversary", "...\nService user # ...")
    for x, t in enumerate(toks) if ends or "\n" in text else ():
        if t.cap and not t.sent_start and (x + 1 == n or not toks[x + 1].cap):
            k = t.start
            while k > 0 and text[k - 1] in " )]":
                k -= 1
            t.sent_start = k < t.start and k in ends
        # (r14 round) a common word on the line after one: "...@clinic.org.uk\nThe lift", "...@salud.cr\nEl PHQ-9"
        if t.cap and not t.sent_start and text[t.start - 1:t.start] == "\n" and (t.start - 1 in ends or (
                t.key not in lex.first_names and not roster_has(t))) and (
                t.key in _STOP_CAPS or t.key in lex.en_common or (
                    t.key in lex.en_words or ordinary_es and t.key in lex.es_words) and t.key not in lex.first_names):
            t.sent_start = True


def _safe_phrases(s: _NameScan) -> None:
    """The safelisted phrases' tokens are safe (no name) and kept from the learned layer."""
    text, lex, toks, cues, safe, fac_safe, keep_out = s.text, s.lex, s.toks, s.cues, s.safe, s.fac_safe, s.keep_out
    # safelisted phrases: mark their tokens as safe
    for i, t in enumerate(toks):
        for words in lex.safe_phrases.get(t.key, ()):
            if tuple(x.key for x in toks[i:i + len(words)]) == words:
                safe[i:i + len(words)] = True
                keep_out.append((t.start, toks[i + len(words) - 1].end))
                if words[-1] in cues["facility_suffixes"] and i > 0 and toks[i - 1].cap and not safe[i - 1] and \
                        text[toks[i - 1].end:t.start] == " " and t.cap:
                    fac_safe[i:i + len(words)] = True
                break


# (r28 round) a relation's adjective and up to three joining words and a separator before an age
_KIN_TO_AGE = regex.compile(r"(?:,?\s+\p{Ll}[\p{Ll}\p{M}'’-]*){0,3}\s*[,:=\-–—]?\s*")
_ELDER_WORDS = frozenset({"elder", "eldest", "oldest"})


def _form_labels(s: _NameScan) -> None:
    """A form's field labels are safe (no name) and kept from the learned layer."""
    toks, n, safe, keep_out, label_end = s.toks, s.n, s.safe, s.keep_out, s.label_end
    # (r17 round) a form's field label is no name: a label word, or a capitalised dictionary word no given name,
    # opening a field (a sentence's or a line's start, after a separator, a comma or a value) and running, with up
    # to three more words ("Home address", "Date of birth", "Card on file", "Ward/unit", "Driver's permit", "Last
    # IP", "From the portal log"), to a colon, "#", a dash or a value: "..., Home address 41 Elm Rd", "| Born
    # 2/9/61", "Correo - ...", "மின்னஞ்சல் - ..." (email); not "Frank: ..." or "Rose 07700 ..." (names, no labels)
    for i in range(n):
        if not safe[i] and (toks[i].cap or toks[i].tamil) and _field_label(s, i):
            safe[i] = True
            keep_out.append((toks[i].start, label_end[i]))
            j = i + 1                                   # (r18 round) the label's other words too: "Orange Money wallet"
            while j < n and toks[j].end <= label_end[i]:
                safe[j] = True
                j += 1
    # (r28 round) a relation opening a field before an age found after it, with its adjective and joining words, is a
    # label too: "Bisabuela, con: 107", "Elder at home, aged: 102", "Tío abuelo, tiene: 99"
    ages = [sp.start for sp in s.found if sp.kind == "age"]
    if ages:
        text, kin = s.text, s.cues["kin"]
        for i in range(n):
            t = toks[i]
            if safe[i] or not t.cap or not (t.key in kin or t.key.split("-")[-1] in kin or t.key in _ELDER_WORDS):
                continue
            m = _KIN_TO_AGE.match(text, t.end)
            if m and m.end() in ages and not s.roster_has(t):
                safe[i] = True
                keep_out.append((t.start, m.end()))
                for j in range(i + 1, n):
                    if toks[j].start >= m.end():
                        break
                    safe[j] = True


# (r18 round) a dotted abbreviation opening a field is a label too, whatever the word: "Lic. plate ...", "Nat.
# Ins. - ...", "Dom.: ...", "Tfno. (+34) ...", "Home addr. - ..."; and an upper-case label word is ("POLICE CASE
# NO. - ...")
def _dotted(s: _NameScan, t: _Tok) -> bool:
    text = s.text
    return t.cap and 2 <= len(t.word) <= 5 and text[t.end:t.end + 1] == "." and \
        text[t.end + 1:t.end + 2] in (" ", ":", "\u00a0") and not t.tamil


def _dotted_label(s: _NameScan, i: int) -> bool:
    """A dotted abbreviation that opens a label: a given name only before ':', '-', a lower-case word or
    another abbreviation ("Nat. Ins.", not "... her partner, Divya. Telehealth: ...")."""
    text, lex, toks, n = s.text, s.lex, s.toks, s.n
    roster_has = s.roster_has
    t = toks[i]
    if not _dotted(s, t):
        return False
    if t.key not in lex.first_names and not roster_has(t):
        return True
    return text[t.end + 1:t.end + 2] == ":" or text[t.end + 1:t.end + 3] in (" -", " –") or \
        i + 1 < n and (_dotted(s, toks[i + 1]) or toks[i + 1].word[:1].islower())


def _brand_label(s: _NameScan, i: int) -> bool:
    text, toks, n = s.text, s.toks, s.n
    return i + 1 < n and toks[i + 1].key in _WALLET_WORDS and text[toks[i].end:toks[i + 1].start] == " "


# (r25 round) a field's label up to its colon: one capitalised word opening a field, then a few lower-case words or a
# bracket ("Peer support worker: ...", "Tutora del colegio: ...", "Age of grandparent: ...", "Age (father): ...",
# "Fundraiser: ...", "Orientadora: ...")
_LABEL_TO_COLON = regex.compile(r"(?P<run>(?:\s\p{Ll}[\p{Ll}\p{M}'’-]*){1,3})?(?P<par>\s?\([^()\n]{1,30}\))?"
                                r"(?=\s?:(?!\d))")
# what a subject's words before a colon are, not a label's ("Rose said: ...", "Mark and I: ...", "Frank told me: ...")
_NOT_LABEL_RUN = frozenset({"and", "or", "y", "o", "e", "me", "him", "her", "us", "them", "you", "i", "it", "that",
                            "says", "said", "asks", "asked", "told", "tells", "wrote", "writes", "replied", "added",
                            "adds", "dijo", "contó", "conto", "escribió", "escribio", "preguntó", "pregunto",
                            "respondió", "respondio", "explains", "explained", "notes", "noted", "put", "puts",
                            "re", "w"})


# (r26 round) any form separator before a field, a short run of punctuation between spaces, whatever its marks
# (" + ", " ~ ", " :: ", " -> ", " => ", " // "), not a hyphen or an ampersand alone ("Marks & Spencer")
_ANY_SEPARATOR_BEFORE = regex.compile(rf"(?:^|\s){FIELD_SEPARATOR}[ \t]+$")


def _after_separator(text: str, start: int) -> bool:
    return _ANY_SEPARATOR_BEFORE.search(text, max(0, start - 6), start) is not None


def _label_to_colon(s: _NameScan, i: int) -> bool:
    """(r25 round) A capitalised word opening a field, before its colon, with a few lower-case words or a bracket
    between, is a label whatever the word (a given name too, when lower-case words or a bracket follow it and they
    are no verb, pronoun or conjunction: "Peer support worker:", "Age (father):"; "Rose said:" stays a name)."""
    text, lex, toks = s.text, s.lex, s.toks
    t = toks[i]
    if t.tamil or not t.cap or t.caps:
        return False
    before = text[max(0, t.start - 3):t.start].rstrip(" \t")
    # (a separator with a space before it, "// Peer ...", " / Tutora ..."; not "w/ Jena")
    if not (before[-1:] in (",", ";", "|", "·", "»", "–", "—") or before[-2:] in ("//", " /", "=>") or
            before and not before[-1].isalnum() and _after_separator(text, t.start)):
        return False
    m = _LABEL_TO_COLON.match(text, t.end)
    if not m:
        return False
    run = m.group("run")
    word = t.key in lex.en_words or t.key in lex.es_words or t.key in lex.freq_words or t.key in s.field_words
    if not word and (not run or t.key in lex.first_names or t.key in lex.surnames):
        return False                                # ("Yuvaraj: hey ...", a speaker's name before the words)
    if run:
        words = [w.casefold() for w in run.split()]
        if any(w in _NOT_LABEL_RUN or w in s.cues["followers"] or len(w) > 3 and w.endswith("ed") or
               w.endswith(("ó", "ió")) for w in words):
            return False
    elif not m.group("par") and (t.key in lex.first_names or s.roster_has(t)) and t.key not in s.field_words:
        return False                                # ("Rose: ...", a name before its words)
    if s.roster_has(t):
        return False
    end = m.end("run") if run else t.end
    if end > t.end:
        s.label_end[i] = end
    else:
        s.label_end[i] = t.end
    return True


def _field_label(s: _NameScan, i: int) -> bool:
    text, lex, toks, n, cues, field_words = s.text, s.lex, s.toks, s.n, s.cues, s.field_words
    value_starts, value_ends, label_end = s.value_starts, s.value_ends, s.label_end
    ordinary = s.ordinary
    t = toks[i]
    if _label_to_colon(s, i):
        return True
    if t.tamil:
        if t.key not in field_words:
            return False
    elif not t.cap or t.caps and t.key not in field_words or not (
            t.key in field_words or _dotted_label(s, i) or _brand_label(s, i) or t.key in _PLACE_FIELD_WORDS or
            ordinary(t) and t.key not in lex.first_names and
            t.key not in cues["facility_prefixes"] and t.key not in cues["weak_facility_prefixes"] and
            t.key not in cues["facility_suffixes"]):
        return False                                # (a facility's first word is none: "Clínica del IMSS número 7")
    before = text[max(0, t.start - 3):t.start].rstrip(" \t")
    # (r25 round: and after a heading's arrow or dash, "MDT summary » Born: ...", "Intake sheet => Fundraiser: ...",
    # "Interpreter request – Missed appt: ...")
    opens = t.sent_start or before[-1:] in (",", "#", "/", "\n", ";", "|", "·", "»", "–", "—") or before == "" or \
        before[-2:] == "=>" or before and not before[-1].isalnum() and _after_separator(text, t.start) or \
        len(text[:t.start].rstrip()) in value_ends
    if not opens and t.key not in field_words:
        return False
    k, slashed = i, False
    while k + 1 < n and k - i < 3:
        gap = text[toks[k].end:toks[k + 1].start]
        nk = toks[k + 1]
        if gap == "/" and not nk.cap:
            slashed = True                              # "Ward/unit", "Dir./Address"
        elif not (gap in (" ", "'s ", "’s ", ". ") and (nk.key in _LABEL_LINKS or nk.key in field_words or
                                                        nk.caps and len(nk.key) <= 4 or _dotted(s, nk))) or \
                nk.start in value_starts or gap == ". " and toks[k].key not in _ABBREV and not (
                    _dotted(s, toks[k]) and (nk.word[:1].islower() or _dotted(s, nk))):  # "Lic. plate", "Nat. Ins.",
            break                                                       # not "... Court House. Last IP #"
        k += 1
    rest = k - i
    label_end[i] = toks[k].end
    after = text[toks[k].end:toks[k].end + 4]
    stripped = after.lstrip(" .")
    if opens and (t.key in field_words or rest > 0 and toks[k].key in field_words):
        # (r18 round) a label with its preposition before a facility or source: "Seen at Elm Clinic", "Referred
        # from - ...", "Forwarded to ..."
        m = _LABEL_PREPOSITION.match(text, toks[k].end)
        if m:
            label_end[i] = m.end()
            return True
    if opens and not t.tamil and rest == 0:
        # (r18 round) an everyday word and a few lower-case words up to a colon: "Sustituye esta semana: ..."; (r22
        # round) or up to an equals sign or a dash: "Persona autorizada = ...", "Teléfono fijo— ..."
        m = _LOWER_RUN_TO_COLON.match(text, t.end)
        if m:
            label_end[i] = m.end()
            return True
    if opens and after[:3] in (" | ", " / ") and (t.key in field_words or rest > 0 and toks[k].key in field_words):
        return True                                 # (r22 round) a form's heading before its fields: "Intake |
        #                                             Phone: ...", "Triaje | Correo: ..." (r23 round: or " / ",
        #                                             "Letterhead / Emergency contact: ...")
    if stripped[:1] in (":", "#", "=") or stripped[:2] in ("- ", "– ", "— ") or \
            after[:3] in (" - ", " – ", " — "):
        # (r18 round) one everyday word, no given name, opening a field before its colon or dash is a label
        # too: "Age: ...", "Appt - ...", "Targa ..." ("Frank: ..." stays a name)
        return opens or rest > 0 and toks[k].key in field_words
    nxt = toks[k + 1] if k + 1 < n and text[toks[k].end:toks[k + 1].start] == " " else None
    if opens and (rest > 0 or t.caps) and toks[k].key in _LABEL_BEFORE_VALUE and nxt is not None and nxt.cap:
        return True                                 # (r21 round) a name's or an address's label before its
        #                                             value, no colon: "Patient name Tara Quinn", "Home addr Ty
        #                                             Gwyn, ...", "Client name: ..." (above)
    if opens and rest == 0 and t.key in _PLACE_FIELD_WORDS and nxt is not None and nxt.cap and \
            not ordinary(nxt) and nxt.key not in cues["facility_suffixes"] and not (
                k + 2 < n and toks[k + 2].key in cues["facility_suffixes"]):
        return True                                 # (r21 round) a town's field, no colon: "..., Town Bantry,"
        #                                             (not "Town Hall", "City General Hospital")
    if opens and toks[k].key in _ROLE_LABEL_ENDS and k + 1 < n and (toks[k + 1].cap or toks[k + 1].tamil):
        return True                                 # (r19 round) a role's label before its name, no colon:
        #                                             "Key worker Ilse ...", "Médico de cabecera Ana ..."
    if not opens:
        return False                                # (a label word mid-line only before its own words and
    if slashed:                                     # a colon: "Dalia Ruiz Familiar de referencia: ...")
        return True
    pos = toks[k].end + len(after) - len(after.lstrip(" "))
    near = text[toks[k].end:toks[k].end + 6]
    shaped = _VALUE_SHAPE.match(text, toks[k].end + len(near) - len(near.lstrip(" ."))) is not None
    return (pos in value_starts or shaped) and (
        rest > 0 or t.key in field_words or _dotted(s, t))


def _roster_hits(s: _NameScan) -> None:
    """The roster's names, in any case, misspelt or possessive, unless the word is used as a word."""
    text, lex, roster, lang, toks, safe, role_of = s.text, s.lex, s.roster, s.lang, s.toks, s.safe, s.role_of
    as_word = s.as_word
    ordinary, free = s.ordinary, s.free
    # 1. roster: any case, misspelt, possessive
    if roster is not None and len(roster):
        for i, t in enumerate(toks):
            if not free(t):
                continue
            r = roster.match(t.word)
            if r is None:
                continue
            if safe[i] and t.key not in roster._exact:
                continue                                   # (r21 round) a form's label a misspelling away from a
                #                                            name: "Date seen ..." (Nate), "Case ref" (Cass)
            surface = t.word.casefold()                    # "úna" (Úna) is not the Spanish "una"
            if not t.cap and not t.tamil and (surface in lex.en_common or surface in _STOP_CAPS or
                                              (ordinary(t) and t.key not in roster._exact)):
                continue                                   # "will", "mark" in lower case are words
            if not t.cap and not t.tamil and (_QUOTED_WORD.match(text, t.start - 1) or _QUOTE_CLOSED.match(
                    text, t.end) and regex.search(r"(?:^|\s)['‘\"“][^.!?'’\"”]*$", text[max(0, t.start - 60):t.start])):
                continue                                   # a word in quotes: 'called the letters "precious"',
                #                                            "'un hombre modesto', dijo"
            if not t.cap and not t.tamil and i > 0 and (toks[i - 1].key in _DETERMINERS or toks[i - 1].key == "a" and
                                                         lang != "es") and text[toks[i - 1].end:t.start] == " ":
                continue                                   # after an article or a copula: "el rocío", "fuera clemente",
                #                                            "a gale took the roof"
            if not t.cap and not t.tamil and (t.key in lex.freq_words or lang == "es") and (
                    ordinary(t) or lang == "es" and t.key in lex.freq_words) and not _roster_lower_word_is_name(s, i):
                continue                                   # a word-name written as the word: "will skip meals", "un
                #                                            invierno severo", "pidió clemencia al juez"
            if not t.tamil and ordinary(t) and t.key in lex.freq_words and not _roster_word_is_name(s, i) and (
                    t.cap or not (i > 0 and toks[i - 1].key in _SEEN_BEFORE and text[toks[i - 1].end:t.start] == " ")):
                continue                                   # "an olive branch", "Ginger tea": the word, not Olive
            if t.tamil and _QUOTED_WORD.match(text, t.start - 1):
                continue                                   # a Tamil word-name in quotes, used as the word (r13 round):
                #                                            'கேலி செய்யப்பட்டார்: "அழகன்" என்று'
            if t.tamil and t.word in lex.ta_common and not _ta_roster_word_is_name(s, i):
                as_word.add(i)
                continue                                   # a Tamil word-name as the word: "மெல்லிய இசை" (soft music)
            role_of[i] = r


def _roster_word_is_name(s: _NameScan, i: int) -> bool:
    """A roster name that is also a word ("Olive", "Grace", "luna"), written where it could be either: a name
    when something says so (a verb after it, the rest of the name, a cue before it)."""
    text, roster, toks, n = s.text, s.roster, s.toks, s.n
    ordinary, prev_is, verb_like = s.ordinary, s.prev_is, s.verb_like
    t = toks[i]
    prv = toks[i - 1] if i > 0 and text[toks[i - 1].end:t.start] == " " else None
    nxt = toks[i + 1] if i + 1 < n and text[t.end:toks[i + 1].start] in (" ", ", ") else None
    if t.cap and not t.sent_start:
        return True
    if nxt is None and not t.cap and text[t.end:t.end + 1] in ("'", "’", '"', "”", "»") and \
            text[t.end:t.end + 2] not in ("'s", "’s"):
        return False                                   # a word closing a quotation: "'un hombre modesto', y"
    if text[t.end:t.end + 2] in ("'s", "’s") or nxt is None or prev_is(i, "titles") or prev_is(i, "naming"):
        return True
    if nxt.cap or verb_like(i + 1) or (nxt.key in _PARTICLES and i + 2 < n and toks[i + 2].cap):
        return True                                    # "Olive Chatterjee", "Grace said", "Dulce de la Torre"
    if t.cap:
        return text[t.end:nxt.start] != " "            # "Hope, who ..." but not "Olive oil", "Rich food"
    # lower case: a name beside another name or after a cue ("hope o'neill", "Caleb and rose", "salma has")
    if prv is not None and prv.key in ("and", "y", "e") and i > 1 and (toks[i - 2].cap or roster.match(
            toks[i - 2].word) is not None) and text[toks[i - 2].end:prv.start] == " ":
        return True                                    # "Dawn, Caleb and rose"
    return t.sent_start or prev_is(i, "kin") or (prv is not None and (
        roster.match(prv.word) is not None or prv.cap and not t.sent_start and not ordinary(prv))) or \
        roster.match(nxt.word) is not None


def _roster_lower_word_is_name(s: _NameScan, i: int) -> bool:
    """A roster name that is a common word, written in lower case: a name only when something strong says so (a
    title, a relation or "named" before it, a preposition or a conjunction before it, a possessive, the rest of
    the name, a verb after it); not after a noun, a verb or an article ("tono severo", "will skip meals")."""
    text, lex, roster, lang, toks, n, cues = s.text, s.lex, s.roster, s.lang, s.toks, s.n, s.cues
    prev_is = s.prev_is
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < n and text[t.end:toks[i + 1].start] == " " else None
    prv = toks[i - 1] if i > 0 and text[toks[i - 1].end:t.start] in (" ", ": ", ", ") else None
    if text[t.end:t.end + 2] in ("'s", "’s", " (") or prev_is(i, "titles") or prev_is(i, "naming") or \
            prev_is(i, "kin") or t.sent_start and text[t.start - 1:t.start] not in _QUOTES or prv is not None and (
                prv.key in _BEFORE_LOWER_NAME and not (prv.key == "de" and t.key in lex.es_words) or
                lang == "es" and prv.key == "a" or roster.match(prv.word) is not None):
        return True                                    # "with logan was", "de baltasar:", "When irina talked"
        #                                                (not the word after "de" or a quote, r13 round: "un
        #                                                premio de consolación", 'the "merry little Christmas"')
    return nxt is not None and (nxt.cap or roster.match(nxt.word) is not None or (
        nxt.key in cues["followers"] and nxt.key not in _WEAK_FOLLOWERS) or (
        lang == "es" and nxt.key == "se" and (prv is None or prv.key not in _DETERMINERS)))
    #                                                    "hope o'neill", "rose said", "custodia se rio"


def _ta_roster_word_is_name(s: _NameScan, i: int) -> bool:
    """A Tamil roster name that is a common word ("இசை", music, "கலை", art) is the word after an adjective or a
    noun joined on to it ("மெல்லிய இசை", soft music; "ஓவியக் கலை", the art of painting) unless a role follows."""
    text, toks, n = s.text, s.toks, s.n
    t = toks[i]
    prv = toks[i - 1] if i > 0 and text[toks[i - 1].end:t.start] == " " else None
    nxt = toks[i + 1] if i + 1 < n and text[t.end:toks[i + 1].start] == " " else None
    if nxt is not None and (nxt.word.startswith(_TA_HONORIFIC) or nxt.word == "உடன்" or nxt.word in _TA_SELF):
        return True
    return t.sent_start or prv is None or not prv.tamil or not prv.word.endswith(("ிய", "க்", "ச்", "த்", "ப்"))


def _decide_tokens(s: _NameScan) -> None:
    """Each free token's label, "name", "place" or None, by its lists and its neighbours."""
    text, lex, lang, toks, n, cues, safe, keep_out = s.text, s.lex, s.lang, s.toks, s.n, s.cues, s.safe, s.keep_out
    role_of, as_word, label = s.role_of, s.as_word, s.label
    ordinary, free = s.ordinary, s.free
    # 2. decide per token
    for i, t in enumerate(toks):
        if i in role_of:
            label[i] = "name"
            continue
        if not free(t) or safe[i] or i in as_word:
            continue
        if (t.caps and len(t.key) <= 4 or len(t.key) == 1 or t.key in _CONTACT_WORDS) and \
                _BEFORE_CODE.match(text, t.end) or t.key == "a" and text[t.end:t.end + 2] in ("/c", "/C"):
            continue                                       # "client IP 10.1.2.3", "A# A-985-018-305", "Ph: +1 ...",
            #                                                "SB A/c 7109..." (an account)
        if t.cap and t.key in lex.number_cue_kind and _CODE_AFTER.match(text, t.end):
            continue                                       # a number's own label (r13 round): "Ghana Card GHA-4936..."
        if t.cap and not t.tamil and i not in role_of and _r21_not_a_name(s, i):
            keep_out.append((t.start, t.end))
            continue                                       # (r21 round) an issuer, a label word, a British verb
        if t.cap and not t.tamil and (_labels_code(s, t) or _BRAND.fullmatch(t.word) or _bank_before_code(s, i)):
            continue                                       # "Case No. 76-97447", "Comcast account", "GPay", "PayPal"
        if lang == "es" and t.sent_start and i + 1 < n and not toks[i + 1].cap and i not in role_of and (
                t.word.endswith("ó") or t.key.endswith(_ES_VERB_ENDINGS) and t.key not in lex.first_names
                and t.key not in lex.surnames):
            continue                                       # a verb opens the sentence: "Nació en", "Elijamos juntos"
        if i + 1 < n and (t.tamil or t.cap) and toks[i + 1].word.startswith(_TA_AREA) and \
                text[t.end:toks[i + 1].start] == " " and t.word not in lex.ta_common and len(t.word) >= 3 and \
                not t.word.startswith(_TA_FUNCTION + ("எந்த", "அந்த", "இந்த")) and t.key not in cues["kin"] and \
                not t.word.endswith(_TA_INFLECTED_NOT_LOC) and not (
                    t.word.endswith(("ப்", "க்", "ச்", "த்")) and t.word[-2] == toks[i + 1].word[0]):
            # "எந்தப் பகுதியில்" (which area: the joining consonant doubles the next word's first), but "சூரிச் பகுதியில்"
            # (in the Zurich area); a town's name may end as a locative does: "கொக்குவில் பகுதியில்" (in Kokkuvil)
            label[i] = "place"                             # "Tampines பகுதியில்" (in the Tampines area), "துபாய் நகரில்"
            continue
        if t.cap and not t.tamil and i + 1 < n and toks[i + 1].word in _TA_NEAR and \
                text[t.end:toks[i + 1].start] == " " and not ordinary(t) and t.key not in lex.first_names and \
                t.key not in cues["kin"]:
            label[i] = "place"                             # "Courtice அருகே" (near Courtice, r13 round)
            continue
        if t.tamil:
            label[i] = _tamil_token_label(s, i, t)
        else:
            label[i] = _latin_token_label(s, i, t)


def _tamil_token_label(s: _NameScan, i: int, t: _Tok) -> str | None:
    """A Tamil token's label."""
    text, lex, toks, n, cues, first_ta, ta_kin = s.text, s.lex, s.toks, s.n, s.cues, s.first_ta, s.ta_kin
    prev_is, ta_bare = s.prev_is, s.ta_bare
    if t.start > 1 and text[t.start - 1] == "-" and text[t.start - 2].isascii() and \
            text[t.start - 2].isalnum() or i + 1 < n and \
            toks[i + 1].word.startswith(("நேரம்", "நேரத்", "நேரங்")) and \
            text[t.end:toks[i + 1].start] == " ":
        return None                                # "clinic-இல்" (a case ending); "ஐந்து மணி நேரம்" (hours)
    if (text[t.end:t.end + 1] == ":" or _TA_HEADING_NUMBER.match(text, t.end)) and not (
            i > 0 and (toks[i - 1].key in cues["kin"] or toks[i - 1].key in cues["titles"])):
        return None                                # a heading: "புதிய முகவரி:" (new address:), "அமர்வு 29:"
        #                                            (session 29:)
    if _tamil_match(t.word, lex.tamil_places, 2) and not (
            t.word in lex.ta_common and i + 1 < n and toks[i + 1].word.startswith(_TA_LIGHT_VERBS)) or (
            _TA_TOWN.fullmatch(t.word) and t.word not in lex.ta_common and not _tamil_match(
                t.word, lex.tamil_names, 4)) or (
            # a town where someone lives, stays or was born (r13 round): "கொளத்தூரில் வசிக்கிறார்"
            t.word.endswith("ில்") and len(t.word) >= 6 and t.word not in lex.ta_common and i + 1 < n and
            toks[i + 1].word.startswith(_TA_DWELL) and text[t.end:toks[i + 1].start] == " " and
            not t.word.startswith(lex.patterns["ta_facilities"] + _TA_FUNCTION + _TA_GENERIC_PLACES) and
            not _tamil_match(t.word, lex.tamil_names, 4)):
        return "place"
    elif t.word in lex.tamil_names and t.word not in lex.safe_words or \
            _tamil_match(t.word, lex.tamil_names, 4) and \
            t.word not in lex.ta_common or (i > 0 and toks[i - 1].key in cues["titles"]) or (
            i > 0 and (toks[i - 1].key in cues["kin"] or toks[i - 1].key in cues["naming"] and
                       text[toks[i - 1].end:t.start] == ": " or
                       i > 1 and toks[i - 1].tamil and
                       f"{toks[i - 2].key} {toks[i - 1].key}" in cues["kin"])
            and (toks[i - 1].tamil and text[toks[i - 1].end:t.start] in (" ", ": ") or prev_is(i, "kin"))
            and t.word not in lex.ta_common and not any(t.word.startswith(c) for c in _TA_FUNCTION)
            and t.word not in cues["kin"] and t.word not in lex.safe_words    # (r19: "அண்ணன் வீட்டை")
            and not t.word.endswith(_TA_VERB_CASE)                                # "கணவர் இறந்தார்" (husband
            and not any(t.word.startswith(k) and t.word[len(k):] in _TA_KIN_CASES for k in ta_kin)
            and (toks[i - 1].tamil or not t.word.endswith(                        # died), "உறவினர்
                (*_TA_NOT_NOUN, "ிய")))):                      # வீட்டிலிருந்து"; "GP அனுப்பிய referral" (GP sent)
        return "name"
    elif ta_bare(i, loose=True) and (
            # a contact's number after it: "அவசர தொடர்பு: வெண்ணிலா ராசையா (077-7512949)"
            _contact_after(s, t) or
            # a sentence's subject, before "about" or an adverb of time or manner: "திலகவதி பற்றிப் பேச்சு
            # வந்தவுடன்", "புவனா நேராக இங்கே வந்தார்", "அஞ்சலை, வயது 48"
            i + 1 < n and text[t.end:toks[i + 1].start] == " " and (
                toks[i + 1].word.startswith("பற்றி") and t.sent_start or
                (toks[i + 1].word in _TA_SUBJECT_ADVERBS or toks[i + 1].word.endswith(_TA_HON_PAST)) and (
                    t.sent_start or i > 0 and toks[i - 1].word in _TA_AFTER_WORDS)) or
            text[t.end:t.end + 2] == ", " and i + 1 < n and toks[i + 1].word == "வயது" and t.sent_start or
            # a caller naming themself (r13 round): "நான் அங்கயற்கண்ணி, ..." (I am ..., ...), "நான் X பேசுகிறேன்"
            i > 0 and toks[i - 1].word == "நான்" and text[toks[i - 1].end:t.start] == " " and (
                text[t.end:t.end + 1] in (",", ".") or i + 1 < n and toks[i + 1].word.startswith("பேசு"))):
        return "name"
    elif (
            # an honorific or "தன்" (their own) after it: "பிரகாஷ் அவர்களை", "கோகிலா தன் தம்பி"
            i + 1 < n and text[t.end:toks[i + 1].start] == " " and (
                toks[i + 1].word.startswith(_TA_HONORIFIC) or toks[i + 1].word in _TA_SELF)
            and len(t.word) >= 3 and not t.word.startswith(_TA_FUNCTION) and t.word not in cues["kin"]
            and t.word not in cues["titles"] and not t.word.endswith(_TA_NOT_NOUN_HON)
            and not _tamil_match(t.word, lex.tamil_places, 2) and t.word not in _TA_POSTPOSITIONS) or (
            # the first word of a note, its subject: "சரவணன் இந்த வாரம்...", "Session 17: சரவணன் ..."
            i == first_ta and t.sent_start and ta_bare(i) and not (i + 1 < n and (toks[i + 1].word.startswith(
                _TA_NOT_NAME_AFTER + lex.patterns["ta_facilities"])
                or toks[i + 1].word in lex.patterns["ta_facility_modifiers"]))):
        return "name"
    elif _ta_named(s, i):
        return "name"
    return None


def _latin_token_label(s: _NameScan, i: int, t: _Tok) -> str | None:
    """A token's label, in any script but Tamil's."""
    text, lex, lang, found, toks, n, cues, role_of = s.text, s.lex, s.lang, s.found, s.toks, s.n, s.cues, s.role_of
    cued = s.cued
    ordinary, prev_is, place_cue = s.ordinary, s.prev_is, s.place_cue
    if t.key == "no" and regex.match(r"\.?\s*[#:]?\s*\d", text, pos=t.end):
        return None                                    # "MR No. 2023-448812": a number's word, not Mr No
    if t.key in cues["kin"] and any(sp.kind == "age" and 0 < sp.start - t.end <= 3 for sp in found):
        return None                                    # a relation in a genogram: "Gran 95", "Nan (93)"
    cue_name = prev_is(i, "titles") or prev_is(i, "kin") or prev_is(i, "naming") or (
        t.cap and (_paren_role(s, t) or _colon_role(s, i) and (not ordinary(t) or t.key in lex.first_names) and
                   not t.caps or not t.caps and _person_field(s, i)))
    #                                            "Ha-eun (client)", "Supervisor: Okoro", "Supervisora: Rut"
    if cue_name:
        cued.add(i)
    if not cue_name and t.cap and not t.sent_start and i > 0 and toks[i - 1].key in ("a", "an") and \
            (lang == "en" or toks[i - 1].key == "an") and text[toks[i - 1].end:t.start] == " " and \
            (ordinary(t) or t.key in lex.en_common) and t.key not in lex.first_names:
        return None                                    # after "a": a thing, not a person ("Leaves on a Stream")
    if t.cap and not cue_name and not t.tamil and (
            t.key in _TECHNIQUE_HEADS and i > 0 and toks[i - 1].cap and not toks[i - 1].sent_start or
            _technique_head_after(s, i)):
        return None                                    # a technique's name: "the Timeline exercise"
    if t.cap and not cue_name and not t.caps and t.key not in lex.first_names and t.key not in lex.surnames and \
            t.key not in lex.places and "-" not in t.key and not place_cue(i) and any(
                t.key[:k] in lex.en_common and t.key[k:] in lex.en_common for k in range(4, len(t.key) - 3)):
        return None                                    # two everyday words written as one: "Chairwork", "Voicemail"
    if t.cap and not cue_name and _ORG_BEFORE_NUMBER.match(text, t.end) and (
            t.caps or len(t.key) == 1 or text[t.start - 1:t.start] == "/" or i > 0 and (
                toks[i - 1].key in ("la", "el", "the") and text[toks[i - 1].end:t.start] == " ")
            or i + 1 < n and toks[i + 1].caps and toks[i + 1].word.isalpha()
            and text[t.end:toks[i + 1].start] == " "):
        return None                                    # an organisation or a label before a number: "PERKESO
        #                                                2012...", "Garda PULSE 0666...", "la Nequi 363 ..."
    if lang == "es" and t.cap and not cue_name and t.key.endswith(_ES_ADJECTIVE_ENDINGS) and \
            t.key not in lex.first_names and t.key not in lex.surnames:
        return None                                    # "Respiración Diafragmática" (a technique's adjective)
    nxt1 = toks[i + 1] if i + 1 < n and text[t.end:toks[i + 1].start] == " " else None
    if lang == "es" and t.cap and t.sent_start and not cue_name and i not in role_of and nxt1 is not None and \
            t.key not in lex.first_names and (nxt1.key in _ES_AFTER_VERB and t.key not in lex.surnames or
                                              t.key in lex.surnames and
                                              t.key in lex.freq_words and nxt1.key in ("de", "del", "para") and
                                              not _cap_after(s, i)):
        return None                                    # a verb or a noun opens the sentence (r13 round): "Puntúa su
        #                                                ánimo", "Escalera de exposición" (a surname too)
    if lang == "es" and t.cap and t.sent_start and not cue_name and i not in role_of and t.word.endswith("é") and \
            len(t.key) >= 4 and (t.word.endswith("ré") and t.key != "andre" or t.key not in lex.first_names and
                                 t.key not in lex.surnames) and nxt1 is not None and not nxt1.cap:
        return None                                    # (r22 round) a verb in the first person opens the sentence:
        #                                                "Llamaré a su hermana", "Pensé que ..." (a future's "-ré"
        #                                                whatever the lists say: "Veré", not "André")
    if lang == "es" and t.cap and not cue_name and i not in role_of and t.key.endswith(("ar", "er", "ir")) and \
            nxt1 is not None and nxt1.key in ("el", "la", "los", "las", "lo") and i + 2 < n and toks[i + 2].cap:
        return None                                    # a technique named with a verb: "Surfear el Impulso"
    if t.cap and not cue_name and i not in role_of and (
            t.key in _ORG_HEADS and nxt1 is not None and (nxt1.key in ("de", "del", "of") or nxt1.cap) or
            i > 0 and toks[i - 1].key in _ORG_HEADS and toks[i - 1].cap and text[toks[i - 1].end:t.start] == " " or
            i > 1 and toks[i - 1].key in ("de", "del", "of") and toks[i - 2].key in _ORG_HEADS and
            toks[i - 2].cap):
        return None                                    # a ministry's or a bank's name, no place (r13 round):
        #                                                "Ministerio de Salud", "Banco de Venezuela"
    if t.cap and not cue_name and i not in role_of and i > 0 and toks[i - 1].key in _PAYMENT_WORDS and \
            _ORG_BEFORE_NUMBER.match(text, t.end) and text[toks[i - 1].end:t.start] in (" ", ": "):
        return None                                    # a wallet or a bank paid through (r13 round): "Pago: Yape
        #                                                947959766", "paid via Venmo 555..."
    if not t.cap:
        # lower-case words are names only right after "named"/"called" and when not words
        if prev_is(i, "naming") and not ordinary(t) and len(t.key) >= 3:
            return "name"
        return None
    if t.key in lex.safe_words and (not cue_name or t.key in _DEITIES) and not (
            t.key in lex.first_names and t.word != _fold(t.word).title() and lang == "es" and t.word.istitle()):
        return None                                    # but Spanish "Jesús" (an accent) is a name
    if t.caps and len(t.key) <= 5 and (not cue_name or t.key in lex.safe_words):
        return None                                    # acronyms: CBT, PTSD, SRS; a label even after a cue: "ID"
    if t.key in _MONTH_NUM and (i > 0 and toks[i - 1].key in _BEFORE_MONTH or (
            len(t.key) > 4 and t.key not in lex.first_names and not cue_name)):
        return None                                    # "in August", "since June", "how hard December is"
    if not cue_name and _next_to_postcode(s, t) and len(t.key) >= 3 and t.key not in lex.patterns["code_stopwords"] \
            and (t.key in lex.places or not ordinary(t)) and i not in role_of and not (
                (t.key in lex.es_common or t.key in lex.en_common) and nxt1 is not None and not nxt1.cap and
                not _cap_after(s, i)):                     # (not "C.P. 41987 Carta del juzgado")
        return "place"
    is_first = t.key in lex.first_names
    is_sur = t.key in lex.surnames
    is_place = t.key in lex.places
    suffix = _TA_PLACE_SUFFIX.match(text, t.end) if is_place else None
    if suffix and t.key not in lex.safe_words and t.key not in lex.en_common and (
            not cue_name or suffix.group().startswith(("-இல", "-ல"))):   # "மகன் Tooting-இல்" (son in Tooting)
        return "place"                                 # a town with a Tamil case ending: "Croydon-க்கு" (to Croydon)
    is_ord = ordinary(t)
    is_proper = t.key in lex.proper_words
    if cue_name and t.key not in _STOP_CAPS:
        return "name"
    if is_place and (place_cue(i) or _followed_by_region(toks, i, lex, text)) and not prev_is(i, "kin"):
        return "place"
    if not t.sent_start:
        return _label_inside_sentence(s, i, t, is_first, is_sur, is_place, is_ord, is_proper)
    return _label_opening_sentence(s, i, t, is_first, is_sur, is_place, is_ord, is_proper)


def _label_inside_sentence(s: _NameScan, i: int, t: _Tok, is_first: bool, is_sur: bool, is_place: bool, is_ord: bool,
                           is_proper: bool) -> str | None:
    """A capitalised word's label inside a sentence."""
    text, lex, toks, label = s.text, s.lex, s.toks, s.label
    place_cue = s.place_cue
    if is_first or (is_sur and not is_ord):
        return "name"
    elif is_place and not is_ord:
        return "place"
    elif is_sur and not is_proper:
        return "name"
    elif not is_ord and not is_proper and len(t.key) >= 2:
        return "place" if place_cue(i) and not _NAME_SHAPED.fullmatch(t.word) else "name"
    elif "-" in t.key and place_cue(i) and \
            toks[i - 1].key in ("in", "from", "to", "near", "at", "en", "desde") and \
            all(p[:1].isupper() for p in t.word.split("-")) and t.key not in lex.en_words:
        return "place"                             # "lives with him in Cedar-Riverside"
    elif is_ord and t.key in lex.en_words and t.key not in lex.freq_words and not is_proper and \
            len(t.key) >= 3 and t.key not in lex.safe_words and not t.caps and "-" not in t.key and \
            not regex.match(r"\s+\d", text[t.end:t.end + 3]) and not _compound(t.key, lex):
        # capitalised inside a sentence and no word in everyday use: a rare dictionary word that is a name
        # ("said Kele from work", "Hao's")
        return "place" if is_place and place_cue(i) else "name"
    elif is_ord and t.key not in lex.freq_words and len(t.key) >= 4 and t.key not in lex.safe_words and \
            not t.caps and i > 1 and toks[i - 1].key == "the" and place_cue(i - 1) and \
            toks[i - 2].key in ("at", "to", "from", "in", "into", "near", "outside") and \
            regex.match(r"\s*(?:[,.;:!?)]|$)", text[t.end:t.end + 2]):
        return "place"                             # a rare word named as a place: "at the Banyan."
    elif is_proper and not is_ord and len(t.key) >= 3 and t.key not in lex.safe_words and \
            t.key not in _STOP_CAPS and "'" not in t.key and _LIST_GOES_ON.match(text, t.end) and (
            label[i - 1] == "name" and text[toks[i - 1].end:t.start] == ", " or
            i > 1 and toks[i - 1].key in ("y", "and", "e") and label[i - 2] == "name" and
            text[toks[i - 2].end:t.start] == f" {toks[i - 1].word} "):
        return "name"                              # a person listed after a person (r13 round): "La pareja
        #                                            de Lucila, Benedicta, la encontró"
    return None


def _label_opening_sentence(s: _NameScan, i: int, t: _Tok, is_first: bool, is_sur: bool, is_place: bool, is_ord: bool,
                            is_proper: bool) -> str | None:
    """A capitalised word's label at a sentence's start."""
    text, lex, lang, toks, n, cues = s.text, s.lex, s.lang, s.toks, s.n, s.cues
    ordinary, free, es_verb = s.ordinary, s.free, s.es_verb
    nxt = toks[i + 1] if i + 1 < n else None
    gap = text[t.end:nxt.start] if nxt is not None else ""
    follows = nxt is not None and gap in (" ", ", ") and (
        nxt.key in cues["followers"] or (nxt.cap and (nxt.key in lex.surnames or nxt.key in lex.first_names)
                                         and not ordinary(nxt))
        or (gap == " " and not nxt.cap and len(nxt.key) > 3 and nxt.key[-2:] in ("ed", "es")
            and (nxt.key in lex.en_words or nxt.key in lex.en_common or _inflected(nxt.key, lex.en_words))
            and (nxt.key[-2:] == "ed" or t.key not in lex.en_common))   # (not "Long pauses": a plural)
        or (nxt.key == "who" and not nxt.cap)             # "Ravneet, who is 41, ..." (a person)
        or (lang == "es" and gap == " " and not t.caps and t.key not in lex.es_words and
            es_verb(i + 1)))                      # "Erendira duerme" (not "Vino hace": a verb itself)
    # verbs after a subject that the followers list lacks: "Babatunde reminds me", "Hye-jin found",
    # "Meena apparently told" (for words that are no ordinary words only)
    nxt2 = toks[i + 2] if i + 2 < n else None
    verb_after = nxt is not None and gap == " " and not nxt.cap and t.key not in lex.freq_words and \
        not _compound(t.key, lex) and text[nxt.end:nxt.end + 1] != ":" and (
        nxt.key in _VERBISH or (len(nxt.key) > 3 and nxt.key.endswith("s") and not nxt.key.endswith("ss")
                                and nxt.key[:-1] in lex.en_words and nxt.key in lex.freq_words)
        or ((nxt.key.endswith("ly") and nxt.key in lex.en_words or nxt.key in _ADVERBS_BEFORE_VERB) and
            nxt2 is not None and text[nxt.end:nxt2.start] == " " and (
                nxt2.key in cues["followers"] or nxt2.key in _VERBISH or
                len(nxt2.key) > 4 and nxt2.key.endswith("ed") and nxt2.key in lex.freq_words)))
    #                                                "Mthunzi last drank", "Tendai first noticed"
    possessive = text[t.end:t.end + 2] in ("'s", "’s")
    # "Dilani, her mother Nirosha": a person listed with her relatives; "Thenmozhi +91 431 401 2395": a
    # contact's number after the name
    listed = nxt is not None and gap == ", " and nxt.key in ("her", "his", "their", "su") and \
        i + 2 < n and toks[i + 2].key in cues["kin"]
    # "Piers and his sister Ailbhe": a person with a relative, though the word is a word too
    with_kin = nxt is not None and gap == " " and nxt.key in ("and", "y") and i + 3 < n and \
        toks[i + 2].key in ("her", "his", "their", "su") and toks[i + 3].key in cues["kin"] and \
        text[nxt.end:toks[i + 3].start].count(" ") == 2 and t.key not in lex.en_common and \
        t.key not in cues["kin"]
    contact = _contact_after(s, t)
    if (listed or contact or with_kin) and (not is_ord or with_kin) and t.key not in _STOP_CAPS and \
            len(t.key) >= 3 and \
            not (is_place and not is_first) and t.key not in _CONTACT_WORDS:
        return "name"
    elif is_first and t.key not in lex.en_words and t.key not in _STOP_CAPS and not (
            lang == "es" and t.key in lex.es_words and nxt is not None and gap == " " and not nxt.cap and
            not follows and not possessive):
        return "name"                              # (not a Spanish word before no verb: "Toma sertralina")
    elif is_sur and not is_ord and not is_proper:
        return "name"
    elif (is_first or is_sur) and (follows or possessive) and t.key not in _STOP_CAPS and \
            t.key not in lex.safe_words and not (is_sur and not is_first and is_ord and (
                t.key in lex.freq_words or nxt is None or nxt.key in _WEAK_FOLLOWERS or possessive)):
        return "name"                              # "Hao talked" (a rare word), not "Rich was", "Young's"
    elif is_place and not is_ord and not is_first:
        return "place"
    elif not is_ord and len(t.key) >= 3 and t.key not in _STOP_CAPS and (
            (not is_proper and (follows or possessive or verb_after))
            or (follows and nxt.key not in _WEAK_FOLLOWERS)) and not t.key.startswith("i'") and \
            t.key not in cues["kin"] and not t.key.endswith(_ABSTRACT_ENDINGS) and \
            not ("'" in t.key and t.key in lex.en_common):      # (r17 round) nor "They've started"
        #                                            (not a relation, "Teenager seen with mum", nor a
        #                                            symptom, "Derealisation moved in waves")
        return "name"                              # "Sandeep looked", a rare proper word before a verb
    elif lang == "es" and follows and t.key not in lex.freq_words and t.key not in lex.en_words and \
            t.key not in _STOP_CAPS and len(t.key) >= 4 and not t.caps and not is_place:
        return "name"                              # "Atanasio se mudó": a rare Spanish word before a verb
    elif not is_ord and not is_proper and not t.caps and len(t.key) >= 3 and t.key not in _STOP_CAPS and \
            not is_place and not t.key.endswith(_ES_VERB_ENDINGS) and not t.word.endswith("ó") and \
            not _compound(t.key, lex) and nxt is not None and gap == " " and nxt.cap and not nxt.caps and \
            len(nxt.key) >= 3 and nxt.key not in lex.en_common and nxt.key not in lex.safe_words and \
            nxt.key not in lex.places and nxt.key not in cues["facility_suffixes"] and free(nxt):
        return "name"                              # a full name opening a clause: "(Jaswinder Talukdar)"
    elif is_ord and t.key not in lex.freq_words and not is_proper and not t.caps and len(t.key) >= 3 and \
            nxt is not None and gap == " " and nxt.key in _PERSON_VERBS and t.key not in lex.safe_words and \
            t.key not in cues["kin"] and not t.key.endswith(_ABSTRACT_ENDINGS + ("ia",)):
        return "name"                              # a rare dictionary word before a person's verb (r13
        #                                            round): "Ngaio described the flat"
    return None


def _next_to_postcode(s: _NameScan, t: _Tok) -> bool:
    """"28947 Getafe", "Ooty 643082", "Leeds, LS2 2LJ"."""
    text, pc_ends, pc_starts = s.text, s.pc_ends, s.pc_starts
    return any(text[e:t.start] in (" ", ", ") for e in (t.start - 1, t.start - 2) if e in pc_ends) or \
        any(text[t.end:b] in (" ", ", ") for b in (t.end + 1, t.end + 2) if b in pc_starts)


def _contact_after(s: _NameScan, t: _Tok) -> bool:
    """A phone number or e-mail address right after the word: "Thenmozhi +91 431 401 2395"."""
    text, contact_starts = s.text, s.contact_starts
    return any(b in contact_starts for b in (t.end + 1, t.end + 2, t.end + 3)) and \
        text[t.end:t.end + 3].strip(" :,(-–") == "" and "\n" not in text[t.end:t.end + 3]


def _cap_after(s: _NameScan, i: int) -> bool:
    """The first word after token i that is no particle is capitalised: "Talavera de la Reina" (not "Escalera de
    exposición")."""
    toks, n = s.toks, s.n
    return next((toks[x].cap for x in range(i + 1, min(n, i + 4)) if toks[x].key not in _PARTICLES), False)


def _technique_head_after(s: _NameScan, i: int) -> bool:
    """Title Case words run from token i to a technique's head noun: "the Safe Room technique"."""
    text, toks, n = s.text, s.toks, s.n
    for k in range(i + 1, min(i + 4, n)):
        if text[toks[k - 1].end:toks[k].start] != " ":
            return False
        if toks[k].key in _TECHNIQUE_HEADS:
            return True
        if not toks[k].cap:
            return False
    return False


def _paren_role(s: _NameScan, t: _Tok) -> bool:
    """A relation or role in brackets after the word: "Saravanan (client)", "ஜெயகாந்தன் (அண்ணன்)",
    "Dana (her sister)"."""
    text, cues = s.text, s.cues
    m = _PAREN_ROLE.match(text, t.end)
    return bool(m) and _fold(m.group("r")) in cues["kin"]


def _colon_role(s: _NameScan, i: int) -> bool:
    """A relation or role and a colon before the word: "Supervisor: Revathi", "Emergency contact: ..."; (r17
    round) also a "#" or a dash: "Contacto # Rut Ibarra", "Guardian - Okoro"."""
    text, taken, toks, cues = s.text, s.taken, s.toks, s.cues
    if i == 0 or text[toks[i - 1].end:toks[i].start] not in _ROLE_GAPS or taken[toks[i - 1].start]:
        return False
    k1 = toks[i - 1].key
    k2 = f"{toks[i - 2].key} {k1}" if i >= 2 else ""
    return k1 in cues["kin"] or k2 in cues["kin"] or _strip_plural(k1) in cues["kin"]


def _person_field(s: _NameScan, i: int) -> bool:
    """(r17 round) a form's field for a person before a full name: "Usuaria # Dulce Marchena", "Nombre - Rut
    Ibarra", "Familiar de referencia: Dulce Ibarra (madre)", "Service user # Tova Quist" (its first word a word
    too, "Argelia", "Rose"; the next word capitalised)."""
    text, taken, toks, n = s.text, s.taken, s.toks, s.n
    if i < 1 or text[toks[i - 1].end:toks[i].start] not in _ROLE_GAPS and not (
            toks[i - 1].word == "NOK" and text[toks[i - 1].end:toks[i].start] == " ") or \
            taken[toks[i - 1].start] or \
            i + 1 >= n or text[toks[i].end:toks[i + 1].start] != " " or not toks[i + 1].cap or toks[i + 1].caps:
        return False
    k1 = toks[i - 1].key
    k2 = f"{toks[i - 2].key} {k1}" if i >= 2 else ""
    k3 = f"{toks[i - 3].key} {k2}" if i >= 3 else ""
    return k1 in _PERSON_FIELDS or k2 in _PERSON_FIELDS or k3 in _PERSON_FIELDS


def _labels_code(s: _NameScan, t: _Tok) -> bool:
    """The word names a number or an account, not a person: "Case No. 76-97447", "Hosp No. 4471",
    "Comcast account 8610...", "People's Bank account ...", "GTBank a/c 2221..."."""
    text = s.text
    return bool(_LABELS_CODE.match(text, t.end))


def _bank_before_code(s: _NameScan, i: int) -> bool:
    """A bank's or insurer's name between an account word and the number: "cuenta Davivienda: 1265036621"."""
    text, toks = s.text, s.toks
    if not _CODE_AFTER.match(text, toks[i].end):
        return False
    prev = [toks[x].key for x in range(max(0, i - 2), i)]
    return bool(prev) and (prev[-1] in _ACCOUNT_BEFORE or len(prev) == 2 and prev[-1] in ("de", "del", "of", "at")
                           and prev[0] in _ACCOUNT_BEFORE)


def _r21_not_a_name(s: _NameScan, i: int) -> bool:
    """(r21 round) A capitalised word that is no person's name though nothing else takes it: an issuer before a
    case, registration or membership cue and its number ("Harbourside Credit Union share account #5521",
    "Barnardos case ref: BR-..."), an issuer between an ID's cue and its code ("código de asegurado SaludPlus:
    3100..."), or one alone before "#" and a long number ("Aguasur #51454..."); a Nordic number cue ("NAV-nr.
    9095...", "P-nummer: 1234..."); a verb in British spelling opening a sentence ("Organised her week")."""
    text, lex, lang, toks, n, cues, r21_issuer_cues = s.text, s.lex, s.lang, s.toks, s.n, s.cues, s.r21_issuer_cues
    r21_hash = s.r21_hash
    roster_has, ordinary = s.roster_has, s.ordinary
    t = toks[i]
    if t.key in cues["kin"] and i + 1 < n and not toks[i + 1].cap and not toks[i + 1].tamil and \
            text[t.end:toks[i + 1].start] in ("'s ", "’s "):
        return True                                  # a relation's or a role's own: "Solicitor's fax", "Mam's
        #                                              neighbour" (not "Sister Grace's ...", a title before it)
    if t.key in lex.first_names or roster_has(t):
        return False
    if i > 0 and toks[i - 1].key in cues["titles"]:
        return False
    if r21_issuer_cues and (t.key not in lex.surnames or ordinary(t)) and _ISSUER_CASE_CUE.match(text, t.end):
        return True
    if _bank_before_code(s, i):
        return True
    if r21_hash and t.key not in lex.surnames and _ISSUER_HASH.match(text, t.end) and (
            i == 0 or text[toks[i - 1].end:t.start] in (", ", "; ", " | ", " / ", " — ", " - ")):
        return True
    if "-" in t.word and _NR_CUE_WORD.fullmatch(t.word) and _NR_CUE_VALUE.match(text, t.end):
        return True
    return lang == "en" and t.sent_start and t.key.endswith(("ised", "ising", "ises")) and \
        t.key not in lex.surnames and any(_inflected(t.key[:-len(e)] + e.replace("s", r, 1), lex.en_words)
                                           for e in ("ised", "ising", "ises") if t.key.endswith(e)
                                           for r in ("z", "c"))


def _ta_noun(s: _NameScan, w: str) -> bool:
    """A Tamil word that could be a name: no relation, title, function word, verb or adverb."""
    lex, cues = s.lex, s.cues
    return len(w) >= 3 and w not in cues["kin"] and w not in cues["titles"] and not w.startswith(_TA_FUNCTION) \
        and not w.endswith(_TA_NOT_NOUN_HON) and not _tamil_match(w, lex.tamil_places, 2)


def _ta_named(s: _NameScan, i: int) -> bool:
    """Tamil token i is a name by its context: a role in brackets after it ("ஜெயகாந்தன் (அண்ணன்)"), a role and
    a colon before it ("Supervisor: ரேவதி"), உடன் (with) written apart after it ("பிரகாஷ் உடன்") or on to it
    after the name's last vowel ("ஜனனியுடன்", "கோகிலாவுடன்"), or, as the note's first word, a possessive
    ending ("மகேஸ்வரியின் follow-up")."""
    text, lex, toks, n, cues, first_ta = s.text, s.lex, s.toks, s.n, s.cues, s.first_ta
    t = toks[i]
    w = t.word
    # listed with a relative: "தியாகராஜன், அவருடைய அம்மா ..." (Thiyagarajan, his mother ...)
    if text[t.end:t.end + 2] == ", " and i + 2 < n and toks[i + 1].word in _TA_HIS_HER and \
            toks[i + 2].key in cues["kin"]:
        return _ta_noun(s, w) and not w.endswith(_TA_NOT_BARE) and w not in lex.ta_common
    if _paren_role(s, t) or _colon_role(s, i):
        return _ta_noun(s, w) and not w.endswith(_TA_NOT_BARE) and (w not in lex.ta_common or _paren_role(s, t))
    if i + 1 < n and toks[i + 1].word == "உடன்" and text[t.end:toks[i + 1].start] == " ":
        return _ta_noun(s, w) and w[-1] in _TA_VOWEL_SIGNS + "\u0bcd"
    for suffix, vowels in (("யுடன்", "ிீெே"), ("வுடன்", "ாோொூ"), ("யின்", "ிீெே"), ("வின்", "ாோொூ")):
        # the glide tells the name's last vowel: ய after i and e ("ஜனனியுடன்"), வ after a and o ("கோகிலாவுடன்");
        # not "பரிவுடன்" (பரிவு, with compassion), nor nouns in -மை/-ை ("நம்பிக்கையின்மையுடன்")
        stem = w[:-len(suffix)]
        if w.endswith(suffix) and len(stem) >= 3 and stem[-1] in vowels and stem not in lex.ta_common \
                and stem not in cues["kin"] and not stem.startswith(_TA_FUNCTION + ("அவ", "இவ", "எ")) and \
                (suffix.endswith("டன்") or i == first_ta and t.sent_start):
            return True
    return False


def _tamil_names(s: _NameScan) -> None:
    """More Tamil names from those found: the same name again, a pair joined by "and", a full name."""
    text, lex, toks, n, cues, label = s.text, s.lex, s.toks, s.n, s.cues, s.label
    free, ta_bare = s.free, s.ta_bare
    # 2a. Tamil names seen once are names elsewhere in the note, with a case ending ("மீனாட்சியின்"), and a
    # surname follows a given name ("ஜனனி ராமநாதன்")
    stems = {toks[i].word for i in range(n) if label[i] == "name" and toks[i].tamil and ta_bare(i, loose=True)}
    if stems:
        for i, t in enumerate(toks):
            if t.tamil and label[i] is None and free(t) and any(_tamil_stem(t.word, st) for st in stems) and \
                    not _QUOTED_WORD.match(text, t.start - 1):       # (not the word in quotes: '"அழகன்" என்று')
                label[i] = "name"
    # names joined by "மற்றும்" (and): one found makes the other one ("X மற்றும் Y நாகலிங்கம்"), and two bare words
    # before "இருவரும்" (both) are a pair of people ("அமர்வு: X மற்றும் Y இருவரும் வந்தனர்")
    for i in range(n - 2):
        j = i + 2
        if toks[i + 1].word != "மற்றும்" or not (toks[i].tamil and toks[j].tamil) or \
                text[toks[i].end:toks[j].start] != " மற்றும் ":
            continue
        both = j + 1 < n and toks[j + 1].word.startswith("இருவர") and ta_bare(i, loose=True) and \
            ta_bare(j, loose=True)
        for a, b in ((i, j), (j, i)):
            if label[b] is None and free(toks[b]) and ta_bare(b, loose=True) and \
                    not toks[b].word.endswith(_TA_NOT_NOUN) and (label[a] == "name" or both):
                label[b] = "name"
                if both:
                    label[a] = "name"
    for i in range(n - 1):
        j = i + 1
        if label[i] == "name" and toks[i].tamil and toks[j].tamil and label[j] is None and free(toks[j]) and \
                text[toks[i].end:toks[j].start] == " " and ta_bare(j, loose=True) and \
                (not toks[j].word.endswith(_TA_NOT_NOUN) or toks[j].word.endswith(_TA_NAME_ENDINGS)) and \
                toks[j].word.endswith(("ன்", "ம்", "ா", "ி", "ர்", "ு", "ை")) and not toks[j].word.endswith("களை") \
                and not (j + 1 < n and text[toks[j].end:toks[j + 1].start] == " " and (
                    toks[j + 1].word.startswith(_TA_NOT_NAME_AFTER + lex.patterns["ta_facilities"]) or
                    toks[j + 1].word in lex.patterns["ta_facility_modifiers"])):
            label[j] = "name"
    # and a given name before a surname found, at the start of a clause: "விவரங்கள்: மகேஸ்வரி மணிகண்டன்,"
    for j in range(n - 1, 0, -1):
        i = j - 1
        if label[j] == "name" and toks[j].tamil and toks[i].tamil and label[i] is None and free(toks[i]) and \
                text[toks[i].end:toks[j].start] == " " and ta_bare(i) and not toks[i].word.endswith(_TA_NOT_NOUN) \
                and (toks[i].sent_start or text[max(0, toks[i].start - 2):toks[i].start].strip() in (",", ":", "-")
                     or j + 1 < n and toks[j + 1].word.startswith(_TA_HONORIFIC)):
            label[i] = "name"                          # and before "அவர்கள்": "அலுவலகத்தில் X Y அவர்களுடன்"
    # a family listed after a heading: "குடும்ப அமர்வு: X, தந்தை Y, சகோதரி Z" (the first one with no relation)
    for i in range(n - 2):
        if label[i] is None and toks[i].tamil and free(toks[i]) and text[toks[i].end:toks[i].end + 2] == ", " and \
                toks[i + 1].key in cues["kin"] and label[i + 2] == "name" and ta_bare(i, loose=True) and \
                not toks[i].word.endswith(_TA_NOT_NOUN) and text[max(0, toks[i].start - 2):toks[i].start] == ": ":
            label[i] = "name"


def _tamil_facilities(s: _NameScan) -> None:
    """Tamil facility names: the proper words before a facility word are a place."""
    text, lex, found, taken, toks, cues, field_words = s.text, s.lex, s.found, s.taken, s.toks, s.cues, s.field_words
    label = s.label
    ordinary, free = s.ordinary, s.free
    # 2b. Tamil facilities: proper words before a facility word ("ஸ்டான்லி அரசு மருத்துவமனையில்")
    ta_fac, ta_mod = lex.patterns["ta_facilities"], lex.patterns["ta_facility_modifiers"]
    for i, t in enumerate(toks):
        if not t.tamil or not free(t) or not t.word.startswith(ta_fac):
            continue
        if t.word.startswith(_TA_WEAK_FACILITIES) and (i == 0 or toks[i - 1].word not in ta_mod):
            continue                                       # "காப்பீட்டு நிறுவனம்" (an insurance company)
        k, proper, mods = i, 0, False
        # a name is the facility's only before a deity's title: "மீனாட்சி அம்மன் கோவில்" (the temple of the goddess
        # Meenakshi), not "பிரியா அரசு மருத்துவமனையில்" (Priya, at the government hospital)
        # a person's name after a modifier is the facility's too: "அரசு ராஜாஜி மருத்துவமனை" (Government Rajaji
        # Hospital), and a town that is also a common word before one: "கோவை அரசு மருத்துவமனை"
        while k > 0 and i - k < 5 and text[toks[k - 1].end:toks[k].start] == " " and free(toks[k - 1]) and \
                (toks[k - 1].tamil or toks[k - 1].cap and not (     # (r17 round: not a label, "Referral X ...")
                    toks[k - 1].key in field_words or ordinary(toks[k - 1]))) and (label[k - 1] != "name" or mods or (
                    k > 1 and toks[k - 2].word in ta_mod and text[toks[k - 2].end:toks[k - 1].start] == " ")):
            w = toks[k - 1]
            if w.word in ta_mod:
                mods = mods or w.word in _TA_DEITIES
            else:
                if w.tamil and label[k - 1] not in ("name", "place") and (
                        w.word in lex.ta_common or w.word.startswith(_TA_FUNCTION) or w.word.endswith(_TA_INFLECTED)
                        or w.key in cues["kin"] or w.word in cues["titles"]):
                    break                                  # "நேராக மருத்துவமனையிலிருந்து" (straight from hospital),
                    #                                        "பரிந்துரை அன்னை ... மருத்துவமனை" (referral: ...)
                proper += 1
            k -= 1
        if not proper and mods and i - k >= 3:
            proper = 1                                     # "புனித இருதய ஆண்டவர் பசிலிக்கா" (Sacred Heart Basilica)
        while k < i and toks[k].word in ta_mod and not any(toks[x].word not in ta_mod for x in range(k, i)) and \
                not mods:
            k += 1
        if proper:
            for x in range(k, i + 1):
                label[x] = None
            _add(found, taken, toks[k].start, t.end, "place")


def _capitalised_runs(s: _NameScan) -> None:
    """Runs of capitalised words: a facility, a multi-word place, a phrase of ordinary words or a full name."""
    n = s.n
    # 3. runs of capitalised words: facilities and multi-word places, phrases of ordinary words, full names
    i = 0
    while i < n:
        i = _capitalised_run(s, i)


def _capitalised_run(s: _NameScan, i: int) -> int:
    """The run of capitalised words from token i; returns the token after it."""
    text, lex, lang, found, taken, toks, n, cues = s.text, s.lex, s.lang, s.found, s.taken, s.toks, s.n, s.cues
    safe, fac_safe, role_of, label, generic = s.safe, s.fac_safe, s.role_of, s.label, s.generic
    ordinary, free, place_cue_the = s.ordinary, s.free, s.place_cue_the
    t = toks[i]
    if not (t.cap and not t.tamil and free(t)) or safe[i] or t.key in _STOP_CAPS:
        return i + 1
    j = i + 1
    while j < n and free(toks[j]) and (not safe[j] or fac_safe[j]) and text[toks[j - 1].end:toks[j].start] in (
            " ", ". ", "'s ", "’s ", "' ") and (
            toks[j].cap or (toks[j].key in _PARTICLES and j + 1 < n and toks[j + 1].cap)):
        if text[toks[j - 1].end:toks[j].start] == ". " and toks[j - 1].key not in ("st", "mt", "dr", "ft"):
            break
        j += 1
    if j - i >= 3 and toks[j - 1].key in ("number", "no") and _FACILITY_NUMBER.match(text, toks[j - 2].end):
        j -= 1                                  # "Tihar Jail Number 3": the unit's number, after the facility word
    run = list(range(i, j))
    keys = [toks[k].key for k in run]
    # a facility after a word opening the sentence and "de", "del", "al" (r13 round): "Derivación del IES Sierra de
    # Béjar", "Va al Centro Penitenciario de Teixeiro": the facility starts at its own word
    p = next((x for x in run[1:] if toks[x - 1].key in _PARTICLES and (
        toks[x].key in cues["facility_prefixes"] or toks[x].key in cues["weak_facility_prefixes"])), None)
    if p is not None and t.sent_start and ordinary(t) and t.key not in lex.first_names and \
            not any(k in role_of for k in range(i, p)):
        return p
    if p is not None and (label[i] == "name" or i in role_of):
        j = p - 1                               # a person of a facility: "El pastor Yupanqui del Parroquia de San
        run = list(range(i, j))                 # Juan Bautista" (the name, then the facility on its own)
        keys = [toks[k].key for k in run]
    if lang == "en" and i > 0 and toks[i - 1].key in ("a", "an") and text[toks[i - 1].end:t.start] == " " and \
            (ordinary(t) or t.key in lex.en_common) and not any(k in role_of for k in run):
        for k in run:                               # "a Life Line exercise", "a Care Home": a kind of thing
            label[k] = None
        return max(j, i + 1)
    # (r17 round) a facility's name run on into the next sentence's first word, its full stop left out:
    # "Referred from: Hollins High School Sertraline went up", "Ward/unit # Elm Community College Intake form"
    if len(run) >= 3 and keys[-2] in cues["facility_suffixes"] and j < n and not toks[j].cap and \
            text[toks[j - 1].end:toks[j].start] == " " and (ordinary(toks[run[-1]]) or toks[run[-1]].caps) and \
            keys[-1] not in cues["facility_suffixes"] and keys[-1] not in generic and \
            (keys[-1] not in lex.places or toks[run[-1]].caps) and keys[-1] not in lex.first_names and \
            label[run[-1]] != "name":
        j -= 1
        run, keys = run[:-1], keys[:-1]
    mp = _multi_place(keys, lex)
    # a facility with its town after it: "Christian Medical College Vellore", "Royal Infirmary Edinburgh"
    if len(run) >= 3 and keys[-2] in cues["facility_suffixes"] and keys[-1] in lex.places and \
            keys[-1] not in lex.en_common and keys[-1] not in lex.safe_words and not toks[run[-1]].caps:
        keys = keys[:-1]
    fac_last = keys[-1] in cues["facility_suffixes"] or (len(keys) >= 3 and (keys[-2], keys[-1]) in _FACILITY_PAIRS)
    if fac_last and len(run) == 2 and keys[0] in cues["titles"] and keys[0] not in cues["facility_prefixes"]:
        fac_last = False                        # a surname after a title: "Mr Church of Leeds", "Dr. Temple"
    if fac_last and (len(run) >= 2 and (any(
            label[k] or toks[k].key in lex.places or toks[k].key in lex.first_names or
            # a province before a landscape word names a hospital or an estate: "Ontario Shores", "Texas Heights"
            toks[k].key in lex.regions and keys[-1] in _REGION_FEATURES or
            toks[k].key in lex.surnames or toks[k].key in cues["facility_prefixes"] for k in run[:-1])
            # a word no dictionary has before the facility word: "Fieldhead Hospital", "Joondalup Health Campus"
            or any(not ordinary(toks[k]) and not toks[k].caps and len(toks[k].key) >= 4 and
                   toks[k].key not in lex.safe_words for k in run[:-1])
            or (place_cue_the(i) and any(_distinctive(s, k) for k in run[:-1]) and all(   # "at Northwestern Memorial",
                _distinctive(s, k) or toks[k].key in cues["facility_suffixes"] or toks[k].key in generic
                for k in run[:-1])))                          # "Kern Health", "to Metropolitan Detention Center"
            or _after_place(s, i)                                                  # "Tulsa Community College"
            or (len(run) == 1 and keys[0] in _FACILITY_OF and place_cue_the(i)    # "taken to Institute of Mental
                and _OF_NAME.match(text, toks[i].end))):                         # Health", "at University of Leeds"
        for k in run:
            label[k] = None
        start = next(k for k in run if toks[k].key not in _STOP_CAPS)
        if _after_place(s, i):
            prev = _after_place(s, i)
            found.remove(prev)
            taken[prev.start:prev.end] = False
            start_char = prev.start
        else:
            start_char = toks[start].start
        _add(found, taken, start_char, _facility_end(s, run[-1]), "place")
    elif (keys[0] in cues["facility_prefixes"] or keys[0] in cues["weak_facility_prefixes"] and (
            any(toks[k].key not in generic and (not ordinary(toks[k]) or toks[k].key in lex.places)
                for k in run[1:]) or _facility_end(s, run[-1], number=True) > toks[run[-1]].end)) \
            and len(run) >= 2 and keys[-1] not in _PARTICLES and \
            not any(k in role_of for k in run) and not mp and \
            not all(toks[k].key in lex.safe_words for k in run[1:]):        # "Hospital MRN", "Hospital UHID"
        # (r13 round: a word that names many things first, with a name or a number in the run: "Centro
        # Penitenciario de Teixeiro", "Complejo Penitenciario de Valparaíso", "Unidad Penal 9"; not "Centro de
        # Salud Mental")
        # "Hospital General de Tijuana", "Secundaria Técnica 14", "St. Casimir's"
        for k in run:
            label[k] = None
        end = _facility_end(s, run[-1], number=True)
        if keys[0] in ("st", "saint") and text[end:end + 2] in ("'s", "’s"):
            end += 2
        _add(found, taken, toks[i].start, end, "place")
    elif mp and (any(label[k] for k in run[:mp]) or mp > 1 and all(not ordinary(toks[k]) or toks[k].key in
                                                                lex.places for k in run[:mp])):
        for k in run[:mp]:
            label[k] = None
        # a saint's name is a facility's when "of" follows: "St John of God", "St Mary of the Angels"
        end = _facility_end(s, i + mp - 1) if mp == len(run) and keys[0] in ("st", "saint") and \
            _OF_NAME.match(text, toks[i + mp - 1].end) else toks[i + mp - 1].end
        _add(found, taken, toks[i].start, end, "place")
        j = i + mp
    elif len(run) >= 2 and any(label[k] == "name" for k in run):
        _name_run(s, run)
    return max(j, i + 1)


def _name_run(s: _NameScan, run: list[int]) -> None:
    """A run of capitalised words with a name in it: a full name, or a phrase of ordinary words (no name)."""
    text, lex, toks, cues, role_of, cued, label = s.text, s.lex, s.toks, s.cues, s.role_of, s.cued, s.label
    ordinary, prev_is = s.ordinary, s.prev_is
    first = run[0]
    if toks[first].sent_start and label[first] != "name" and first not in role_of and \
            toks[first].key in lex.en_common and toks[first].key not in lex.first_names and \
            label[run[1]] == "name" and toks[run[1]].key in lex.first_names and \
            toks[run[1]].key not in lex.en_common and \
            (toks[first].key in cues["followers"] or toks[first].key in _VERBISH):
        run = run[1:]                           # "Met Graham": the verb is no name (nor a phrase's word)
    title_at = next((x for x in run[1:] if toks[x].key in cues["titles"] and
                     text[toks[x].end:toks[x].end + 1] == "." and label[x - 1] != "name"), None)
    if title_at is not None:                    # "Derivación del Dr. Primitivo Bocanegra": the name after
        run = [k for k in run if k > title_at]  # the title only
        if not run:
            return
    # a common English word makes no name strong: "Box Breathing", "Life Line" (technique names)
    strong = any(label[k] == "name" and (k in role_of or not ordinary(toks[k]) and (
        toks[k].key not in lex.en_common or toks[k].key in lex.first_names) or prev_is(k, "titles")
        or prev_is(k, "kin")) for k in run)
    plain = [k for k in run if ordinary(toks[k]) and toks[k].key not in lex.first_names
             and toks[k].key not in lex.surnames and toks[k].key not in _PARTICLES]
    if not strong and plain:
        for k in run:                           # "Active Listening", "Hope Street Project"
            if k not in role_of:
                label[k] = None
    else:
        first = run[0]
        if toks[first].sent_start and label[first] != "name" and first not in role_of and \
                toks[first].key in lex.en_common and toks[first].key not in lex.first_names:
            run = run[1:]                       # "Called Marguerite Okafor": the verb is no name
        if run and run[0] in cued:              # a surname that is a town's name too, after a role (r13
            for k in run[1:]:                   # round): "Profesional: Tonantzin Balam"
                if label[k] == "place" and toks[k].key not in lex.regions:
                    label[k] = "name"
        for k in run:
            key = toks[k].key
            if (key not in _STOP_CAPS or key in _PARTICLES) and key not in cues["titles"] and \
                    key not in lex.safe_words:
                label[k] = label[k] or "name"


def _facility_end(s: _NameScan, k: int, number: bool = False) -> int:
    """End of a facility name ending at token k, taking a school number ("Secundaria Técnica 14") and a
    lower-case facility word after it ("the Covenant House shelter")."""
    text, taken, toks, n, cues = s.text, s.taken, s.toks, s.n, s.cues
    free = s.free
    end = toks[k].end
    if number:
        m = regex.match(r" \d{1,3}(?![\d.,:/]\d|\d|\s*(?:%|años|years|days|días|de\s))", text[end:end + 30])
        if m:
            return end + m.end()
    # a unit's number: "Tihar Jail Number 3", "Central Prison No. 2", "Block #4"
    m = _FACILITY_NUMBER.match(text, end)
    if m and not taken[end:m.end()].any():
        return m.end()
    # "College of Arts and Science", "University of the West"
    m = regex.match(r" of (?:the )?\p{Lu}[\p{L}\p{M}'’]+(?:(?: and | & | )\p{Lu}[\p{L}\p{M}'’]+)*", text[end:])
    if m:
        stop = end + m.end()
        if not taken[end:stop].any():
            return stop
    if k + 1 < n and text[end:toks[k + 1].start] == " " and not toks[k + 1].cap and \
            toks[k + 1].key in cues["facility_suffixes"] and free(toks[k + 1]):
        return toks[k + 1].end
    return end


def _after_place(s: _NameScan, i: int) -> Span | None:
    """The place found just before token i ("Tulsa" before "Community College"), if any."""
    text, found, toks = s.text, s.found, s.toks
    if i == 0 or text[toks[i - 1].end:toks[i].start] != " ":
        return None
    return next((sp for sp in found if sp.kind == "place" and sp.end == toks[i - 1].end), None)


def _distinctive(s: _NameScan, k: int) -> bool:
    lex, toks, generic = s.lex, s.toks, s.generic
    key = toks[k].key
    return key not in lex.en_common and key not in generic and key not in _STOP_CAPS and key not in lex.safe_words


def _emit_names(s: _NameScan) -> None:
    """The labelled tokens become spans: names (with their particles) and places."""
    text, lex, found, taken, toks, n, cues, keep_out = s.text, s.lex, s.found, s.taken, s.toks, s.n, s.cues, s.keep_out
    role_of, label = s.role_of, s.label
    ordinary, free = s.ordinary, s.free
    # 4. emit: merge adjacent name tokens (with particles) into one span; a title is never part of a name
    for k in range(n):
        if label[k] == "name" and toks[k].key in cues["titles"] and k not in role_of and (
                text[toks[k].end:toks[k].end + 1] == "." or toks[k].key not in lex.first_names):   # "Selvi" is both
            label[k] = None
    k = 0
    while k < n:
        if label[k] is None or not free(toks[k]):
            k += 1
            continue
        kind = label[k]
        if kind in ("place", "name") and text[toks[k].start - 2:toks[k].start] == ", " and \
                _UK_COUNTY.fullmatch(text, toks[k].start, toks[k].end) and _POSTCODE_NEXT.match(text, toks[k].end):
            keep_out.append((toks[k].start, toks[k].end))
            k += 1                                      # (r20 round) a county before a UK postcode: "Ware, Herts SG12"
            continue
        if kind == "name" and toks[k].tamil and k not in role_of and toks[k].word.endswith(_TA_AGENT_NOUN) and \
                toks[k].word not in lex.tamil_names:
            keep_out.append((toks[k].start, toks[k].end))
            k += 1                                      # (r20 round) "அனுப்பியவர்" (the one who sent), no name
            continue
        if k not in role_of and ordinary(toks[k]) and toks[k].key not in lex.places and \
                toks[k].key not in lex.first_names and _FIELD_LABEL_AFTER.match(text, toks[k].end):
            keep_out.append((toks[k].start, toks[k].end))
            k += 1                                      # (r20 round) a field's label word: "Town: ...", "Carer for
            continue                                    # father, 97", "Date of incident: ...", "Interpreter: ..."
        end_k = k
        while end_k + 1 < n and text[toks[end_k].end:toks[end_k + 1].start] in (" ", "-"):
            if label[end_k + 1] == kind:
                end_k += 1
            elif toks[end_k + 1].key in _PARTICLES and end_k + 2 < n and label[end_k + 2] == kind:
                end_k += 2
            elif (toks[end_k + 1].key in _PARTICLES and end_k + 3 < n and toks[end_k + 2].key in _PARTICLES
                  and label[end_k + 3] == kind):
                end_k += 3
            else:
                break
        _add(found, taken, toks[k].start, toks[end_k].end, kind,
             next((role_of[x] for x in range(k, end_k + 1) if x in role_of), None))
        k = end_k + 1


def _facility_words_after(s: _NameScan) -> None:
    """Facility words after a place or a name, and proper words or acronyms before one, make a facility."""
    text, lex, found, taken, cues, generic = s.text, s.lex, s.found, s.taken, s.cues, s.generic
    # 5. a lower-case facility word after a place takes it in ("Tirunelveli district", "Madurai hospital"), and so
    # does a strong one after a word taken for a name ("at the Cyrenians hostel", "left Anbagam shelter")
    for sp in [sp for sp in found if sp.kind in ("place", "name") and sp.roster is None]:
        m = _FACILITY_WORD_AFTER.match(text, sp.end)
        if m and (sp.kind == "place" and m.group(1) in cues["facility_suffixes"] or
                  sp.kind == "name" and m.group(1) in _STRONG_FACILITY_WORDS + _AREA_WORDS and
                  text[m.end():m.end() + 1] != "-" and not regex.search(
                      r"['’]s$", text[sp.start:sp.end])) and not taken[sp.end:m.end()].any():
            found.remove(sp)
            taken[sp.end:m.end()] = True
            found.append(Span(sp.start, m.end(), "place"))
    # a proper word inside a sentence before a facility word, though it is a word too: "left Oakwood shelter"
    for m in _PROPER_FACILITY.finditer(text) if any(w in text for w in _STRONG_FACILITY_WORDS) else ():
        k = _fold(m.group("w"))
        if k not in lex.en_common and k not in lex.safe_words and k not in generic and k not in _STOP_CAPS and \
                k not in lex.regions and not taken[m.start():m.end()].any() and not m.group("w").isupper():
            _add(found, taken, m.start(), m.end(), "place")
    # an organisation's acronym before a facility word: "at SCARF day centre", "the CAMH hostel" (not "the CBT clinic")
    for m in _ACRONYM_FACILITY.finditer(text) if any(w in text for w in _STRONG_FACILITY_WORDS) else ():
        a = m.group("a").casefold()
        if a not in lex.safe_words and a not in lex.patterns["code_stopwords"] and not taken[m.start():m.end()].any():
            _add(found, taken, m.start(), m.end(), "place")


# (r25 round) a word discussed as a word ("Hope came up several times as a word", "the word Grace", "la palabra
# Esperanza"), and a postcode's cue before its number ("Izalco, CP 2348"): no name, no part of the postcode
_DISCUSSED_WORD = regex.compile(r"(?<![\p{L}\p{M}'’.-])\p{Lu}\p{Ll}+(?=\s(?:\p{Ll}+\s){0,4}?as\sa\s(?:word|term)\b)"
                              r"|(?<=\b(?i:the\s+word|the\s+term|the\s+name|la\s+palabra)\s[\"“‘']?)\p{Lu}\p{Ll}+"
                              r"(?=[\"”’']?\s(?:came|comes|keeps|kept|was|is|meant|means|felt|feels|carried|carries|stuck)\b)")
_CUE_BEFORE_POSTCODE = regex.compile(r"(?<![\p{L}.])(?:CP|C\.P\.|CPA)(?=\s?\d{4,5}\b)")


def _kept_from_the_tagger(s: _NameScan) -> None:
    """What the rules know is no identifier, kept from the learned layer (r19 to r23 rounds)."""
    text, lex, lang, toks, n, keep_out = s.text, s.lex, s.lang, s.toks, s.n, s.keep_out
    ordinary = s.ordinary
    # (r19 round) what the rules know is no identifier, kept from the learned layer too: an issuer's name before a
    # number's cue ("Bank of Carmody acct 0012...", "Lakeland Power account - ..."), a language a person uses ("She
    # speaks Breton with her aunt"), a capitalised verb in the past opening a sentence ("Rescheduled omar for
    # ...", "Añadió la ...")
    if any(c in text for c in _ISSUER_CUE_NEEDS):
        for m in _ISSUER_BEFORE_CUE.finditer(text):
            keep_out.append((m.start(), m.end()))
    if " as a " in text or " word " in text or " term " in text or "palabra" in text:
        for m in _DISCUSSED_WORD.finditer(text):
            if s.roster is None or s.roster.match(m.group()) is None:
                keep_out.append(m.span())
                for sp in [sp for sp in s.found if sp.kind == "name" and (sp.start, sp.end) == m.span()]:
                    s.found.remove(sp)
                s.taken[m.start():m.end()] = True
    if "CP" in text or "C.P." in text:
        keep_out.extend(m.span() for m in _CUE_BEFORE_POSTCODE.finditer(text))
    for m in _LANGUAGE_USED.finditer(text) if " with " in text or " at " in text or " to " in text else ():
        if _fold(m.group()) not in lex.first_names and _fold(m.group()) not in lex.surnames:
            keep_out.append((m.start(), m.end()))
    for t in toks:
        if not (t.sent_start and t.cap and not t.caps) or t.key in lex.first_names and not (
                lang == "es" and t.word.endswith("ré") and t.key != "andre"):
            continue
        if lang == "en" and t.key.endswith("ed") and len(t.key) >= 6 and t.key not in lex.surnames and (
                _inflected(t.key, lex.en_words) or t.key.startswith("re") and _inflected(t.key[2:], lex.en_words)) \
                or lang == "es" and t.word.endswith("ó") and len(t.key) >= 5 \
                or lang == "es" and t.word.endswith("ré") and len(t.key) >= 4 and t.key != "andre":
            keep_out.append((t.start, t.end))           # (r22 round) and a future's first person: "Veré a ..."
    # (r20 round) a form's label word, kept from the learned layer too: "Town: ...", "Date of incident: ...", "Carer
    # for mother, 94"; and a Spanish verb opening a sentence before an infinitive ("Autoriza llamar a ...", "Prefiere
    # venir ...")
    for i, t in enumerate(toks):
        if not t.cap or t.caps or t.tamil or t.key in lex.first_names:
            continue
        if _FIELD_LABEL_AFTER.match(text, t.end) and ordinary(t) and t.key not in lex.places or \
                lang == "es" and t.sent_start and i + 1 < n and _ES_INFINITIVE.fullmatch(toks[i + 1].word) and \
                t.key in lex.es_words and text[t.end:toks[i + 1].start] == " ":
            keep_out.append((t.start, t.end))
    # (r21 round) a US state's or a Canadian province's code between the town and the ZIP or postal code is no part
    # of the code, nor a place ("Dover, NH 03820", "Barre, VT 05641-2210", "Moncton, NB E1C 4B5")
    if ", " in text:
        for m in _STATE_BEFORE_CODE.finditer(text):
            if m.group("s").casefold() in _US_CA_CODES:
                keep_out.append((m.start("s"), m.end("s")))
    if "n't" in text or "n’t" in text:
        keep_out.extend(m.span() for m in _NEGATED_AUX.finditer(text))
    for m in _PLURAL_SUBJECT.finditer(text) if lang == "en" else ():
        if _fold(m.group("w")) in lex.en_words and _fold(m.group("n")) in lex.en_words or \
                _fold(m.group("n"))[:-1] in lex.en_words:
            keep_out.append(m.span("w"))
    # (r22 round) a Tamil label word before "எண்" (number) and a coded value ("ரேஷன் எண் TN...", "வண்டி எண் KA
    # 01 ..."), and a case ending written apart after a value ("... 10.0.0.1 இலிருந்து வந்தது", came from ...)
    if lang == "ta" or "எண்" in text or "இலிருந்து" in text:
        keep_out.extend(m.span() for m in _TA_LABEL_BEFORE_NUMBER.finditer(text))
        keep_out.extend(m.span() for m in _TA_DETACHED_CASE.finditer(text))
    # (r22 round) so is an Australian state's or territory's code before its four-digit postcode, with or without a
    # comma ("Sale VIC 3850", "Katherine, NT 0850", "Mackay QLD 4740")
    if any(c in text for c in _AU_STATE_NEEDS):
        for m in _AU_STATE_BEFORE_CODE.finditer(text):
            keep_out.append((m.start("s"), m.end("s")))
    # (r23 round) an age in years written short after a name is no address, nor any identifier under 90: "Pcte.
    # Dairo, 36 a., afecto ..." (the patterns take one over 89 as an age)
    if " a." in text:
        keep_out.extend(m.span() for m in _AGE_YEARS_SHORT.finditer(text))
    # (r28 landing) a count of days after a verb of duration, and a span before "hace" with no day, are no dates (the
    # rules leave them); kept from the learned layer too: "spent three days out at sea", "lasted three days on and
    # off", "it has been four days since", "hace una semana", "hace dos meses"
    if "day" in text or "night" in text or "hace " in text or "días" in text:
        keep_out.extend(m.span() for m in _DURATION_NO_DATE.finditer(text))


def _spanish_noun_before_name(s: _NameScan) -> None:
    """A Spanish noun opening a sentence before "de" and a name is no part of the name."""
    text, lex, lang, found, taken, keep_out = s.text, s.lex, s.lang, s.found, s.taken, s.keep_out
    # (r23 round) a Spanish noun opening a sentence before "de" and a name is no part of it: "Seguimiento de Jafet
    # Gual en consulta", "Informe de Ana Ruiz", "Llamada del Sr. ..."
    if lang == "es" and (" de " in text or " del " in text):
        for sp in [sp for sp in found if sp.kind == "name" and sp.roster is None]:
            m = _ES_NOUN_OF.match(text, sp.start)
            if m is None or m.end("p") > sp.end:
                continue
            noun = _fold(m.group("w"))
            if noun not in lex.es_common or noun in lex.first_names or noun in lex.surnames or not (
                    sp.start == 0 or text[sp.start - 1] == "\n" or
                    text[max(0, sp.start - 2):sp.start] in (". ", "? ", "! ")):
                continue
            found.remove(sp)
            taken[sp.start:sp.end] = False
            keep_out.append((sp.start, m.end("p")))
            if m.end("p") + 1 < sp.end:
                _add(found, taken, m.end("p") + 1, sp.end, "name")
            nxt = sorted((x for x in found if x.start == m.end("p") + 1), key=lambda x: x.end)
            if nxt and nxt[0].kind == "place" and _fold(text[nxt[0].start:nxt[0].end]) in lex.first_names:
                run = [nxt[0]]                  # a given name taken for a place after "de": "... de Marta Lozano"
                while (more := [x for x in found if x.kind == "name" and x.start == run[-1].end + 1 and
                                text[run[-1].end] == " "]):
                    run.append(more[0])
                if len(run) > 1:
                    _replace(found, taken, run, run[0].start, run[-1].end, "name")


def _tamil_form_headings(s: _NameScan) -> None:
    """Tamil form headings and field label words are no names."""
    text, lang, found, taken, toks, cues, keep_out = s.text, s.lang, s.found, s.taken, s.toks, s.cues, s.keep_out
    # (r23 round) a Tamil form heading is no name: a word joined by a doubled consonant (sandhi: the hard consonant
    # closing it opens the next word) to a label's word, "அவசரத் தொடர்பு" emergency contact, "சமூகப் பணியாளர்" social
    # worker, "தொடர்புத் தாள்" contact sheet; a Tamil field label word ("சரிபார்ப்பு" check) is kept from the learned
    # layer too
    if lang == "ta" or _is_tamil(text):
        ta_labels = cues["field_labels"]
        for m in _TA_SANDHI.finditer(text):
            if _fold(m.group("n")) not in ta_labels:
                continue                        # (only before a label's word: "பரத் தன் மகள்", "மருத்துவக் கல்லூரி")
            a, b = m.span("w")
            for sp in [sp for sp in found if sp.kind == "name" and sp.roster is None and (sp.start, sp.end) == (a, b)]:
                found.remove(sp)
                taken[a:b] = False
            keep_out.append((a, b))
            keep_out.append(m.span("n"))
        for t in toks:
            if t.tamil and t.key in ta_labels:
                keep_out.append((t.start, t.end))


# (r24 round) a form's heading: a run of one to four words opening a field (the text's or a line's start, after a
# sentence's end, a separator or an opening bracket) and running to the heading's own separator (" | ", " — ", " (",
# a colon) or to a phone number: "CRISIS LINE CALLBACK | ...", "Waitlist entry (...", "Team huddle — ...", "Held at:
# ...", "(Callback +1 ...", "LISTA DE ESPERA | ...", "வெளியேற்றச் சுருக்கம் | ..." (discharge summary)
_HEADING_RUN = regex.compile(
    # (r26 round: after any separator, " + ", " ~ ", " -> ")
    rf"(?:^|(?<=\n|[.!?;|(:]\s|\(|[.;]\)\s|\)\.\s|[—–]\s|\s{FIELD_SEPARATOR}\s)"
    r"(?<!(?:^|[\s(])[\p{L}\p{M}]{1,2}\.\s))"
    r"(?P<h>(?:[\p{L}\p{M}]{1,3}\.\s)?[\p{L}\p{M}][\p{L}\p{M}'’-]*(?:\s[\p{L}\p{M}][\p{L}\p{M}'’-]*){0,3})"
    # (r25 round: and " // ", " » ", " => ", "வீட்டு விஜயம் // ..." home visit, "Intake sheet => ...")
    # (r28 round: and the marks " ▸ ", " ~ ", " ¦ ", " + ", " · ", " • ", "Caseload sheet ▸ ...", "Case-file sweep ~
    # ...")
    r"(?=(?P<sep>\s[|—–»▸~¦+·•]\s|\s//\s|\s=>\s|\s->\s|\s::\s|\s\((?!\d)|\s?:\s)"
    r"|\s[+(]?\d[\d\s().-]{6,}\d)")
_HEADING_NEEDS = (" | ", " — ", " – ", " (", ": ", "(", " // ", " » ", " => ", " -> ", " :: ", " ▸ ", " ~ ", " ¦ ",
                  " + ", " · ", " • ")
# a Tamil heading's word (a form's part or a desk's): "சுருக்கம்" summary, "முகப்புத்தாள்" cover sheet, "திருத்தம்"
# correction, "மேசை" desk
_TA_HEADING_WORDS = frozenset({"சுருக்கம்", "முகப்புத்தாள்", "திருத்தம்", "மேசை", "விவரம்", "படிவம்", "குறிப்பு",
                               "அறிக்கை", "கடிதம்", "தாள்", "பட்டியல்", "கோரிக்கை", "ஒப்புதல்",
                               # (r25 round) visit, assessment, review, plan, request, meeting
                               "விஜயம்", "மதிப்பீடு", "மீளாய்வு", "திட்டம்", "வேண்டுகோள்", "கூட்டம்", "சந்திப்பு",
                               # (r26 round) update ("கோப்புப் புதுப்பிப்பு" file update)
                               "புதுப்பிப்பு"})
# (r25 round: folded as the keys are, "கோரிக்கை" decomposed; the composed word never matched)
_TA_HEADING_KEYS = frozenset(_fold(w) for w in _TA_HEADING_WORDS)


def _form_headings(s: _NameScan) -> None:
    """A form's heading and its field labels are no names or places: kept from the learned layer too."""
    text, lex, found, taken, keep_out, cues = s.text, s.lex, s.found, s.taken, s.keep_out, s.cues
    labels = cues["field_labels"]
    for m in _HEADING_RUN.finditer(text) if any(c in text for c in _HEADING_NEEDS) else ():
        words = m.group("h").split()
        if any(w.endswith(("'s", "’s")) for w in words):
            continue                                    # a person's thing: "Gunnar's car (reg ...)"
        keys = [_fold(w.rstrip(".")) for w in words]
        if all(_is_tamil(w) for w in words):
            # two or three Tamil words before a heading's word ("வரவேற்பு மேசை" reception desk), or two joined by a
            # doubled consonant ("வெளியேற்றச் சுருக்கம்" discharge summary); one Tamil label word alone ("கைப்பேசி –"
            # mobile); an initial before a label's word ("பி. தேதி" birth date); not after a label's colon
            initial = words[0].endswith(".")
            if not (len(words) == 1 and (keys[0] in labels or keys[0] in _TA_HEADING_KEYS) or
                    initial and len(words) == 2 and keys[1] in labels or
                    not initial and m.group("sep") and text[m.start() - 2:m.start()] != ": " and (
                        keys[-1] in _TA_HEADING_KEYS and len(words) <= 3 or
                        len(words) == 2 and words[0].endswith("்") and words[0][-2:-1] in "கசதப")):
                continue
        elif any(_is_tamil(w) for w in words):
            continue
        else:
            caps = all(w.isupper() for w in words if w.lower() not in _STOP_CAPS)
            known = [k in lex.en_words or k in lex.es_words or k in labels or k in _STOP_CAPS for k in keys]
            named = [k in lex.first_names or k in lex.surnames for k in keys]
            if caps and m.group("sep") and len(words) >= 2 and sum(known) >= max(1, len(words) - 1) and \
                    not any(k in lex.first_names and not kn for k, kn in zip(keys, known)):
                pass                                   # "CRISIS LINE CALLBACK", "LISTA DE ESPERA", "FICHA DE ACOGIDA"
            elif not caps and m.group("sep") and len(words) >= 2 and all(w[:1].islower() for w in words[1:]) and \
                    all(known[1:]) and (keys[0] not in lex.first_names and (known[0] or not named[0]) or
                                        keys[-1] in labels and
                                        keys[-1] not in _STOP_CAPS and m.group("sep").strip() != "("):
                pass                                   # "Team huddle", "Waitlist entry", "Held at", "Foster carer"
            elif len(words) == 1 and not caps and not named[0] and text[m.start() - 1:m.start()] == "(" and \
                    m.group("h")[:1].isupper() and regex.match(r"\s[+(]?\d", text[m.end():]):
                pass                                   # "(Callback +1 709 ...": a contact word before a number
            else:
                continue
        a, b = m.span("h")
        for sp in [sp for sp in found if sp.kind in ("name", "place") and sp.roster is None and a <= sp.start and
                   sp.end <= b]:
            found.remove(sp)
        taken[a:b] = True                               # (no later stage finds a name in it either)
        keep_out.append((a, b))
    # (r24 round) the length of a stay after "discharged" is no date ("admitted on 8/1/01 and discharged four days
    # later"); a supervisory register's name before its number mark ("Registro Superintendencia de Salud n.º ...")
    if "days later" in text or "days after" in text:
        keep_out.extend(m.span() for m in _STAY_LENGTH.finditer(text))
    if "n.º" in text or "nº" in text or "No." in text:
        keep_out.extend(m.span() for m in _REGISTER_BEFORE_MARK.finditer(text))


_STAY_LENGTH = regex.compile(r"\b(?i:discharged|released|sent\s+home)\s+(?:\p{L}+[\s-]){0,2}?\p{L}+\s+days?\s+"
                             r"(?i:later|after|afterwards)\b")
_REGISTER_BEFORE_MARK = regex.compile(r"\b(?:Superintendencia|Colegio|Consejo|Registro|Register|College|Council|Board)"
                                      r"\s(?:de|del|of)\s(?:la\s|los\s|the\s)?\p{Lu}[\p{L}\p{M}]+(?:\s(?:de|of|y|and)\s"
                                      r"\p{Lu}[\p{L}\p{M}]+)?\s(?:n\.?\s?[º°o]\.?|No\.)")


_AGE_YEARS_SHORT = regex.compile(r"(?<=\p{L},\s)\d{1,3}\s?a\.(?=[\s,;)]|$)")
_ES_NOUN_OF = regex.compile(r"(?P<w>\p{Lu}\p{Ll}+)\s(?P<p>de|del)(?=\s\p{Lu}|$)")
_TA_SANDHI = regex.compile(r"(?<![\p{L}\p{M}])(?P<w>[\u0b80-\u0bff]{2,}(?P<c>[கசதப])்)\s(?P<n>(?P=c)[\u0b80-\u0bff]+)")
# (r22 round) a deity's name is no person's, even after "called" ("She called God her only friend")
_DEITIES = frozenset({"god", "lord", "allah", "christ"})
# (r22 round) kept from the learned layer: a negated auxiliary opening a sentence ("Wouldn't eat at first"), and an
# everyday word that is a given name too before a plural noun and a plural verb, a compound subject ("Summer holidays
# were hard", "Hope chests are ...", not "Dawn walks her dog")
_NEGATED_AUX = regex.compile(r"(?<![\p{L}'’])\p{Lu}\p{Ll}+(?=n['’]t\b)")
_DURATION_NO_DATE = regex.compile(
    r"\b(?i:spent|spend|spends|lasted|lasts|been|took|takes|durante|pasó|pasaron)\s+(?:(?i:about|around|nearly|almost"
    r"|over|some|unos|unas|casi)\s+)?(?:\d{1,3}|\p{Ll}+(?:-\p{Ll}+)?)\s+(?i:days?|nights?|días|noches)\b"
    r"(?:\s+(?i:out|on|since|off|running|seguidos|seguidas))?"
    r"|\b(?i:hace)\s+(?:\d{1,2}|\p{Ll}+)\s+(?i:semanas?|mes|meses|años?)\b(?!\s+(?i:exactas?|justas?|de|el|hoy|ayer))")
_PLURAL_SUBJECT = regex.compile(r"(?<=^|[.!?]\s+|\n)(?P<w>\p{Lu}\p{Ll}+)\s(?P<n>\p{Ll}+s)\s(?:have|are|were|seem|help|"
                                r"helped|make|made|feel|felt|keep|kept)\b")
_TA_LABEL_BEFORE_NUMBER = regex.compile(r"(?<![\p{L}\p{M}])[\p{Tamil}]+(?=\sஎண்\s?[:#=–—-]?\s*[A-Z])")
_TA_DETACHED_CASE = regex.compile(r"(?<=[\w:.]\s)(?:இலிருந்து|இல்|இருந்து|க்கு|உடன்|இடம்)(?![\p{L}\p{M}])")
_AU_STATE_NEEDS = ("NSW", "VIC", "QLD", "SA ", "WA ", "TAS", "NT ", "ACT", "Vic ", "Qld ", "Tas ")
_AU_STATE_BEFORE_CODE = regex.compile(r"(?<=\p{L}\.?,?\s)(?P<s>NSW|VIC|QLD|SA|WA|TAS|NT|ACT|Vic|Qld|Tas)"
                                      r"(?=,?\s{1,2}\d{4}(?!\d|[/.:-]\d))")


_US_CA_CODES = frozenset("""al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm
ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc pr on bc qc ab sk mb ns nb nl pe yt nt nu""".split())
# (r24 round: after a unit's number too, "Unit 7, ND 58378")
_STATE_BEFORE_CODE = regex.compile(r"(?<=(?:\p{L}\.?|\d[A-Za-z]?),\s)(?P<s>[A-Z]{2})"
                                   r"(?=\.?,?\s{1,2}(?:\d{5}(?:-\d{4})?(?!\d)|[A-Z]\d[A-Z] ?\d[A-Z]\d\b))")


# (r19 round) an issuer's capitalised name (with "of", "de" inside) right before a number's cue word and its number
# ("Bank of Carmody account 0012-...", "Lakeland Power acct - 7712...", "Ashgrove file: AG/1234")
_ISSUER_CUE_NEEDS = ("cct", "ccount", "MRN", "file", "chart", "unit", "uenta")
# (not "ref": a person's name before a reference, "Usuaria: Ana Gil Ref.: ...")
_ISSUER_BEFORE_CUE = regex.compile(r"(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:of|de|del|and|&)\s+)?"
                                   r"\p{Lu}[\p{L}\p{M}'’-]*){0,3}(?=\s+(?i:account|acct|a/c|mrn|file|chart|unit|cuenta)"
                                   r"\b\.?\s*(?:(?i:no|number|n[º°o])\.?\s*)?(?:[:#]\s*|[-–]\s+)?"
                                   r"[A-Z]{0,4}[-/]?\d)")
# a language a person uses, between a verb of speaking or using and "with", "at", "to" ("speaks Breton with her
# aunt", "uses Gaelic at home")
_LANGUAGE_USED = regex.compile(r"(?<=\b(?:speaks|spoke|speak|speaking|uses|used|use|using|writes|wrote|prays|prayed)\s)"
                               r"\p{Lu}\p{Ll}{3,}(?=\s+(?:with|at|to)\b)")


def _inflected(key: str, words: frozenset) -> bool:
    """``key`` is an English word with an ending: "worries", "thanked", "boxes" (but "-es" only after s, x, z, ch, sh
    or o, so a name such as "Lamees" is not "lame" + "es")."""
    for suf, add in _INFLECTIONS:
        if key.endswith(suf):
            stem = key[:-len(suf)]
            if suf == "es" and not stem.endswith(("s", "x", "z", "ch", "sh", "o")):
                continue
            if stem + add in words or (suf in ("ed", "ing", "er") and len(stem) > 3 and stem[-1] == stem[-2] and
                                       stem[:-1] in words):          # "stopped", "planning"
                return True
    return False


def _compound(key: str, lex: Lexicon) -> bool:
    """``key`` is two English words written together ("telehealth", "homework", "wi-fi", "self-compassion"), not a
    name ("ha-eun", "ji-woo": not every part is a word)."""
    if "-" in key:
        return all(part in lex.en_words for part in key.split("-"))
    return any(key[:k] in lex.en_words and key[k:] in lex.en_words and (key[:k] in lex.en_common or
                                                                        key[k:] in lex.en_common)
               for k in range(3, len(key) - 2))


# two last words that end a facility's name ("Tuba City Regional Health Care"), where the last alone does not ("Foster
# Care", "Self Care")
# lower-case words that make the proper word before them a facility: "Anbagam shelter", "Cyrenians hostel"
_STRONG_FACILITY_WORDS = ("shelter", "hostel", "refuge", "hospital", "hospice", "clinic", "jail", "prison",
                          "day centre", "day center", "drop-in", "care home", "nursing home", "temple", "mosque",
                          "gurdwara", "church", "school", "college")
_REGION_FEATURES = frozenset({"shores", "heights", "park", "valley", "hills", "springs", "falls", "beach", "city",
                              "lake", "creek", "ridge"})
# lower-case words of a local-government area after its name, though the name is a word too: "out in Craven district"
_AREA_WORDS = ("district", "county", "shire", "taluk", "municipality")
_FACILITY_WORD_AFTER = regex.compile(r" (" + "|".join(_STRONG_FACILITY_WORDS) + r"|\p{Ll}+)\b")
_PROPER_FACILITY = regex.compile(r"(?<=[\p{Ll},;] )(?P<w>\p{Lu}[\p{L}'’-]{2,}) (?:shelter|hostel|refuge|hospice|jail"
                                  r"|prison|day centre|day center|drop-in|care home|nursing home)\b")
_ACRONYM_FACILITY = regex.compile(r"(?<![\w&.-])(?P<a>[A-Z]{3,6})\s+(?:" + "|".join(_STRONG_FACILITY_WORDS) + r")\b")
_FACILITY_NUMBER = regex.compile(r" (?:Number|No\.?|Nº|N°|#) ?\d{1,3}\b(?![.,:/]\d)")
_FACILITY_PAIRS = frozenset({("health", "care"), ("health", "services"), ("health", "service"), ("health", "system"),
                             ("care", "centre"), ("care", "center"), ("medical", "group")})
# facilities named "X of Y" after a place cue: "taken to Institute of Mental Health", "at the University of Leeds"
_FACILITY_OF = frozenset({"institute", "university", "hospital", "college", "school", "academy", "infirmary",
                          "sanatorium", "polytechnic", "seminary"})
_OF_NAME = regex.compile(r" of (?:the )?\p{Lu}[\p{L}\p{M}'’]+")


def _strip_plural(key: str) -> str:
    """"contacts" -> "contact", "parents" -> "parent" (for role words before a colon)."""
    return key[:-1] if key.endswith("s") and len(key) > 3 else key


def _followed_by_region(toks: list[_Tok], i: int, lex: Lexicon, text: str) -> bool:
    """"Harlan, Kentucky", "Ooty, Tamil Nadu", "Coalinga, CA"."""
    if i + 1 >= len(toks) or text[toks[i].end:toks[i + 1].start] != ", " or not toks[i + 1].cap:
        return False
    nxt = toks[i + 1]
    return nxt.key in lex.regions or nxt.key in lex.safe_phrases or (nxt.caps and len(nxt.key) == 2)


def _multi_place(keys: list[str], lex: Lexicon) -> int:
    for words in lex.multi_places.get(keys[0], ()):
        if tuple(keys[:len(words)]) == words:
            return len(words)
    return 0


def _tamil_stem(word: str, stem: str) -> bool:
    """``word`` is the Tamil name ``stem`` or the name with a case ending: "மீனாட்சியின்", "அம்பிகாவுடன்",
    "முருகனின்" (a final consonant's virama gives way to the vowel sign)."""
    if word == stem:
        return True
    if len(stem) < 3 or len(word) - len(stem) > 6:
        return False
    if stem[-1] in _TA_VOWEL_SIGNS:
        return word.startswith(stem) and word[len(stem)] in "வய"
    if stem[-1] == "\u0bcd":
        return word.startswith(stem[:-1]) and word[len(stem) - 1] in _TA_VOWEL_SIGNS
    return False


def _tamil_match(word: str, names: frozenset, min_len: int) -> bool:
    """``word`` is one of ``names``, or one of at least ``min_len`` code points with a case suffix
    of up to four attached (Tamil writes "Priya's" as one word)."""
    return word in names or any(word[:k] in names for k in range(max(min_len, len(word) - 4), len(word)))


# (r21 round) a given name that is also a country's, with a person's cue: a patient's field before it ("Pt: Jordan
# Greene", "Usuaria Argentina Rojas") or a person's act after it at a clause's start ("Jordan came in with ...",
# "once Chad signs the form", "Argentina canceló la cita", "España llamó ayer")
_COUNTRY_NAME_NEEDS = ("Pt", "atient", "lient", "suari", "aciente", "rrived", "signs", "signed", "cambia", "llamó",
                       "llegó", "firmó", "canceló", "rang")
_COUNTRY_NAME = regex.compile(
    r"(?<=\b(?:Pt|Patient|Client|Usuaria|Usuario|Paciente|Cliente)\.?(?::\s?|\s))(?P<n>\p{Lu}\p{Ll}+)(?P<s>\s\p{Lu}\p{Ll}+)?"
    r"|(?:(?<=^|[.;:!?—–]\s|\n|\b(?:once|when|until|after|before|if|and|y|que)\s))(?P<n>\p{Lu}\p{Ll}+)"
    r"(?=\s(?:arrived|came|rang|signs|signed|cancelled|canceled|cambia|cambió|llamó|llegó|firmó|firma|canceló)\b)")


_PERSON_ONLY_VERB = regex.compile(r"\s(?:rang|phoned|signs|signed|cancelled|canceled|llamó|firmó|firma|canceló)\b")
_COUNTRY_SURNAME_AFTER = regex.compile(r"\s(?P<n>\p{Lu}\p{Ll}+)(?=\s*[,.;|/)]|\s*$)")


def _country_names(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    # a surname that is a country's, right after a given name found: "Usuaria Marta Portugal, ..."
    for sp in [sp for sp in found if sp.kind == "name" and sp.roster is None]:
        m = _COUNTRY_SURNAME_AFTER.match(text, sp.end)
        if m and (key := _fold(m.group("n"))) in lex.regions and key in lex.surnames and \
                not taken[m.start("n"):m.end("n")].any():
            _replace(found, taken, [sp], sp.start, m.end("n"), "name")
    for m in _COUNTRY_NAME.finditer(text):
        key = _fold(m.group("n"))
        if key not in lex.regions or key not in lex.first_names and key not in lex.surnames and not (
                _PERSON_ONLY_VERB.match(text, m.end("n"))):
            continue                                    # (only a name too: "Pt: Chad", not "Pt: Peru"; r23 round:
            #                                             any, before a verb only a person does, "Mali rang ahead")
        end = m.end("s") if m.group("s") and _fold(m.group("s").strip()) not in lex.en_words else m.end("n")
        inside = [sp for sp in found if sp.start < end and sp.end > m.start()]
        if all(sp.kind in ("name", "place") for sp in inside):
            start = min([m.start()] + [sp.start for sp in inside])
            _replace(found, taken, inside, start, max([end] + [sp.end for sp in inside]), "name")


# (r15 round) a person named by the cue of a form's role or of a contact list, whose name no list knows:
# "Clinician: Okoro-Vance, HCPC reg. ...", "provider Tembo Ngwira, licence no. ...", "payer Brackwater, House 12",
# "Volunteer driver Ostrander checked", "El voluntario Anselmo presentó", "según Eustaquia", "que Eustaquia dice",
# "Sesión conjunta con Eustaquia", "Eustaquia irá a verlo", "அனுப்புநர் X," (sender X); and a name directly before
# a phone number in a list: "Safety plan contacts: Drummelow 01632 960412; ...", "Visitor log: Quassim (+44 ...)
# and ...", "from Kettlewick, tel (807) ...", "பாதுகாப்புத் திட்டம்: X 04175-..." (safety plan: X ...).
_CUE_NAME = r"\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}?[\p{Ll}\p{M}'’]+)?"
_CUE_NAMES = rf"{_CUE_NAME}(?:\s{_CUE_NAME}){{0,2}}"
_TA_CUE_NAME = r"[\u0b80-\u0bff]{3,}"
_ROLE_NAME = regex.compile(
    rf"\b(?:(?:Clinician|Therapist|Counsell?or|Psychologist|Psychiatrist|Caseworker|Case\sworker"
    rf"|Key\sworker|Social\sworker|Provider|Referrer|Sender|Payer|Interpreter|Attending|Clínico|Clínica|Terapeuta"
    rf"|Psicólog[oa]|Remitente|Pagadora?):\s|(?:provider|payer|[Vv]olunteer\sdriver|[Vv]olunteer|[Dd]river"
    rf"|[Ii]nterpreter|[Ee]l\s(?:voluntario|conductor|chofer|intérprete|acompañante|pagador)"
    rf"|[Ll]a\s(?:voluntaria|conductora|intérprete|acompañante|pagadora)|según|segun)\s)"
    rf"(?P<n>{_CUE_NAMES})(?=\s*[,;(]|\s\p{{Ll}}|\.\s)")
# (each form starts with its cue's literal words, and a name before its verb is looked for behind the verb:
# throughput)
_ES_NAME_VERB = regex.compile(
    rf"\bque\s(?P<a>{_CUE_NAMES})(?=\s(?:dice|dijo|cuenta|contó|cree|piensa|afirma|asegura|niega)\b)"
    rf"|\b(?:Sesión|Sesion|Llamada|Cita|Consulta|Visita|Entrevista)(?:\s[\p{{Ll}}\d]+){{0,3}}"
    rf"\scon\s(?P<c>{_CUE_NAMES})(?=[\s.,;:])"
    rf"|\b(?:Joint\ssession|Session|Call|Visit|Appointment)(?:\s[\p{{Ll}}\d]+){{0,3}}"
    rf"(?:\swith)?:?\s(?P<d>{_CUE_NAMES})(?=\s(?:and|y)\s\p{{Lu}})"
    rf"|\b(?:[Ll]a|[Ee]l|[Ss]u)\s(?:abuel[oa]|madre|padre|herman[oa]|hij[oa]|tía|tío|espos[oa]|pareja|novi[oa]"
    rf"|prim[oa]|niet[oa]|sobrin[oa]|suegr[oa]|cuñad[oa]|madrina|padrino)\sde\s(?P<g>{_CUE_NAMES})(?=,)"
    rf"|அனுப்புநர்:?\s(?P<e>{_TA_CUE_NAME})(?=[,\s])")
# a verb after a person (the name is looked for before it): "Anselma irá a verlo", "X அவர்களைச் சந்தித்தேன்"
_AFTER_A_PERSON = regex.compile(r"\s(?:irá|iría|vendrá|volverá|pasará|visitará|llamará|acompañará|llevará|traerá)\b"
                                r"|\sஅவர்கள(?:ைச்|ைப்|ை|ின்|ிடம்|ுக்கு|ோடு|ுடன்)?\s(?:சந்தித்|பார்த்|அழைத்|பேசின|பாட்டி"
                                r"|தாத்தா|அம்மா|அப்பா|மகன்|மகள்|கணவர்|மனைவி)")
_AND_NAME = regex.compile(rf"\s(?:and|y)\s(?P<n>{_CUE_NAMES})")
_PERSON_BEFORE = regex.compile(rf"(?:(?:^|[.;:]\s|\n)(?P<b>{_CUE_NAMES})|(?<![\u0b80-\u0bff])(?P<f>{_TA_CUE_NAME}))$")
# a list's item before a phone number: after a colon, a semicolon, "and"/"y", or "from"/"de"/"அனுப்புநர்" and a comma
_ITEM_BEFORE_PHONE = regex.compile(
    rf"(?:(?:[:;]|(?<![\p{{L}}\p{{M}}])(?:and|y|e))\s+(?P<n>{_CUE_NAMES}|{_TA_CUE_NAME})\s?\(?"
    rf"|(?<![\p{{L}}\p{{M}}])(?:from|de|அனுப்புநர்)\s+(?P<n>{_CUE_NAMES}|{_TA_CUE_NAME}),\s"
    rf"(?:(?i:tel|tél|ph|phone|mob|móvil|cel)\.?:?\s)?)$")
_NOT_CUE_NAME = frozenset("""tel tele phone ph mob mobile cell fax home work office móvil movil celular teléfono
telefono tfno telf landline pager whatsapp helpline hotline crisis emergency emergencias line línea linea contact
contacto contacts contactos number número numero the el la los las his her their su sus and y reg dr dra mr mrs ms
doctor doctora nurse police policía ambulance ambulancia reception recepción clinic clínica clinica hospital oficina
ward sala team equipo duty guardia main direct switchboard centralita general local urgent urgencias urgente mother
father mum dad sister brother madre padre hermana hermano hija hijo son daughter wife husband esposa esposo partner
pareja friend amiga amigo gp pharmacy farmacia school escuela trabajo casa""".split())


_TA_CASE_ENDINGS = ("க்கு", "ுக்கு", "ிற்கு", "ில்", "இல்", "ிடம்", "ை", "ும்", "ாக", "ோடு", "ுடன்", "ால்", "து", "ர்", "ன்",
                    # a joining consonant: a verb's or a case's form before the verb, "சொல்லிச் சென்றார்" (said and
                    # went), "பார்க்கப் போகிறார்" (goes to see), "வளாகத்திற்குச் செல்கிறார்"
                    "ப்", "ச்", "க்", "த்")
# Tamil words for a phone, a fax, a mobile before the number: "கைபேசி +91 ...", "தொலைநகல் 04324 ..."
_TA_CONTACT_WORDS = ("பேசி", "தொலைநகல்", "நகல்", "மொபைல்", "போன்", "தொடர்பு", "எண்", "அழைப்பு", "வாட்ஸ்அப்")


def _dictionary_word(word: str, lex: Lexicon) -> bool:
    """A word of the dictionary that no list of names knows: "Clinician: Psychology Services, ..." names no one."""
    key = _fold(word)
    return (key in lex.en_words or key in lex.es_words) and key not in lex.first_names and key not in lex.surnames


def _ordinary_cue_word(word: str, lex: Lexicon) -> bool:
    key = _fold(word)
    return key in _NOT_CUE_NAME or key in lex.safe_words or key in lex.cues["titles"] or key in lex.cues["kin"] or \
        key in lex.en_common or key in lex.es_common or key in lex.ta_common or key in lex.regions


def _put_name(found: list[Span], taken: np.ndarray, start: int, end: int, *, over_places: bool = False) -> None:
    """``start``-``end`` as one name, over the names (and, when ``over_places``, places) found inside it."""
    inside = [sp for sp in found if sp.start < end and sp.end > start]
    kinds = ("name", "place") if over_places else ("name",)
    if any(sp.kind not in kinds or sp.start < start or sp.end > end for sp in inside):
        return
    if len(inside) == 1 and inside[0].kind == "name" and (inside[0].start, inside[0].end) == (start, end):
        return
    _replace(found, taken, inside, start, end, "name")


# (r19 round) a contact's or a referrer's name after its label, over a place taken inside it: Tamil and code-mixed
# labels ("Referral செய்தவர் X Y" referred by, "தொடர்புக்கு: X Y 0422..." for contact, "GP X"), Latin-script
# contact labels ("Persona de contacto: Lincoln Ibarra 4726..."), a relation and a comma before a full name ("Su
# expareja, Jackson Ferreira, le escribe")
_CONTACT_ROLE_NAME = regex.compile(
    r"(?:Referral\sசெய்தவர்|தொடர்புக்கு|GP|மொழிபெயர்ப்பாளர்|உறவினர்)(?:\s?[:-]\s?|\s)"
    r"(?P<t>\p{Tamil}{3,}(?:\s\p{Tamil}{3,})?)(?=\s*(?:[.,;:|/·(+]|\d|$))"
    rf"|\b(?:Persona\sde\scontacto|Contacto|Emergency\scontact|Contact)(?:\s?[:-]\s?|\s)(?P<l>{_CUE_NAME}\s{_CUE_NAME})"
    r"(?=\s*(?:[,;|/·(+]|\d))"
    rf"|\b(?:[Ss]u|[Hh]is|[Hh]er|[Tt]heir)\s(?:ex-?pareja|ex-?marido|ex-?esposo|ex-?esposa|ex-?novio|ex-?novia|pareja"
    rf"|marido|esposo|esposa|ex-?partner|ex-?husband|ex-?wife|ex-?boyfriend|ex-?girlfriend|partner|husband|wife|ex),\s"
    rf"(?P<k>{_CUE_NAME}\s{_CUE_NAME}),")
_TA_INFLECTED_NOT_DU = tuple(e for e in _TA_INFLECTED if e != "து")    # a name may end so: "முத்து"
_CONTACT_ROLE_NEEDS = ("செய்தவர்", "தொடர்புக்கு", "GP", "மொழிபெயர்ப்பாளர்", "உறவினர்", "ontact", "ontacto", ", ")


# (r20 round) a person's role label with its colon, then a known given name and one capitalised word: the word is
# the surname even when it is an ordinary word or a place ("Care coordinator: Ruby Fox", "Solicitor: Grace Moody",
# "Sent by: Jordan Hill"); and a relation in apposition before the same shape ("her ex, Dale Summer,")
_ROLE_LABEL_NAME = regex.compile(
    r"(?:\b(?:(?i:contact\sperson|case\smanager|care\scoordinator|attorney|lawyer|solicitor|advocate|guardian"
    r"|sent\sby|referred\sby|signed\sby|reviewed\sby|completed\sby|emergency\scontact|caseworker|case\sworker"
    r"|key\sworker|social\sworker|supervisor|abogad[oa]|enviado\spor|remitido\spor|trabajador[a]?\ssocial):\s)"
    r"|\b(?:[Hh]er|[Hh]is|[Tt]heir)\s(?:ex|ex-partner|ex-husband|ex-wife|partner|husband|wife|brother|sister|son"
    r"|daughter|cousin|neighbour|neighbor|friend),\s)"
    r"(?P<f>\p{Lu}[\p{Ll}\p{M}'’]+)\s(?P<l>\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?)"
    r"(?=\s*[.,;|/)]|\s*$|\s[-–]\s)")
_ROLE_LABEL_NEEDS = (": ", ", ")
def _cue_names(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    """People a role's label or a verb names: "Cuidadora: Ana Ruiz", a contact's label, a role's cue, a Spanish
    verb's subject or object, a name before a verb that needs a person; over a place taken inside them."""
    for m in _ROLE_LABEL_NAME.finditer(text) if any(c in text for c in _ROLE_LABEL_NEEDS) else ():
        if _fold(m.group("f")) in lex.first_names and _fold(m.group("l")) not in lex.cues["titles"]:
            _put_name(found, taken, m.start("f"), m.end("l"), over_places=True)
    for m in _CONTACT_ROLE_NAME.finditer(text) if any(c in text for c in _CONTACT_ROLE_NEEDS) else ():
        g = m.lastgroup
        words = m.group(g).split()
        if g == "t" and any(w in lex.ta_common or w.endswith(_TA_INFLECTED_NOT_DU) or w in lex.cues["kin"] or
                            w in lex.cues["titles"] or w in lex.safe_words for w in words):
            continue
        if g != "t" and (_ordinary_cue_word(words[-1], lex) or all(_ordinary_cue_word(w, lex) for w in words)):
            continue                                       # (a given name that is a place is the name's: "Lincoln")
        _put_name(found, taken, m.start(g), m.end(g), over_places=True)
    for m in _ROLE_NAME.finditer(text):
        words = m.group("n").split()
        while words and _ordinary_cue_word(words[-1], lex):
            words.pop()
        if words and not any(_ordinary_cue_word(w, lex) for w in words) and (
                m.group().startswith(("según", "segun")) or not all(_dictionary_word(w, lex) for w in words)):
            start = m.start("n")                           # a role's cue names no place: "Clinician: Shabani"
            _put_name(found, taken, start, start + len(" ".join(words)), over_places=True)
    spans: list[tuple[str, int, int]] = []                # (the form, where the name starts, where it ends)
    if any(c in text for c in ("que ", "con ", "ssion", " de ", "அனுப்புநர்")):
        for m in _ES_NAME_VERB.finditer(text):
            g = next(k for k in "acdeg" if m.group(k) is not None)
            spans.append((g, m.start(g), m.end(g)))
    if "rá " in text or "ía " in text or "அவர்கள" in text:
        for v in _AFTER_A_PERSON.finditer(text):
            base = max(0, v.start() - 60)
            m = _PERSON_BEFORE.search(text, base, v.start())
            if m and (m.start() > base or base == 0):
                g = "b" if m.group("b") is not None else "f"
                spans.append((g, m.start(g), m.end(g)))
    for g, start, end in spans:
        words = text[start:end].split()
        if g == "e":                                       # the sender's cue taken into the name: "அனுப்புநர் X"
            for sp in [sp for sp in found if sp.kind == "name" and sp.start < start < sp.end and sp.end == end]:
                _replace(found, taken, [sp], start, end, "name")
        if not any(_ordinary_cue_word(w, lex) for w in words):
            _put_name(found, taken, start, end, over_places=g in "abcg")
        if g == "d":                                       # "Joint session: X and Y": Y too
            after = _AND_NAME.match(text, end)
            if after and not any(_ordinary_cue_word(w, lex) for w in after.group("n").split()):
                _put_name(found, taken, after.start("n"), after.end("n"))


def _phone_item_names(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    """A list's item before a phone or fax number is a person (``_ITEM_BEFORE_PHONE``), unless it is a word for a phone
    or a contact, a Tamil verbal noun, an ordinary word or a payment wallet ("Facturación: Yappy +507 ...")."""
    for sp in [sp for sp in found if sp.kind in ("phone", "fax")]:
        m = _ITEM_BEFORE_PHONE.search(text[max(0, sp.start - 60):sp.start])
        if m is None:
            continue
        words = m.group("n").split()
        # (r19 round: a verbal noun, "நினைவூட்டல் 0422 ..." (reminder), "உறுதிப்படுத்தல்" (confirmation))
        if _is_tamil(words[0]) and (words[0].endswith(_TA_CONTACT_WORDS + ("க்கு", "ில்", "ிடம்", "ப்", "ச்", "க்",
                                                                            "ட்டல்", "த்தல்")) or
                                    words[0] in lex.ta_common):
            continue                                       # "கைபேசி 98...", "சந்தேகங்களுக்கு 0452 ..." (for doubts)
        before = regex.search(r"([\p{L}\p{M}]+)\W*$", text[max(0, sp.start - 90):max(0, sp.start - 60) + m.start()])
        if any(_ordinary_cue_word(w, lex) for w in words) or before is not None and \
                before.group(1).lower() in _PAYMENT_WORDS:
            continue                                       # a wallet paid through: "Facturación: Yappy +507 ..."
        base = max(0, sp.start - 60)
        _put_name(found, taken, base + m.start("n"), base + m.end("n"), over_places=True)


# (r16 round) a person whose name no list knows, by the verb after it or the words before it:
# - before a person's verb, opening a sentence or a clause: "Tamsin showed me the letter", "Odhran drives out every
#   Sunday", "Quilla moved out of ...", "Bexley now lives at ...", "Orrin keeps calling", "Ysolde arrived ten minutes
#   late", "Dervla came in with ...", "Marisol described ...", "Tiago mentioned ...", "Ansel was calmer than ...";
# - after a session's or a carer's words: "Session 4 with Tamsin.", "check-in w/ Tamsin —", "custody of Ysolde",
#   "protective of Ysolde", "came in with Orrin, who ...";
# - before a possessive and a person's thing: "Bexley's NI no. ...", "Dervla's funeral";
# - a fax cover's sender: "From: Ansel Pryke. Pages: 3";
# - a Tamil name after an English role word or a form's label: "Social worker X அவர்களை", "Client: X Y |".
# (each form is looked for by its verb or its thing first, and the name behind it: throughput)
_PERSON_VERB = regex.compile(
    r"\s(?:was\s(?:calmer|quieter|tearful|late|born|angry|upset|anxious|withdrawn|brighter)"
    r"|showed|shows|drives|drove|moved\s(?:out|in|back)|moves\s(?:out|in|back)|lives|lived|keeps\s(?:calling|texting"
    r"|ringing|asking)|kept\s(?:calling|texting|ringing|asking)|arrived|arrives|came\sin|comes\sin|described|describes"
    r"|mentioned|mentions|disclosed|discloses|texted|phoned|rang)\b")
_NAME_BEFORE_VERB = regex.compile(rf"(?:^|(?<=[.;:!?]\s|\n|[—–]\s))(?P<n>{_CUE_NAME})(?:\s(?:now|still|also|then|just"
                                  rf"|later|finally|often|always|never|again))?$")
_PERSON_VERB_NEEDS = ("was calm", "was quiet", "was tear", "was late", "was born", "was angr", "was upset",
                      "was anx", "was withdr", "was bright", "show", "driv", "drove", "move", "live", "keep", "kept",
                      "arriv", "came in", "comes in", "describ", "mention", "disclos", "texted", "phoned", "rang")
_PERSON_AFTER_WORDS = regex.compile(
    rf"\b(?:[Ss]ession(?:\s\d{{1,3}})?|[Cc]heck-in|[Cc]all|[Vv]isit|[Ww]alk|[Mm]eeting)\s(?:with|w/)\s"
    rf"(?P<a>{_CUE_NAMES})(?=\s?[.,;:—–]|\s(?:around|and|about|at|in|on|today|re)\b)"
    rf"|\b(?:custody|protective|afraid|scared|frightened|jealous|proud|fond|worried|wary)\sof\s(?P<b>{_CUE_NAME})"
    rf"(?=[\s.,;:]|['’]s\b)"
    rf"|\bwith\s(?P<c>{_CUE_NAME}),\swho\b"
    rf"|\b(?:From|Sender|De|Remitente):\s(?P<e>{_CUE_NAMES})(?=\.\s(?:Pages|Páginas|Paginas|Re|Date|Fecha)\b)"
    rf"|\b(?:Social\sworker|Case\sworker|Caseworker|Key\sworker|Counsell?or|Nurse|Teacher|Interpreter)\s"
    rf"(?P<f>{_TA_CUE_NAME})(?=\sஅவர)"
    rf"|\b(?:Client|Patient|Name|Pt\sname):\s(?P<g>{_TA_CUE_NAME}(?:\s{_TA_CUE_NAME})?)(?=\s*[|,;]|\s*$)")
_PERSONS_THING = regex.compile(r"['’]s\s(?:NI|NINO|NHS|SSN|SIN|SS#|national\sinsurance|funeral|memorial|grave|wake"
                             r"|passport|birthday|phone|mobile)\b")
_NAME_BEFORE_THING = regex.compile(rf"(?<![\p{{L}}\p{{M}}'’-])(?P<n>{_CUE_NAME})$")
_PERSON_CUES = (" with ", " w/ ", "stody of", "ive of", "aid of", "red of", "ened of", "ous of", "oud of",
                "ond of", "ied of", "ary of", "From:", "Sender:", "De:", "Remitente:", "worker ", "ounsel",
                "Nurse ", "Teacher ", "Interpreter ", "Client:", "Patient:", "Name:", "name:")
_NOT_A_PERSON_WORD = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december god dios mum mom dad she he they it this that there here
everyone everything nobody someone something referral referrals letter letters report reports message messages
paperwork results result mail post parcel package email fax form forms summary invoice bill notice request payment
application update scan prescription discharge news call text reply response cheque check money""".split())
_TA_NAME_BEFORE = regex.compile(rf"(?:^|[.:|]\s)(?P<n>{_TA_CUE_NAME})\s$")
# a word-name used as a word: "Hope is a dangerous word", "Faith felt like a luxury" (dropped when no roster names it)
_WORD_AS_WORD = regex.compile(r"\s(?:is|was|feels|felt|seems|seemed)\s(?:like\s)?(?:not\s|never\s)?(?:a|an|the)\s"
                              r"(?:\p{Ll}+\s){0,2}"
                              r"(?:word|thing|feeling|idea|concept|notion|luxury|gift)\b"
                              # (r19 round) a word as what is on someone's mind: "Mercy was on her mind all week"
                              r"|\s(?:is|was|has\sbeen)\s(?:always\s|often\s)?on\s(?:her|his|their|my|our)\smind\b")


# (r18 round) a word as a word after a verb of saying ("Client said Hope is a word she avoids"); a word as a topic
# after such a verb, before what it did for the client ("She feels Grace has carried her through"); a word of
# a prayer or a scripture after "the Lord's", "God's" ("the Lord's Prayer")
_SAID_BEFORE = regex.compile(r"\b(?:said|says|feels|felt|thinks|thought|believes|believed|knows)\s$")
_TOPIC_AFTER = regex.compile(r"\s(?:has|had|have)\s(?:always\s|really\s)?(?:carried|kept|helped|got|gotten|pulled"
                             r"|sustained|seen|held|brought)\s(?:her|him|them|me|us)\b")
_HOLY_BEFORE = regex.compile(r"\b(?:the\s+Lord['’]s|God['’]s)\s$")
_CLINICAL_NOUN_ENDINGS = tuple(e for e in _ABSTRACT_ENDINGS if e != "ness") + ("ion", "ity", "ety")


def _unknown_person_word(word: str, lex: Lexicon, *, places_ok: bool = False) -> bool:
    """A capitalised word that may name someone: no ordinary or frequent word, and no place unless a person's
    verb or a sender's cue tells (the list of towns holds many names: "Boon", "Meng")."""
    if _is_tamil(word):
        return word not in lex.ta_common and not word.endswith(_TA_CASE_ENDINGS)
    key = _fold(_strip_possessive(word))
    if key.endswith(_CLINICAL_NOUN_ENDINGS) or key in lex.en_words and key.endswith(("ia", "ness")):
        return False                                       # "Derealisation moved in waves", "Anhedonia described"
    return not _ordinary_cue_word(word, lex) and key not in _NOT_A_PERSON_WORD and \
        (places_ok or key not in lex.places) and key not in lex.regions and key not in lex.cues["place_cues"] and \
        key not in lex.cues["facility_suffixes"] and key not in lex.cues["street_suffixes"]


# (r20 round) a given name typed in lower case with no roster to match it, in two strong frames: opening a sentence
# before a person's verb ("dave agreed to try it", "priya left early"), and after "with"/"for" before a colon or
# "about" ("check in with nina about work", "Homework for raj: ..."); only a known given name that is no dictionary
# word ("mark", "grace", "will" stay words)
_LOWER_NAME = regex.compile(
    r"(?:(?<=[.!?]\s)|^)(?P<a>\p{Ll}{3,})(?=\s(?:agreed|left|said|told|asked|came|arrived|called|rang|phoned|cried"
    r"|wants|wanted|reported|described|explained|missed|cancelled|canceled|attended|joined|logged|seemed|spoke"
    r"|talked|shared|admitted|denied|forgot|remembered|brought|texted|emailed)\b)"
    r"|\b(?:with|for)\s(?P<b>\p{Ll}{3,})(?=:|\sabout\b)")


def _lower_case_names(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for m in _LOWER_NAME.finditer(text):
        g = "a" if m.group("a") is not None else "b"
        w = m.group(g)
        if w in lex.first_names and w not in lex.en_words and w not in lex.es_words and \
                w not in _NOT_A_PERSON_WORD and w not in lex.cues["titles"] and w not in lex.cues["kin"]:
            _add(found, taken, m.start(g), m.end(g), "name")


def _unknown_people(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for v in _PERSON_VERB.finditer(text) if any(c in text for c in _PERSON_VERB_NEEDS) else ():
        m = _NAME_BEFORE_VERB.search(text, max(0, v.start() - 40), v.start())
        k = _fold(m.group("n")) if m else ""
        if m and (m.start() > 0 or v.start() <= 40) and _unknown_person_word(m.group("n"), lex, places_ok=True) and \
                not (k in lex.en_words and k in lex.freq_words and k not in lex.first_names and k not in lex.places):
            _put_name(found, taken, m.start("n"), m.end("n"), over_places=True)   # (r17 round: not a frequent
            #                                                                        word, "Grief still comes")
    if "'s " in text or "’s " in text:
        for v in _PERSONS_THING.finditer(text):
            m = _NAME_BEFORE_THING.search(text, max(0, v.start() - 40), v.start())
            if m and _unknown_person_word(m.group("n"), lex):
                _put_name(found, taken, m.start("n"), m.end("n"))
    if any(c in text for c in _PERSON_CUES):
        for m in _PERSON_AFTER_WORDS.finditer(text):
            g = next(k for k in "abcefg" if m.group(k) is not None)
            words = m.group(g).split()
            if all(_unknown_person_word(w, lex, places_ok=g in "aefg") for w in words):
                _put_name(found, taken, m.start(g), m.end(g), over_places=g in "abefg")
    if _TA_HONORIFIC in text:                              # a Tamil given name before a found one, opening a
        for sp in [sp for sp in found if sp.kind == "name"]:   # sentence: "X Y அவர்களின் ..."
            m = _TA_NAME_BEFORE.search(text, max(0, sp.start - 40), sp.start)
            if m and text.startswith(" " + _TA_HONORIFIC, sp.end) and m.group("n") not in lex.ta_common and \
                    m.group("n") not in lex.safe_words and not m.group("n").endswith(_TA_INFLECTED + ("ாளர்",)) and \
                    m.group("n") not in lex.cues["titles"] and m.group("n") not in lex.cues["kin"] and \
                    not taken[m.start("n"):m.end("n")].any():
                _replace(found, taken, [sp], m.start("n"), sp.end, "name")
    if " a" in text or " has " in text or " had " in text or "'s " in text or "’s " in text:
        for sp in [sp for sp in found if sp.kind == "name" and sp.roster is None]:
            word = text[sp.start:sp.end]
            if " " in word or _fold(word) not in lex.en_common:
                continue
            said = _SAID_BEFORE.search(text, max(0, sp.start - 16), sp.start)      # (the words just before it)
            if _WORD_AS_WORD.match(text, sp.end) and (
                    sp.start == 0 or text[sp.start - 2:sp.start] in (". ", "? ", "! ") or text[sp.start - 1] == "\n"
                    or said) or said and _TOPIC_AFTER.match(text, sp.end) \
                    or _HOLY_BEFORE.search(text, max(0, sp.start - 16), sp.start):
                found.remove(sp)
                taken[sp.start:sp.end] = False


# (r16 round) a name said once by a strong cue names that person in the rest of the record too: "Session 8 with
# Tamsin. Tamsin and Idris met at ...", "no longer recognises Tamsin most days" (Latin-script capitalised words
# only, and no ordinary, frequent or place word)
_NAME_TOKEN = regex.compile(r"\p{Lu}[\p{Ll}\p{M}'’]{2,}(?:-\p{Lu}?[\p{Ll}\p{M}]+)?")


_CAPITALISED_WORD = regex.compile(r"(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{L}\p{M}'’-]*(?<![-'’])")


def _names_again(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    words: set[str] = set()
    for sp in found:
        if sp.kind == "name":
            for w in _NAME_TOKEN.findall(text[sp.start:sp.end]):
                if _unknown_person_word(w, lex) and _fold(w) not in lex.en_common and _fold(w) not in lex.es_common \
                        and _fold(w) not in lex.freq_words:     # not a name that is a word too: "Olive oil
                    words.add(w)
    if not words:
        return
    for m in _CAPITALISED_WORD.finditer(text):            # one pass over the text (throughput)
        w = m.group()
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if w in words:
            _add(found, taken, m.start(), m.start() + len(w), "name")


# a UK or Canadian postcode next (after a town named like a state)
_POSTCODE_NEXT = regex.compile(r",?\s(?:" + UK_POSTCODE.pattern + "|" + CA_POSTCODE.pattern + ")")


# (r20 round) a county between the town and a UK postcode is county level, not a place ("Stroud, Wiltshire SN1 2AB",
# "Ledbury, Herefs HR8 1AA"): the town is the word before it
_UK_COUNTY = regex.compile(r"(?:North\s|South\s|West\s|East\s)?\p{Lu}\p{Ll}+shire|Glos|Gloucs|Worcs|Herefs|Wilts|Hants"
                           r"|Oxon|Bucks|Berks|Beds|Herts|Cambs|Northants|Leics|Lincs|Notts|Derbys|Staffs|Warks|Salop|Lancs"
                           r"|Yorks|Somerset|Devon|Cornwall|Dorset|Kent|Essex|Surrey|Sussex|Norfolk|Suffolk|Cumbria"
                           r"|Durham|Middlesex|Rutland|Northumberland|Merseyside|Avon|Shropshire|Powys|Gwynedd|Dyfed"
                           r"|Gwent|Clwyd|Fife|Angus|Moray")
# (r20 round) what follows a form's label word: a colon, or one to three lower-case words and a colon ("Date of
# birth:"), or "for" and a relative and a comma ("Carer for mother, 94")
_FIELD_LABEL_AFTER = regex.compile(r"\s?:(?!\d)|(?:\s\p{Ll}[\p{Ll}\p{M}]*){1,3}:|\sfor\s(?:his\s|her\s|their\s)?"
                                   r"(?:father|mother|husband|wife|son|daughter|brother|sister|partner|parent|parents"
                                   r"|grandmother|grandfather|aunt|uncle)\b")


# (r22 round) an issuer's name before or inside a number's field is no person and no place, and is kept from the
# learned layer too: a brand written in camel case before its number or cue ("Yukon KidCare ID# ...", "CuentaBIP
# 8455...", not "MacLeod", "DeShawn"), the utility after a customer-number cue ("n.º de cliente Frontel: ...",
# "customer no. Hydro 12..."), a professional or supervisory body before its register code ("Colegio de Enfermeras
# CE-123", "Superintendencia de Pensiones 4411...") and an Australian state's short name before a licence or plate
# ("Vic licence: ...", "Qld rego ...")
_ISSUER_NEEDS = ("ID", "Id", "#", "MRN", "liente", "ustomer", "Colegio", "Consejo", "Superintendencia", "College",
                 "Council", "Board", "licen", "rego", "plate", "Police", "Constabulary", "Garda", "Sheriff", "nrol",
                 " ref", "xpediente", "ccount", "uenta", "ile ", "ase ")
_CAMEL = regex.compile(r"\p{Ll}{2}\p{Lu}")
_ISSUER_NUMBER = r"(?=\s*(?:(?:ID|Id|No|no|Nº|n\.º|[Nn]o\.|[Nn]úm\.?|acct|member)\b\.?\s*)?[#:]?\s*[A-Z]{0,4}[-/]?\d)"
_ISSUERS = regex.compile(
    r"(?<![\p{L}\p{M}'’.-])(?P<i>(?:\p{Lu}\p{Ll}+\s)?"
    r"(?!(?:Mac|Mc|De|Da|Di|Du|La|Le|Van|Von|Del|Della|Dela|Fitz|O)\p{Lu})\p{Lu}\p{Ll}{2,}\p{Lu}[\p{L}]*)"
    + _ISSUER_NUMBER +
    r"|(?<=\b(?:[Nn]\.?\s?[º°o]\.?|[Nn]úmero|[Nn]umber|[Nn]o\.?)\s(?:de\s)?(?:cliente|customer|client)\s)"
    r"(?P<i>\p{Lu}[\p{L}\p{M}-]+(?:\s\p{Lu}[\p{L}\p{M}-]+)?)(?=\s?:?\s*\d)"
    r"|(?P<i>(?:Colegio|Consejo|Superintendencia|College|Council|Board)\s(?:de|del|of)\s(?:la\s|los\s|las\s|the\s)?"
    r"\p{Lu}[\p{L}\p{M}]+(?:\s(?:de|of|y|and)\s\p{Lu}[\p{L}\p{M}]+)?)(?=\s+[A-Z]{0,4}[-/]?\d)"
    r"|(?<![\p{L}\p{M}])(?P<i>NSW|Vic|VIC|Qld|QLD|SA|WA|Tas|TAS|NT|ACT)(?=\s(?:licen[cs]e|driver|rego|plate|"
    r"registration)\b)"
    # (r23 round) a police force, a tribe or an agency before its reference or enrolment number: "Dyfed-Powys Police
    # crime ref DP-...", "North Wales Police ref: NWP-...", "Northern Cheyenne enrollment # NC-...", "Oranga Tamariki
    # ref OT-..." (a lower-case "ref" and a lettered code after a name that is no police force's)
    r"|(?<![\p{L}\p{M}'’.-])(?P<i>(?:\p{Lu}[\p{L}\p{M}'’]*(?:-\p{Lu}[\p{L}\p{M}'’]*)?\s){0,3}(?:Police|Constabulary"
    r"|Police\sService|Police\sScotland|Garda|Sheriff['’]s\sOffice))(?=\s(?:(?:crime|incident|case|occurrence|report"
    r"|log)\s)?(?i:ref|reference|no|number|report|case|incident|log|crime|occurrence)\b\.?\s*(?:(?i:no|number)\.?\s*)?"
    r"[:#]?\s*[A-Z]{0,4}[-/]?\d)"
    r"|(?<![\p{L}\p{M}'’.-])(?P<i>\p{Lu}[\p{L}\p{M}'’-]*(?:\s\p{Lu}[\p{L}\p{M}'’-]*){0,2})"
    r"(?=\s(?:tribal\s)?(?i:enrollment|enrolment)\b\s*(?:(?i:no|number|ID)\.?\s*)?[:#]?\s*[A-Z]{0,4}[-/]?\d"
    r"|\sref\.?\s*(?:no\.?\s*)?[:#]?\s*[A-Z]{1,4}-?\d)"
    # (r24 round) an agency's or a utility's acronym between a file's or a customer's cue and its number, "cliente
    # ESVAL 5112123-4", "expediente CONANI CONANI-79136", "account EPM 4471..."; a town's utility before its account,
    # "Fargo water utility account 72-..."
    r"|(?<=\b(?i:cliente|customer|client|expediente|case|file|account|cuenta|member|socio|socia|póliza|policy|contrato"
    r"|suministro)\s)(?P<i>[A-Z]{3,8})(?=\s(?:[A-Z]{2,8}[-/])?\d)"
    r"|(?<![\p{L}\p{M}'’.-])(?P<i>\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)(?=(?:\s(?:water|power|gas|electric|electricity"
    r"|energy|utility|utilities|hydro|sewer|light|telephone|phone|cable|internet|broadband|trash|waste)){1,3}"
    r"\s(?:account|acct|bill|billing|customer)\b)")
_ISSUERS_BY_CUE = regex.compile(
    # (r25 round) an agency, a force or a utility before its reference's cue and a number: "Tusla ref: TUS/W/...",
    # "Tusla case no. ...", "Garda PULSE ref: 5673...", "Police event no. P0622...", "Portland Water District acct:
    # 1912...", "Oranga Tamariki ref 1148..." (the cue in lower case: "Ref.:", "Acct:" open a new field; a person's full
    # name is left: see _issuers)
    r"(?<![\p{L}\p{M}'’.-])(?P<i>\p{Lu}[\p{L}\p{M}'’]*(?:\s\p{Lu}[\p{L}\p{M}'’]*){0,2})(?=\s(?:PULSE\s|(?:crime|incident"
    r"|case|event|occurrence|report|log|customer|account)\s)?(?:ref|reference|case\s+no|event\s+no|acct|file\s+no)"
    r"\b\.?\s*(?:(?i:no|number)\.?\s*)?[:#]?\s*[A-Z]{0,4}(?:[-/][A-Z]{1,4})*[-/]?\d)"
    # (r25 round) in Spanish, an issuer after a record's, a membership's or an account's cue and "de (la)", "a",
    # before its number: "atestado de la Ertzaintza BI/7073...", "Afiliación a Colpensiones: 8027...", "NIC de
    # DelSur: 3252...", "CIC de Osakidetza 3365..."
    r"|(?<=\b(?i:atestado|afiliación|afiliacion|nic|cic|nis|póliza|poliza|cuenta|contrato|expediente|tarjeta|carné"
    r"|carnet|denuncia|suministro|socio|socia|cliente|número\s+de\s+cliente)\s(?:de\s+la\s|del\s|de\s|a\s|en\s))"
    r"(?P<i>\p{Lu}[\p{L}\p{M}]+(?:\s\p{Lu}[\p{L}\p{M}]+)?)(?=\s?:?\s*[A-Z]{0,4}[-/]?\d)")
# what a text holds when such an issuer may be in it (a cheap search first: throughput)
_ISSUERS_BY_CUE_NEEDS = regex.compile(r"\s(?:ref|reference|case\sno|event\sno|acct|file\sno)\b"
                                      r"|(?i:atestado|afiliaci|nic\s|cic\s|nis\s|p[óo]liza|cuenta|contrato|expediente"
                                      r"|tarjeta|carn[ée]|denuncia|suministro|socio\s|socia\s|cliente)")


# (r26 round) an issuer before its record's or card's cue and a number: "Ninewells hospital no. D71...", "Centennial
# Care ID 15...", "Navajo census no. 80..."; a card or a phone operator before its number, "Carte Vitale 18903...",
# "référence Free 0438..."; a town's utility, "City of Saskatoon utility account 00..."; an oldest member's field,
# "Oldest in household, aged: 92"; a province's or state's code before a postcode, "Unit 2 SK S0K 5L0" (kept from the
# tagger, and from names and places)
_GATED_ISSUERS = [(regex.compile(gate), regex.compile(rx)) for gate, rx in (
    (r"\s(?:hospital|census|clinic|Care|Health)\s",
     r"(?<![\p{L}\p{M}'’.-])(?P<i>\p{Lu}[\p{L}\p{M}'’]*(?:\s\p{Lu}[\p{L}\p{M}'’]*){0,2}\s(?:hospital|census|clinic|Care"
     r"|Health))(?=\s(?i:no|number|id|#)\b\.?\s*[:#]?\s*[A-Z]{0,4}[-/]?\d)"),
    (r"Carte\s|Free\s|Orange\s|SFR\s|Bouygues|Sosh",
     r"(?<![\p{L}\p{M}'’.-])(?P<i>Carte\sVitale|Carte\sBleue|(?<=\b(?i:référence|reference|ligne|opérateur|operateur|box"
     r"|forfait|chez)\s)(?:Free|Orange|SFR|Bouygues(?:\sTelecom)?|Sosh))(?=\s[+\d])"),
    (r"(?:City|Town|Village|County|District|Municipality)\sof\s",
     r"(?<![\p{L}\p{M}'’.-])(?P<i>(?:City|Town|Village|County|District|Municipality)\sof\s\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)"
     r"(?=(?:\s(?:water|power|gas|electric|electricity|energy|utility|utilities|hydro|sewer|tax|property|parking)){0,3}"
     r"\s(?:account|acct|bill|billing|customer|ref)\b)"),
    (r"(?i:oldest|eldest|youngest)\s",
     # (r27 round: "at home", "Oldest at home, aged 95")
     r"(?<![\p{L}\p{M}'’.-])(?P<i>(?i:oldest|eldest|youngest)\s(?:(?:person|member|resident|adult)\s)?(?:in|of|at)\s"
     r"(?:the\s)?(?:household|home|house|family))(?=,?\s(?i:aged|age)\b)"),
    # (r27 round) an age label and whose age it is, no name: "Age of great-aunt 104", "Age of carer: 97"
    (r"Age\sof\s|Edad\sde",
     r"(?<![\p{L}\p{M}'’.-])(?P<i>Age|Edad)(?=\s(?:of|de|del)\s(?:(?:the|her|his|their|la|los|su)\s)?"
     r"[\p{Ll}-]+(?:\s[\p{Ll}-]+)?\s?[:=\-–—]?\s?(?:\d|ninety|a\shundred|one\shundred|noventa|cien))"),
    # (r27 round) an institution, a saint's hospital, a council or a court before its record's cue and a number: "St.
    # Luke's MRN SL93494751", "Saint Al's MR# E2163...", "Cairns Hospital UR 6072340", "Ada County case CV01-...",
    # "Cornwall Council rent ref 4121...", "Falmouth student ID TP50..." (a town as the issuer), "Kapo Rapport 19-...",
    # "BKW Vertragskonto 4642...", "CapEd savings 2691..."
    (r"\s(?:MRN|MR#|MR\s|UR\s|case\s|file\s|rent\s|student\s|Rapport|Vertragskonto|Kunden|Vertragsnummer"
     r"|Versichertennummer|savings|checking)",
     r"(?<![\p{L}\p{M}'’.-])(?P<i>(?:St\.?|Saint|San|Santa)\s\p{Lu}\p{Ll}+['’]s\sMR(?=\s?#\s?[A-Z]{0,4}\d)"
     r"|(?:St\.?|Saint|San|Santa)\s\p{Lu}\p{Ll}+['’]s"
     r"|(?:\p{Lu}[\p{L}\p{M}'’]*\s){0,2}(?:Hospital|Council|County|Court|Health|Clinic|Trust|University|College"
     r"|Shire|Board)|\p{Lu}[\p{Ll}]+(?=\sstudent\sID)|\p{Lu}\p{Ll}+\p{Lu}\p{L}*"
     r")(?=\s(?:MRN|MR\s?#|MR\b|UR\b|case|file|rent\sref|student\sID|savings|checking)\s?[:#]?\s?[A-Z]{0,4}[-/]?\d"
     r"|(?<=\sMR)\s?#)"
     # (German and Swiss ones, the cue a capitalised noun taken with its issuer: "Kapo Rapport 19-...", "ewb
     # Kundennummer 2825...", "BKW Vertragskonto 4642...")
     r"|(?<![\p{L}\p{M}'’.-])(?P<i>(?:[A-Z]{2,5}|\p{Ll}{2,4}|\p{Lu}\p{Ll}+)\s(?:Rapport|Polizeirapport|Vertragskonto"
     r"|Kundennummer|Kunden-Nr\.?|Vertragsnummer|Versichertennummer))(?=\s?[:#]?\s?[A-Z]{0,4}[-/]?\d)"),
    # (r27 round) a state's abbreviation after a street (no place smaller than a state), "387 Flinders Street, QLD /"
    (r",\s(?:QLD|Qld|NSW|VIC|Vic|TAS|Tas|ACT|NT|SA|WA)\b",
     r"(?<=\p{L}\.?,\s)(?P<i>QLD|Qld|NSW|VIC|Vic|TAS|Tas|ACT|NT|SA|WA)(?=\s*(?:[/|·;,)]|\.(?:\s|$)|$))"),
    # (r27 round) a Spanish department, ministry or court after a case's or a file's cue, "caso del Departamento de la
    # Familia 2025-23795", "expediente del Juzgado de Familia 4471/2019"
    (r"(?i:caso|expediente|referencia|denuncia)\s(?:del|de\sla|de)\s\p{Lu}",
     r"(?<=\b(?i:caso|expediente|referencia|denuncia)\s(?:del|de\sla|de)\s)(?P<i>(?:Departamento|Ministerio|Oficina"
     r"|Juzgado|Tribunal|Instituto|Servicio|Patronato|Consejo|Fiscalía|Fiscalia|Procuraduría|Procuraduria)"
     r"(?:\s(?:(?:de|del|de\sla|de\slos|y)\s)?\p{Lu}[\p{L}\p{M}]+){1,3})(?=\s?:?\s*[A-Z]{0,4}[-/]?\d)"),
    # (r27 round) a utility's acronym after its service's word, "servicio AyA 414449010", "recibo ICE 5512..."
    (r"(?i:servicio|recibo|factura)\s",
     r"(?<=\b(?i:servicio|recibo|factura|cuenta|contrato)\s(?:de\s)?)(?P<i>\p{Lu}\p{Ll}?\p{Lu}{1,6})(?=\s\d)"),
    # (r27 round) a virtue's name as the topic of a sentence, "Hope came up as something ...", "Trust was discussed";
    # "Will power", "Pros and Cons"
    (r"\scame\sup|\swas\sdiscussed|\sWill\spower|Pros\sand\sCons",
     r"(?:(?<=^)|(?<=[.!?:;]\s))(?P<i>Hope|Faith|Grace|Joy|Patience|Trust|Love|Anger|Shame|Guilt|Mercy|Honor|Honour"
     r"|Charity|Prudence|Constance|Harmony|Serenity|Destiny|Justice|Liberty|Peace|Will)(?=\s(?:came\sup|comes\sup"
     r"|was\sdiscussed|is\sdiscussed)\b)|(?P<i>\bWill)(?=\spower\b)|(?P<i>\bPros\sand\sCons)\b"),
    (r"\s[A-Z]{2}\s[A-Z]\d",
     r"(?<=\s)(?P<i>(?:SK|AB|BC|MB|ON|QC|NS|NB|NL|PE|YT|NT|NU))(?=\s[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d"
     r"[ABCEGHJ-NPRSTV-Z]\d\b)"),
    (r"\s[A-Z]{2}\s\d{5}",
     r"(?=[A-Z])(?<=\s)(?P<i>(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY"
     r"|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC))(?=\s\d{5}(?:-\d{4})?\b)"),
    # a word-name said as a word, "He said Hope is not a word he trusts yet"
    (r"\sword\b",
     r"(?:(?<=^)|(?<=[.!?]\s)|(?<=\b(?:said|says|wrote|writes|called|calls)\s))(?P<i>\p{Lu}\p{Ll}+)(?=\s(?:is|was|isn['’]t"
     r"|wasn['’]t)\s(?:not\s|never\s|just\s|only\s|still\s)?(?:a|an|the)\s(?:\p{Ll}+\s){0,2}word\b)"),
)]


_REF_CODE = regex.compile(r"\sref\.?\s*(?:no\.?\s*)?[:#]?\s*(?P<p>[A-Z]{1,4})-?\d")
_FORCES = ("Police", "Constabulary", "Service", "Scotland", "Garda", "Office")
_CUE_TAIL = regex.compile(r"\s(?:MRN|ID|UR|NHC|NHS|CHI|DOB|MR(?=\s?#))")
_VALUE_NEXT = regex.compile(r"\s?(?:no\.?|#|:)?\s?[A-Z]{0,3}\d")


def _issuer_span(found: list[Span], taken: np.ndarray, keep_out: list[tuple[int, int]], a: int, b: int) -> None:
    """An issuer's name at ``a:b`` is no person and no place: the names and places found inside it go, and the
    tagger is kept out of it."""
    for sp in [sp for sp in found if sp.kind in ("name", "place") and sp.roster is None and a <= sp.start and
               sp.end <= b]:
        found.remove(sp)
        taken[sp.start:sp.end] = False
    keep_out.append((a, b))


def _issuers(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray, keep_out: list[tuple[int, int]]) -> None:
    gated = [m for gate, rx in _GATED_ISSUERS if gate.search(text) for m in rx.finditer(text)]
    for m in gated:
        a, b = m.span("i")
        if any(sp.kind not in ("name", "place") and sp.start < b and sp.end > a for sp in found):
            continue
        _issuer_span(found, taken, keep_out, a, b)
    if not any(c in text for c in _ISSUER_NEEDS) and not _CAMEL.search(text) and not _ISSUERS_BY_CUE_NEEDS.search(text):
        return
    more = _ISSUERS_BY_CUE.finditer(text) if _ISSUERS_BY_CUE_NEEDS.search(text) else ()
    for m in itertools.chain(_ISSUERS.finditer(text), more):
        a, b = m.span("i")
        head = regex.search(r"\p{Lu}\p{Ll}+(?=\p{Lu})", m.group("i"))
        if head and _fold(head.group()) in lex.first_names and not text[max(0, a - 4):a].endswith((" de ", " a ")):
            continue                                    # a given name in camel case: "MaryAnn 0412 ..."
        words = m.group("i").split()
        if len(words) >= 2 and _fold(words[0]) in lex.first_names and all(
                (_fold(w) in lex.surnames or _fold(w) in lex.first_names) and not w.isupper() for w in words[1:]) and \
                not words[-1].endswith(_FORCES):
            continue                                    # (r25 round) a person's full name: "Tom Jones ref 4471"
        ref = _REF_CODE.match(text, b)
        if ref and not m.group("i").endswith(_FORCES) and "".join(w[0] for w in regex.split(r"[\s-]+", m.group("i"))) \
                not in (ref.group("p"), ref.group("p")[:-1]):
            continue                                    # (r23 round) a reference's letters are its issuer's
            #                                             initials ("Oranga Tamariki ref OT-..."), or a person's
            #                                             name it is ("Tom Jones ref AB-1234")
        _issuer_span(found, taken, keep_out, a, b)
    # a number's cue taken into a facility's name is no part of it: "Hospital Mercy MRN 0525..." (the cue stays out)
    for sp in [sp for sp in found if sp.kind == "place" and sp.roster is None]:
        m = _CUE_TAIL.search(text, sp.start, sp.end)
        if m and m.end() == sp.end and _VALUE_NEXT.match(text, sp.end):
            found.remove(sp)
            taken[m.start():sp.end] = False
            if any(a <= sp.start and m.start() <= b for a, b in keep_out):
                taken[sp.start:m.start()] = False     # (r27 round) an issuer's: "St. Luke's MRN SL9349..."
                continue
            found.append(Span(sp.start, m.start(), "place"))


# (r23 round) in English text, a given name that is also a Spanish function word ("Pero", "Ella", "Una", "Su"),
# right before a surname found as a name, is part of the name: "Pero Aarden, her support worker" (Spanish stop words
# are no names in Spanish text; in English one is a name before a surname)
_ES_ONLY_STOP = frozenset(w for w in _STOP_CAPS if w not in {
    "the", "a", "an", "i", "and", "or", "o", "of", "in", "on", "at", "to", "for", "with", "by", "as", "but", "if", "so",
    "we", "he", "she", "they", "it", "this", "that", "these", "those", "my", "her", "his", "our", "their", "your",
    "no", "not", "yes", "all", "after", "before", "when", "while", "then", "there", "here", "what", "why", "how",
    "who", "where", "which", "today", "also", "next", "last", "both", "each", "every", "some", "many", "most", "one",
    "two", "three", "first", "second", "third", "is", "was", "are", "were", "be", "been", "do", "did", "does",
    "have", "has", "had", "can", "could", "should", "would", "may", "might", "must", "shall", "will", "let",
    "please", "ok", "okay"})
_GIVEN_BEFORE = regex.compile(r"(?<![\p{L}\p{M}'’.-])(?P<g>\p{Lu}\p{Ll}+)\s$")


def _stop_word_given_names(text: str, lex: Lexicon, found: list[Span], taken: np.ndarray) -> None:
    for sp in [sp for sp in found if sp.kind == "name"]:
        m = _GIVEN_BEFORE.search(text, max(0, sp.start - 16), sp.start)
        if m is None or taken[m.start():m.end()].any():
            continue
        key = _fold(m.group("g"))
        if key in _ES_ONLY_STOP and key in lex.first_names and key not in lex.en_words and \
                " " not in text[sp.start:sp.end]:
            _replace(found, taken, [sp], m.start(), sp.end, "name")
