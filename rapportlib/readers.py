"""Reading CSV, Excel, JSON Lines and Parquet files into raw tables.

A reader returns a :class:`RawTable`: the parsed cells, the row number each
record has in the file (as a spreadsheet or text editor shows it), and the
records that could not be parsed at all (wrong number of fields, broken JSON),
so that the caller can quarantine them instead of losing them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError

SUPPORTED = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "excel", ".xlsm": "excel",
             ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
DELIMITERS = (",", ";", "\t", "|")
# Cells read as missing in text files (besides empty ones); "nan" in any case is missing too.
NULL_VALUES = ["", "NA", "N/A", "n/a", "NULL", "null", "NaN", "nan", "#N/A", "#NA", "-NaN", "-nan"]


def blank_cells(s: pd.Series) -> np.ndarray:
    """Cells that hold no value: missing, or text such as "", "NA" or "nan" (surrounding space ignored)."""
    miss = s.isna().to_numpy().copy()
    if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
        t = s.astype("str").str.strip()
        miss |= (t.isin(NULL_VALUES) | (t.str.lower() == "nan")).to_numpy(dtype=bool, na_value=True)
    return miss


@dataclass
class RawTable:
    """Cells of one file as parsed, before any validation."""

    frame: pd.DataFrame            # one row per parsed record; the file's own column names
    rows: np.ndarray               # row number of each record in the file (header = row 1)
    source: str                    # file name for messages
    unparsed: pd.DataFrame = field(default_factory=lambda: pd.DataFrame({"row": [], "rule": [], "raw": []}))
    notes: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    @property
    def n_read(self) -> int:
        return len(self.frame) + len(self.unparsed)


def read_raw(path: str | Path, *, delimiter: str | None = None, sheet: str | int | None = None,
             string_columns: set[str] = frozenset()) -> RawTable:
    """Parse one file of any supported format.

    ``string_columns`` are read as text even when they look numeric (ids such
    as ``007`` keep their leading zeros).
    """
    path = Path(path)
    if not path.is_file():
        raise DataError("file not found; check the path", file=str(path), rule="exists")
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise DataError(f"unsupported file type {path.suffix!r}; use one of "
                        + ", ".join(sorted(SUPPORTED)), file=path.name, rule="format")
    if kind == "csv":
        return _read_csv(path, delimiter, string_columns)
    if kind == "excel":
        return _read_excel(path, sheet)
    if kind == "jsonl":
        return _read_jsonl(path)
    return _read_parquet(path)


# --------------------------------------------------------------------------- CSV
def _decode(data: bytes, name: str) -> tuple[bytes, str, list[str]]:
    """Return UTF-8 bytes, the encoding found, and notes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16").encode("utf-8"), "utf-16", ["read as UTF-16"]
    if b"\x00" in data[:65536]:
        raise DataError("does not look like a text file (binary content). If it is a spreadsheet, "
                        "save it as .xlsx or export it as CSV", file=name, rule="format")
    if data.startswith(b"\xef\xbb\xbf"):
        data, enc = data[3:], "utf-8-sig"
    else:
        enc = "utf-8"
    if data.isascii():
        return data, enc, []
    try:
        data.decode("utf-8")
        return data, enc, []
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
        return (text.encode("utf-8"), "latin-1",
                ["not valid UTF-8: read as Latin-1 (Windows-1252); check accented letters"])


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _sniff_delimiter(header: str) -> str:
    counts = {d: len(next(csv.reader([header], delimiter=d))) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 1 else ","


def _line_table(buf: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start offset, end offset (exclusive, without CR/LF) and quote count of every physical line."""
    nl = np.flatnonzero(buf == 10)
    starts = np.concatenate(([0], nl + 1))
    ends = np.concatenate((nl, [len(buf)]))
    if starts[-1] == len(buf):          # file ends with a newline: no last line
        starts, ends = starts[:-1], ends[:-1]
    has_cr = (ends > starts) & (buf[np.maximum(ends - 1, 0)] == 13)
    ends = ends - has_cr
    qpos = np.flatnonzero(buf == 34)
    nquote = np.searchsorted(qpos, ends) - np.searchsorted(qpos, starts)
    return starts, ends, nquote


def _read_csv(path: Path, delimiter: str | None, string_columns: set[str]) -> RawTable:
    name = path.name
    raw = path.read_bytes()
    if not raw or raw.isspace():
        raise DataError("the file is empty", file=name, rule="empty")
    data, enc, notes = _decode(raw, name)
    if b"\n" not in data and b"\r" in data:     # old Mac line endings
        data = data.replace(b"\r", b"\n")
    first_nl = data.find(b"\n")
    header_line = data[: first_nl if first_nl >= 0 else len(data)].decode("utf-8").rstrip("\r")
    delim = delimiter or _sniff_delimiter(header_line)
    if not header_line.strip():
        raise DataError("the first line must hold the column names, but it is empty",
                        file=name, row=1, rule="header")
    names = _header_names(next(csv.reader([header_line], delimiter=delim)), name)
    parsed = _parse_arrow(data, first_nl, delim, names, string_columns, threads=True)
    n_lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if parsed is not None and not parsed[1] and len(parsed[0]) == n_lines - 1:
        # the common case: one record on every line after the header
        return RawTable(parsed[0], np.arange(2, n_lines + 1, dtype=np.int64), name, notes=notes, encoding=enc,
                        delimiter=delim)

    # blank lines, lines with the wrong number of fields, or values spanning lines: find where records are
    starts, ends, nquote = _line_table(np.frombuffer(data, dtype=np.uint8))
    blank = ends <= starts
    if (nquote % 2 == 1).any():
        # a quoted value spans lines: only a record-by-record parse knows where records end
        return _read_csv_slow(data, name, delim, names, enc, notes)
    body_lines = np.flatnonzero(~blank)[1:]          # physical line index of every record after the header
    if parsed is not None and parsed[1]:             # some lines have the wrong number of fields: which?
        parsed = _parse_arrow(data, first_nl, delim, names, string_columns, threads=False)
    if parsed is None or any(b[0] is None or not 0 < b[0] <= len(body_lines) for b in parsed[1]):
        return _read_csv_slow(data, name, delim, names, enc, notes)
    frame, bad = parsed
    bad_lines = body_lines[[b[0] - 1 for b in bad]] if bad else np.zeros(0, np.int64)
    good_lines = np.setdiff1d(body_lines, bad_lines, assume_unique=True)
    if len(frame) != len(good_lines):
        return _read_csv_slow(data, name, delim, names, enc, notes)
    last = len(starts) - 1
    rules = [f"truncated last line: {n} of {len(names)} fields (the file may have been cut off)"
             if line == last and not data.endswith(b"\n") and n < len(names)
             else f"has {n} fields, the header has {len(names)}" for line, (_, n, _) in zip(bad_lines, bad)]
    unparsed = pd.DataFrame({"row": pd.Series(bad_lines + 1, dtype="int64"), "rule": pd.Series(rules, dtype="str"),
                             "raw": pd.Series([b[2] for b in bad], dtype="str")})
    return RawTable(frame, good_lines + 1, name, unparsed, notes, enc, delim)


def _header_names(names: list[str], file: str) -> list[str]:
    out, seen = [], set()
    for i, n in enumerate(names, start=1):
        n = n.strip()
        if not n:
            n = f"unnamed_{i}"
        if n in seen:
            raise DataError(f"two columns are named {n!r}; give every column a different name",
                            file=file, row=1, column=n, rule="header")
        seen.add(n)
        out.append(n)
    return out


def _parse_arrow(data: bytes, first_nl: int, delim: str, names: list[str], string_columns: set[str], *,
                 threads: bool) -> tuple[pd.DataFrame, list[tuple[int | None, int, str]]] | None:
    """Parse the records after the header with pyarrow. Records with the wrong number of
    fields are skipped and returned as (ordinal among non-empty lines, fields, text);
    the ordinal is only known single-threaded. None if pyarrow cannot parse the file."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    if first_nl < 0:
        return pd.DataFrame({n: pd.Series([], dtype="str") for n in names}), []
    bad: list[tuple[int | None, int, str]] = []

    def skip(row):
        bad.append((row.number, row.actual_columns, row.text))
        return "skip"

    try:
        table = pcsv.read_csv(
            pa.py_buffer(data).slice(first_nl + 1),
            read_options=pcsv.ReadOptions(column_names=names, block_size=1 << 24, use_threads=threads),
            parse_options=pcsv.ParseOptions(delimiter=delim, invalid_row_handler=skip),
            convert_options=pcsv.ConvertOptions(
                column_types={c: pa.string() for c in names if c in string_columns},
                null_values=NULL_VALUES, strings_can_be_null=True, quoted_strings_can_be_null=True,
                true_values=[], false_values=[]),         # booleans are the validator's business
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return arrow_to_pandas(table), bad


def arrow_to_pandas(table) -> pd.DataFrame:
    """An Arrow table as a DataFrame; text columns become pandas' ``str`` dtype without a copy."""
    import pyarrow as pa

    text = [i for i, t in enumerate(table.schema.types) if pa.types.is_string(t) or pa.types.is_large_string(t)]
    frame = table.drop_columns([table.column_names[i] for i in text]).to_pandas(date_as_object=False)  # one block
    for i in text:
        col = table.column(i)
        arr = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
        frame.insert(i, table.column_names[i],
                     pd.arrays.ArrowStringArray(arr, dtype=pd.StringDtype("pyarrow", na_value=np.nan)))
    return frame


def _read_csv_slow(data: bytes, name: str, delim: str, names: list[str], enc: str,
                   notes: list[str]) -> RawTable:
    """Record-by-record parse with the csv module (quoted values spanning lines)."""
    text = data.decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=False)
    next(reader)
    good, good_rows, bad_rows, bad_rules, bad_raw = [], [], [], [], []
    start = reader.line_num + 1
    ends_with_nl = text.endswith(("\n", "\r"))
    n_lines = text.count("\n") + 1
    for rec in reader:
        end = reader.line_num
        if len(rec) > 1 or (rec and rec[0] != ""):
            if len(rec) == len(names):
                good.append(rec)
                good_rows.append(start)
            else:
                is_last = not ends_with_nl and end == n_lines
                bad_rows.append(start)
                bad_rules.append(
                    f"truncated last line: {len(rec)} of {len(names)} fields (the file may have been cut off)"
                    if is_last and len(rec) < len(names) else f"has {len(rec)} fields, the header has {len(names)}")
                bad_raw.append(delim.join(rec))
        start = end + 1
    frame = pd.DataFrame(good, columns=names, dtype="str") if good else \
        pd.DataFrame({n: pd.Series([], dtype="str") for n in names})
    frame = frame.where(~frame.isin(NULL_VALUES)) if len(frame) else frame
    unparsed = pd.DataFrame({"row": pd.Series(bad_rows, dtype="int64"), "rule": pd.Series(bad_rules, dtype="str"),
                             "raw": pd.Series(bad_raw, dtype="str")})
    return RawTable(frame, np.asarray(good_rows, dtype=np.int64), name, unparsed, notes, enc, delim)


# --------------------------------------------------------------------------- others
def _read_excel(path: Path, sheet: str | int | None) -> RawTable:
    try:
        grid = pd.read_excel(path, sheet_name=0 if sheet is None else sheet, header=None, dtype=object)
    except ValueError as exc:
        if "Worksheet" in str(exc) or "not found" in str(exc):
            raise DataError("has no such sheet; name the sheet to read", file=path.name, rule="sheet") from None
        raise DataError("could not be read as an Excel workbook (.xlsx)", file=path.name, rule="format") from None
    except Exception:  # noqa: BLE001 - whatever the Excel reader trips on, the workbook is unreadable
        raise DataError("could not be read as an Excel workbook (.xlsx); is it damaged or password-protected?",
                        file=path.name, rule="format") from None
    if grid.empty:
        raise DataError("the sheet is empty", file=path.name, rule="empty")
    names = _header_names(["" if pd.isna(v) else str(v) for v in grid.iloc[0]], path.name)
    body = grid.iloc[1:].set_axis(names, axis=1)
    keep = body.notna().any(axis=1).to_numpy()
    rows = np.flatnonzero(keep) + 2
    frame = body[keep].reset_index(drop=True)
    return RawTable(frame, rows.astype(np.int64), path.name, encoding="xlsx")


def _read_jsonl(path: Path) -> RawTable:
    raw = path.read_bytes()
    data, enc, notes = _decode(raw, path.name)
    records, rows, bad_rows, bad_rules, bad_raw = [], [], [], [], []
    for i, line in enumerate(data.decode("utf-8").split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip(" \t"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            bad_rows.append(i)
            bad_raw.append(line)
            bad_rules.append("is not a complete JSON object (cut off or malformed)")
            continue
        if not isinstance(obj, dict):
            bad_rows.append(i)
            bad_raw.append(line)
            bad_rules.append("is JSON but not an object of field names and values")
            continue
        records.append(obj)
        rows.append(i)
    if not records and not bad_rows:
        raise DataError("the file is empty", file=path.name, rule="empty")
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    unparsed = pd.DataFrame({"row": pd.Series(bad_rows, dtype="int64"), "rule": pd.Series(bad_rules, dtype="str"),
                             "raw": pd.Series(bad_raw, dtype="str")})
    return RawTable(frame, np.asarray(rows, dtype=np.int64), path.name, unparsed, notes, enc)


def _read_parquet(path: Path) -> RawTable:
    try:
        frame = pd.read_parquet(path)
    except Exception:  # noqa: BLE001 - whatever the Parquet reader trips on, the file is unreadable
        raise DataError("could not be read as a Parquet file; is it complete?", file=path.name,
                        rule="format") from None
    frame = frame.reset_index(drop=True)
    return RawTable(frame, np.arange(1, len(frame) + 1, dtype=np.int64), path.name, encoding="parquet")
