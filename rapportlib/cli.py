"""The ``rapport`` command."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import warnings
from pathlib import Path

from .errors import DataError, DataQualityWarning


def _demo(args) -> int:
    from .demo import data_path
    from .loading import load

    out = Path(args.out)
    src = data_path()
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted(src.rglob("*")):
        if f.is_file():
            target = out / f.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
    ds = load(out)
    print(f"Wrote the synthetic demo dataset to {out}/\n")
    print(ds.summary())
    print("\nNext:")
    print(f"  rapport check {out}      (the loading report: what was read, loaded, quarantined)")
    print(f"  python -c \"import rapportlib; ds = rapportlib.load('{out}'); print(ds.sessions.head())\"")
    print("  jupyter lab notebooks/getting_started.ipynb      (a guided first look, from a clone)")
    return 0 if ds.report.ok else 1


def _check(args) -> int:
    from .loading import load

    opts = {k: v for k, v in dict(layout=args.layout, id_col=args.id_col, session_col=args.session_col,
                                   delimiter=args.delimiter, sheet=args.sheet).items() if v is not None}
    try:
        with warnings.catch_warnings():           # the report below says the same, in full
            warnings.simplefilter("ignore", DataQualityWarning)
            ds = load(args.path, mapping=args.mapping, instruments=args.instrument or None,
                      allow_identifiers=args.allow_identifiers, **opts)
    except DataError as exc:
        if args.json:
            out = {"error": str(exc), "file": exc.file, "row": exc.row, "column": exc.column, "rule": exc.rule}
            if hasattr(exc, "privacy"):
                out["identifiers"] = exc.privacy.findings.astype(object).to_dict("records")
            print(json.dumps(out, indent=2, default=str))
        else:
            print(f"Cannot use this data: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = ds.report.to_dict()
        out["privacy"] = {"status": ds.privacy.status,
                          "findings": ds.privacy.findings.astype(object).to_dict("records")}
        print(json.dumps(out, indent=2, default=str))
    else:
        print(ds.report.to_text(max_issues=10**9 if args.all else 40))
        print(f"\nAnonymisation: {ds.privacy.status}" + (f" ({ds.privacy.method})" if ds.privacy.method else "")
              + f"; {ds.privacy.describe()}")
        if len(ds.privacy.findings):
            print(ds.privacy.to_text(max_rows=10**9 if args.all else 40))
    return 0 if ds.report.ok and not len(ds.privacy.findings) else 1


def _seeds(args) -> int:
    from .prompts import load_banks, select_prompts

    try:
        banks = load_banks(args.folder)
    except DataError as exc:
        print(f"Cannot use these banks: {exc}", file=sys.stderr)
        return 2
    print(banks.summary())
    if args.triggers:
        for tid, trig in banks.triggers.items():
            print(f"\n{tid}: {trig.meaning.get(args.lang) or trig.meaning['en']}")
            for p in select_prompts([tid], lang=args.lang, k=args.k, banks=banks):
                flag = "URGENT " if p.urgent else ""
                print(f"  {flag}{p.id}  [{p.bank}, {p.source}]\n    {p.text}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rapport", description="rapportlib: supervision and reflection notebooks.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="write the synthetic demo dataset and summarise it")
    p.add_argument("--out", default="rapport-demo", help="folder to write (default ./rapport-demo)")
    p.set_defaults(func=_demo)

    p = sub.add_parser("check", help="load a dataset or file and report what loaded and what was quarantined",
                       description="Exit status: 0 everything loaded, 1 rows were quarantined (or identifiers "
                                   "were found and --allow-identifiers given), 2 the data "
                                   "cannot be used.")
    p.add_argument("path", help="dataset folder or sessions file")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--all", action="store_true", help="list every problem, not just the first 40")
    p.add_argument("--layout", choices=["auto", "sessions", "person-wide"])
    p.add_argument("--id-col", help="the file's client identifier column (default client_id)")
    p.add_argument("--session-col", help="the file's session number column (default session)")
    p.add_argument("--mapping", help="a column-mapping YAML file")
    p.add_argument("--instrument", action="append", help="an extra instrument file (repeatable)")
    p.add_argument("--delimiter", help="CSV delimiter (default: detected)")
    p.add_argument("--sheet", help="Excel sheet name")
    p.add_argument("--allow-identifiers", action="store_true",
                   help="load even if free text holds identifiers (they are still reported, by row, column and kind)")
    p.set_defaults(func=_check)

    p = sub.add_parser("seeds", help="check the prompt banks (and a programme's own) and list them",
                       description="Exit status: 0 the banks are valid, 2 a bank file is broken (the message names "
                                   "the file, the entry and the field).")
    p.add_argument("folder", nargs="?", help="a folder (or file) of your programme's own bank files")
    p.add_argument("--triggers", action="store_true", help="for each trigger, the prompts chosen and why")
    p.add_argument("--lang", default="en", choices=["en", "es", "ta"])
    p.add_argument("-k", type=int, default=3, help="prompts per trigger with --triggers (default 3)")
    p.set_defaults(func=_seeds)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
