"""A learned recall layer for the identifier detector: a token tagger trained on the labelled sets.

The rules in :mod:`rapportlib.privacy` catch what their cues and word lists know. Every new locale or writer brings
shapes they have never seen ("132 Bondgate Without", "Zwanenveld 109"). This tagger looks at the shape of each token
and of its neighbours (capitals, digits, word lists, the words around it) and marks the tokens that look like part of
an identifier. :func:`rapportlib.find_identifiers` adds what it marks where the rules found nothing.

The model is a multinomial logistic regression over hashed features (no vocabulary is stored: only weights of
hashed feature buckets, so no word of the training texts ships). It is trained offline by :func:`train` on the
labelled sets in ``tests/data`` that were used for tuning (never on the held-out set), and saved to
``data/lexicons/identifier_tagger.npz`` with the names and SHA-256 digests of the files it learned from.
Retrain with ``python -m rapportlib.privacy.tagger --held-out <held-out file name> tests/data/identifiers_*.jsonl``.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import regex

from .._resources import bundled
from .lexicon import load_lexicon
from .spans import _fold, parse_marked

# the tagger's classes; several identifier kinds share one ("number" covers SSNs, MRNs, accounts, licences, IDs,
# phones and faxes), and a "number" span is reported as kind "id"
CLASSES = ("O", "name", "place", "address", "date", "age", "postcode", "number", "net")
_CLASS_OF = {"name": "name", "place": "place", "address": "address", "date": "date", "age": "age",
             "postcode": "postcode", "ssn": "number", "mrn": "number", "account": "number", "licence": "number",
             "id": "number", "phone": "number", "fax": "number", "email": "net", "url": "net", "ip": "net"}
_KIND_OF = {"name": "name", "place": "place", "address": "address", "date": "date", "age": "age",
            "postcode": "postcode", "number": "id", "net": "url"}
FEATURES_VERSION = "2"
MODEL_PATH = ("data", "lexicons", "identifier_tagger.npz")
# a token is marked when its most likely identifier class has at least this probability: chosen on the four sets
# r13-r16, each with the tagger trained on the sets before it and the rules as they were before tuning on it
THRESHOLD = 0.4
# a run goes on over the tokens next to it whose probability for the run's class is at least this (the "line" of
# "sixteen days down the line", the "3" of "piso 3"): 0.1 and 0.2 were tried on r13-r18 as THRESHOLD was, and
# 0.2 kept (the same recall, less lost precision)
EXTEND = 0.2
# classes whose marks are not used: the rules' patterns for e-mails, URLs and IPs are exact
_RULES_ONLY = frozenset({"net"})

TOKEN = regex.compile(r"[\p{L}\p{M}]+|\d+|[^\s\p{L}\p{M}\d]")
_SENT_END = frozenset(".!?\n")


def _shape(tok: str) -> str:
    """"Xxxx", "dd", "XX", "x", "ta" (Tamil), "-": the run-length-squeezed character classes of a token."""
    if "\u0b80" <= tok[0] <= "\u0bff":
        return "ta"
    out = []
    for ch in tok[:8]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out) + ("+" if len(tok) > 8 else "")


def _lex_flags(low: str, lex) -> str:
    """Which word lists know a token (folded): f first name, s surname, p place, t Tamil name, r region,
    e common English, E English word, c common Spanish, k common Tamil."""
    return "".join(flag for flag, words in (("f", lex.first_names), ("s", lex.surnames), ("p", lex.places),
                                            ("t", lex.tamil_names), ("r", lex.regions), ("e", lex.en_common),
                                            ("E", lex.en_words), ("c", lex.es_common), ("k", lex.ta_common))
                   if low in words) or "-"


_WORD_CODES: dict = {}        # word -> its codes, for one lexicon at a time (words repeat a lot: throughput)
_CODES_LEXICON = None         # ... the lexicon they were computed with
_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], np.uint64)


def _crc(s: str) -> int:
    return zlib.crc32(s.encode()) + 1


def _word_codes(word: str, lex) -> tuple[int, int, int, int, int, int]:
    """Hash codes of a token's folded form, shape, word-list flags, first and last three letters, and length."""
    global _CODES_LEXICON
    if _CODES_LEXICON is not lex:
        _WORD_CODES.clear()
        _CODES_LEXICON = lex
    codes = _WORD_CODES.get(word)
    if codes is None:
        low, sh = _fold(word), _shape(word)
        flags = _lex_flags(low, lex) if word[0].isalpha() else "#"
        codes = (_crc("w" + low), _crc("s" + sh), _crc("x" + flags), _crc("p" + low[:3]), _crc("q" + low[-3:]),
                 _crc(f"n{min(len(word), 12)}{sh[:1]}"))
        if len(_WORD_CODES) < 200_000:
            _WORD_CODES[word] = codes
    return codes


def _templates():
    """The feature templates: each a list of (offset of the token, code column); columns 0-5 are the codes of
    :func:`_word_codes`, 6 whether the token starts a sentence, 7 a constant (the bias), 8 the language, 9 zero (to
    pad a template to three codes)."""
    w, sh, fl = 0, 1, 2
    t = [[(0, 7)], [(0, 8)], [(0, w)], [(0, sh)], [(0, fl)], [(0, 3)], [(0, 4)], [(0, 5)], [(0, sh), (0, 6)],
         [(0, fl), (0, sh)]]
    for off in (-3, -2, -1, 1, 2, 3):
        t += [[(off, w)], [(off, sh)]]
        if abs(off) == 1:
            t += [[(off, fl)], [(off, w), (0, sh)]]
    t += [[(-1, w), (0, w)], [(0, w), (1, w)], [(-2, w), (-1, w)], [(1, w), (2, w)], [(-1, sh), (0, sh), (1, sh)]]
    t = [parts + [(0, 9)] * (3 - len(parts)) for parts in t]
    seeds = np.array([((i + 1) * 0x2545F4914F6CDD1D) % (1 << 64) for i in range(len(t))], np.uint64)
    return np.array([[o for o, _ in p] for p in t]), np.array([[c for _, c in p] for p in t]), seeds


_TEMPLATE_OFFSETS, _TEMPLATE_COLUMNS, _TEMPLATE_SEEDS = _templates()


def _token_features(text: str, lang: str, lex, bits: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Tokens (start, end) of ``text`` and the hashed feature buckets of each (one row of ``N_FEATURES`` per token).

    A token's features: its folded form, shape, word-list flags, first and last three letters, length, whether it
    starts a sentence, the language; the forms and shapes of the three tokens either side; the word-list flags of
    its neighbours; the pairs of neighbouring forms; the shapes of the three tokens centred on it. Each feature is a
    template number and one to three codes, mixed by multiplication into ``bits`` bits."""
    spans = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    n = len(spans)
    rows = [(7,) * 7] * 3                          # three rows of padding either side
    prev_end, prev_char = 0, "."
    for s, e in spans:
        rows.append((*_word_codes(text[s:e], lex), 2 if prev_char in _SENT_END or "\n" in text[prev_end:s] else 1))
        prev_end, prev_char = e, text[s]
    rows += [(7,) * 7] * 3
    codes = np.zeros((n + 6, 10), np.uint64)
    codes[:, :7] = rows
    codes[:, 7] = 1
    codes[:, 8] = _crc(lang)
    at = 3 + np.arange(n)[:, None, None] + _TEMPLATE_OFFSETS
    with np.errstate(over="ignore"):
        h = _TEMPLATE_SEEDS + (codes[at, _TEMPLATE_COLUMNS] * _MULT[:3]).sum(axis=2, dtype=np.uint64)
        out = (h * _MULT[3]) >> np.uint64(64 - bits)
    return spans, out.astype(np.int64)


@dataclass
class TaggerModel:
    """Weights of the hashed features (``2**bits`` x classes, int8 with one scale per class) and where they came
    from (``trained_on``: file name -> SHA-256 of its bytes)."""

    weights: np.ndarray
    scale: np.ndarray
    bits: int
    trained_on: dict = field(default_factory=dict)
    version: str = FEATURES_VERSION

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """Scores of each class for tokens given as rows of feature buckets."""
        return self.weights[rows].sum(axis=1, dtype=np.int32) * self.scale

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights, scale=self.scale,
                            meta=np.array(json.dumps({"bits": self.bits, "trained_on": self.trained_on,
                                                      "version": self.version, "classes": CLASSES})))

    @classmethod
    def load(cls, path: Path) -> TaggerModel:
        with np.load(path) as z:
            meta = json.loads(str(z["meta"]))
            if tuple(meta["classes"]) != CLASSES or meta["version"] != FEATURES_VERSION:
                raise ValueError(f"{path}: the tagger was trained for other features or classes; retrain it "
                                 "with `python -m rapportlib.privacy.tagger`")
            return cls(z["weights"], z["scale"], meta["bits"], meta["trained_on"], meta["version"])


def _labelled_tokens(records, lex, bits):
    rows, labels = [], []
    for rec in records:
        text, gold = parse_marked(rec["marked"])
        spans, feats = _token_features(text, rec.get("lang") or "en", lex, bits)
        cls = np.zeros(len(text) + 1, np.int8)
        for g in gold:
            cls[g.start:g.end] = CLASSES.index(_CLASS_OF[g.kind])
        rows.append(feats)
        labels += [int(cls[s]) for s, _ in spans]
    return np.concatenate(rows), np.array(labels)


def train(files: list[Path], *, bits: int = 18, c: float = 1.0, max_iter: int = 150, lexicon=None) -> TaggerModel:
    """Fit the tagger on labelled JSONL files (``{"marked", "lang", ...}``, see ``tests/data/identifiers_README.md``).

    Deterministic: the same files give the same weights."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    lex = lexicon or load_lexicon()
    records = [json.loads(line) for p in files for line in Path(p).read_text(encoding="utf-8").splitlines()
               if line.strip()]
    rows, y = _labelled_tokens(records, lex, bits)
    indptr = np.arange(0, rows.size + 1, rows.shape[1])
    x = sparse.csr_matrix((np.ones(rows.size, np.float32), rows.ravel(), indptr), shape=(len(rows), 1 << bits))
    x.sum_duplicates()
    fit = LogisticRegression(C=c, max_iter=max_iter, tol=1e-4).fit(x, y)
    coef = np.zeros((1 << bits, len(CLASSES)), np.float32)
    coef[:, fit.classes_] = fit.coef_.T
    coef[_token_features("x", "en", lex, bits)[1][0, 0], fit.classes_] += fit.intercept_   # the bias bucket
    scale = np.maximum(np.abs(coef).max(axis=0), 1e-9) / 127
    weights = np.round(coef / scale).astype(np.int8)
    trained_on = {Path(p).name: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in files}
    return TaggerModel(weights, scale.astype(np.float32), bits, trained_on)


@lru_cache(maxsize=1)
def load_tagger() -> TaggerModel:
    """The shipped model. A missing file is an error, not a quiet fall back to the rules alone (which find less)."""
    path = bundled(*MODEL_PATH)
    if not path.is_file():
        raise FileNotFoundError(f"the identifier tagger's weights are missing from this install ({path}); "
                                "reinstall rapportlib, or pass tagger=False to run the rules alone")
    return TaggerModel.load(path)


def _kin_word(key: str, lex) -> bool:
    """A word for a relative or a title, also with a Tamil case ending ("Nan", "Grandpa", "தாத்தாவின்")."""
    words = lex.cues["kin"] | lex.cues["titles"]
    return key in words or "\u0b80" <= key[:1] <= "\u0bff" and any(
        key.startswith(w) for w in words if len(w) >= 3 and "\u0b80" <= w[:1] <= "\u0bff")


def _in_frame(text: str, start: int, end: int, cls: str, lex) -> bool:
    """Whether a date or an age the model marks stands where one can (alone, the model marked too much ordinary prose:
    "for two days", "the week before last", "a hundred percent sure", "BP 120/80", "7/2015").

    An age: after an age label ("Age: ninety-four", "Edad - noventa y tres", "வயது:", "his grandmother, then 98"),
    not before a unit ("ninety degrees"). A date: in Tamil script; or a count and a time unit ("sixteen days down the
    line", "a siete días de hoy"), not after a word that makes it a duration ("for", "during", "each", "en quince
    días") nor before one that makes it a frequency ("three days a week"); so never digits alone (the rules' numeric
    dates are exact)."""
    cues = lex.cues
    before = [_fold(w) for w in regex.findall(r"[\p{L}\p{M}]+|\d+", text[max(0, start - 40):start])]
    after = regex.match(r"\s*([\p{L}\p{M}%]+)", text[end:end + 20])
    nxt = _fold(after.group(1)) if after else ""
    if cls == "age":
        return bool(before) and before[-1] in cues["age_labels"] and nxt not in cues["not_age_units"]
    if "\u0b80" <= text[start] <= "\u0bff":
        return True
    words = before + [_fold(w) for w in regex.findall(r"[\p{L}\p{M}]+|\d+", text[start:end])]
    count = lambda w: w.isdigit() or w in cues["number_tokens"]         # noqa: E731
    # a count directly before its unit (not "el día 3 de tratamiento"), in the run or just before it
    units = [i for i in range(max(1, len(before)), len(words))
             if words[i] in cues["time_units"] and count(words[i - 1])]
    if not units:
        return False
    first = units[0] - 1
    while first > 0 and (count(words[first - 1]) or words[first - 1] in cues["count_modifiers"]):
        first -= 1                                                       # "a full" "twenty" "one"
    after_unit = words[units[0] + 1] if units[0] + 1 < len(words) else nxt    # "tres días por semana"
    return not (first > 0 and words[first - 1] in cues["duration_words"]) and \
        after_unit not in cues["frequency_words"]


def tag(text: str, lang: str, *, model: TaggerModel, lexicon, threshold: float = THRESHOLD,
        taken: np.ndarray | None = None, found: np.ndarray | None = None) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, kind)`` of the runs of tokens the model marks as one identifier class with a probability
    of at least ``threshold``; with ``taken`` (a mask over ``text`` of what the rules found, and of what they know
    is no identifier: safelisted phrases, a form's field labels), only the parts of those runs left uncovered;
    ``found`` is the mask of the identifiers alone (default: ``taken``).

    A run goes on over the tokens either side that the model gives its class with a probability of at least
    ``EXTEND``. Left out: e-mails, URLs and IPs (the rules' patterns are exact); a date or an age where none can
    stand (see :func:`_in_frame`); a number alone as an address, unless beside what the rules found ("Session
    497"); a lone year, or a number of one or two digits, as a date (the "09" of a time after a date); an ID number
    with fewer than four digits, no run of four, or only years (a score, a label's acronym, "ICD-10 F43", "BP
    120/80", "2019/2020"); a part made only of words the detector's safelist knows ("Monday", "Arabic"); a part
    that is one common word ("most days", a sentence's "Su"); a possessive "'s" or one letter."""
    beside = taken if found is None else found
    spans, rows = _token_features(text, lang, lexicon, model.bits)
    if not spans:
        return []
    z = model.logits(rows)
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    best = p[:, 1:].argmax(axis=1) + 1
    hit = p[np.arange(len(spans)), best] >= threshold
    runs: list[list] = []
    for i, (s, e) in enumerate(spans):
        if not hit[i] or CLASSES[best[i]] in _RULES_ONLY or taken is not None and taken[s:e].any():
            continue
        if runs and runs[-1][2] == best[i] and not text[runs[-1][1]:s].strip(" "):    # (a token between: no run)
            runs[-1][1] = e
            runs[-1][3].append(i)
        else:
            runs.append([s, e, best[i], [i]])
    free = [taken is None or not taken[s:e].any() for s, e in spans]

    def joins(j: int, cls: int, a: int, b: int) -> bool:
        """Whether token j, nothing but spaces between tokens a and b, goes on a run of class cls."""
        return 0 <= j < len(spans) and free[j] and not hit[j] and p[j, cls] >= EXTEND and \
            not text[spans[a][1]:spans[b][0]].strip(" ")

    for run in runs:                   # each run goes on over neighbours likely enough of its class (EXTEND)
        cls, toks = run[2], run[3]
        while joins(toks[0] - 1, cls, toks[0] - 1, toks[0]):
            toks.insert(0, toks[0] - 1)
        while joins(toks[-1] + 1, cls, toks[-1], toks[-1] + 1):
            toks.append(toks[-1] + 1)
        run[0], run[1] = spans[toks[0]][0], spans[toks[-1]][1]
    common = (lexicon.en_common, lexicon.es_common, lexicon.ta_common)
    out = []
    for s, e, cls, toks in runs:
        words = [text[spans[i][0]:spans[i][1]] for i in toks]
        alnum = [w for w in words if w[0].isalnum()]
        keys = [_fold(w) for w in alnum if not w.isdigit()]
        if sum(len(w) for w in alnum) < 2 or len(keys) == len(alnum) and (
                all(k in lexicon.safe_words for k in keys)
                or len(keys) == 1 and (any(keys[0] in c for c in common))):
            continue
        if len(keys) == 1 and len(alnum) == 1 and (_kin_word(keys[0], lexicon)
                                                   or CLASSES[cls] == "name" and text[e:e + 1] == ":"):
            continue
        if CLASSES[cls] in ("date", "age") and not _in_frame(text, s, e, CLASSES[cls], lexicon):
            continue
        if CLASSES[cls] == "address" and all(len(k) < 2 for k in keys) and (
                beside is None or not beside[max(0, s - 3):e + 3].any()):
            continue                   # a number alone, beside nothing the rules found, is no address ("Session 497")
        digits = sum(ch.isdigit() for w in alnum for ch in w)
        if CLASSES[cls] == "date" and (len(alnum) == 1 and regex.fullmatch(r"(?:1[89]|20)\d\d", alnum[0])
                                       or len(keys) == 0 and digits <= 2):
            continue
        runs = regex.findall(r"\d+", text[s:e])
        if CLASSES[cls] == "number" and (digits < 4 or max(len(r) for r in runs) < 4 or all(
                regex.fullmatch(r"(?:1[89]|20)\d\d", r) for r in runs)):      # years alone are no ID: "2019/2020"
            continue
        first, last = spans[next(i for i in toks if text[spans[i][0]].isalnum())][0], \
            spans[next(i for i in reversed(toks) if text[spans[i][0]].isalnum())][1]
        out.append((first, last, _KIND_OF[CLASSES[cls]]))     # without punctuation at either end
    return out


def main(argv: list[str] | None = None) -> int:
    """Train the shipped model: ``python -m rapportlib.privacy.tagger --held-out identifiers_r17.jsonl
    tests/data/identifiers_*.jsonl``. The held-out set (the newest blind set) must be named, so that it is never
    learned from."""
    import argparse
    import time
    ap = argparse.ArgumentParser(prog="python -m rapportlib.privacy.tagger", description=main.__doc__)
    ap.add_argument("files", nargs="+", type=Path, help="labelled JSONL files (tests/data/identifiers_*.jsonl)")
    ap.add_argument("--held-out", action="append", required=True, metavar="NAME",
                    help="file name of a set to leave out (the held-out set); may repeat")
    ap.add_argument("--out", type=Path, default=None, help="where to save (default: the shipped model)")
    args = ap.parse_args(argv)
    files = sorted({p for p in args.files if p.name not in args.held_out}, key=lambda p: p.name)
    missing = [p for p in files if not p.is_file()]
    if missing:
        ap.error(f"no such file: {missing[0]}")
    if len(files) == len({p.name for p in args.files}):
        ap.error(f"none of the files is named {' or '.join(args.held_out)}: check the held-out name")
    t = time.perf_counter()
    model = train(files)
    out = args.out or bundled(*MODEL_PATH)
    model.save(out)
    print(f"trained on {len(files)} files in {time.perf_counter() - t:.0f} s (held out: "
          f"{', '.join(args.held_out)}); saved {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
