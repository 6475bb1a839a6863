"""The ``rapport`` command."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shutil
import sys
import time
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
    status = 0 if ds.report.ok else 1
    from .report import meeting_notebook

    notebook = None if args.no_report else meeting_notebook()
    report = None
    if notebook is not None:
        from .demo import OVER_RATER

        print()
        sys.stdout.flush()
        report = _write_report(notebook, out / f"report-{OVER_RATER}.html", supervisee=OVER_RATER, data=out,
                               since=None, lang="en")
        status = status or (0 if report else 1)
    print("\nNext:")
    if report:
        print(f"  {report}      (the supervision-meeting report for {OVER_RATER}: open it in any browser)")
        print(f"  rapport app --data {out}      (the interactive version: the notebooks as web apps)")
    print(f"  rapport check {out}      (the loading report: what was read, loaded, quarantined)")
    print(f"  python -c \"import rapportlib; ds = rapportlib.load('{out}'); print(ds.sessions.head())\"")
    print(f"  rapport lab --data {out}      (the notebooks in JupyterLab; start with getting_started.ipynb)")
    return status


# ------------------------------------------------------------------------------------------ reports and apps

def _progress_printer(label: str):
    """``progress(cell, total)`` printing "label ... cell 5 of 31" (one updating line on a terminal)."""
    tty = sys.stderr.isatty()

    def progress(cell: int, total: int) -> None:
        line = f"{label} ... cell {cell} of {total}"
        if tty:
            print(f"\r{line}\033[K", end="", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def done() -> None:
        if tty:
            print(file=sys.stderr, flush=True)

    return progress, done


def _write_report(notebook: Path, out: Path, *, supervisee: str, data, since: str | None, lang: str,
                  pdf: bool = False) -> Path | None:
    """Run the meeting notebook for one supervisee and write the report; None (after a message) on failure."""
    from .report import ReportError, render_pdf, render_report

    params = {"DATA": str(Path(data).resolve()) if data else None, "SUPERVISEE": supervisee, "SINCE": since,
              "LANG": lang, "REPORT": True}
    label = f"Running the meeting notebook for {supervisee}"
    progress, done = _progress_printer(label)
    print(f"{label} ... starting Python", end="" if sys.stderr.isatty() else "\n", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    try:
        render_report(notebook, out, params, title=f"Supervision meeting: {supervisee}", progress=progress)
        done()
        print(f"Report for {supervisee}: {out} ({time.perf_counter() - t0:.0f} s)")
        if pdf:
            t1 = time.perf_counter()
            render_pdf(out, out.with_suffix(".pdf"))
            print(f"PDF: {out.with_suffix('.pdf')} ({time.perf_counter() - t1:.0f} s)")
    except ReportError as exc:
        done()
        print(f"Cannot write the report: {exc}", file=sys.stderr)
        return None
    except KeyboardInterrupt:
        done()
        print("Stopped; no report was written.", file=sys.stderr)
        return None
    return out


def _iso_date(text: str) -> str:
    try:
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-03-28") from None


def _data_folder(data) -> Path | None:
    """The dataset path given on the command line, checked to exist (None: the bundled demo)."""
    if data is None:
        return None
    path = Path(data).expanduser()
    if not path.exists():
        raise DataError(f"there is no dataset at {path} (give a dataset folder or a sessions file; "
                        "`rapport demo` writes one)")
    return path.resolve()


def _report(args) -> int:
    from .report import MEETING_NOTEBOOK, meeting_notebook, notebooks_path

    notebook = meeting_notebook()
    if notebook is None:
        print(f"Cannot write the report: the meeting notebook {MEETING_NOTEBOOK} is not in {notebooks_path()} "
              "(this version of rapportlib does not have it yet).", file=sys.stderr)
        return 2
    try:
        data = _data_folder(args.data)
        from .loading import load

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = load(data) if data is not None else load(_demo_data())
    except DataError as exc:
        print(f"Cannot use this data: {exc}", file=sys.stderr)
        return 2
    known = sorted({str(c) for c in ds.sessions.get("clinician_id", []) if c == c}
                   | {str(c) for c in ds.clients.get("clinician_id", []) if c == c})
    if args.supervisee not in known:
        where = data or "the demo data"
        print(f"Cannot write the report: {args.supervisee} is not a clinician in {where}. "
              f"The clinicians there are: {', '.join(known) or 'none'}.", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.is_dir() or args.out.endswith(("/", os.sep)):
        out = out / f"report-{args.supervisee}.html"
    done = _write_report(notebook, out, supervisee=args.supervisee, data=data, since=args.since, lang=args.lang,
                         pdf=args.pdf)
    return 0 if done else 1


def _demo_data() -> Path:
    from .demo import data_path

    return data_path()


def _free_port(ip: str, wanted: int | None) -> int | None:
    import socket

    for port in ([wanted] if wanted else [8866, 0]):
        with socket.socket() as s:
            try:
                s.bind((ip, port))
            except OSError:
                continue
            return s.getsockname()[1]
    return None


def _local(ip: str) -> bool:
    return ip in ("127.0.0.1", "localhost", "::1")


def _app(args) -> int:
    import secrets
    import signal
    import socket
    import subprocess

    from .report import MEETING_NOTEBOOK, meeting_notebook, notebooks_path

    try:
        data = _data_folder(args.data)
    except DataError as exc:
        print(f"Cannot use this data: {exc}", file=sys.stderr)
        return 2
    try:
        import voila  # noqa: F401
    except ImportError:
        print("The app needs Voilà: pip install voila", file=sys.stderr)
        return 2
    port = _free_port(args.ip, args.port)
    if port is None:
        print(f"Cannot start the app: port {args.port} on {args.ip} is in use (choose another with --port)",
              file=sys.stderr)
        return 2
    folder = notebooks_path()
    token = secrets.token_urlsafe(32)
    env = {**os.environ, "JUPYTER_TOKEN": token}     # the token in the environment, not on a command line
    if data is not None:
        env["RAPPORT_DATA"] = str(data)
    cmd = [sys.executable, "-m", "voila", str(folder), "--no-browser", f"--port={port}", f"--Voila.ip={args.ip}",
           "--token", "--show_tracebacks=False", "--Voila.log_level=WARN"]
    proc = subprocess.Popen(cmd, cwd=folder, env=env, start_new_session=True)   # Ctrl+C comes to us, not it

    def stop(*_):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        deadline = time.time() + 120
        while True:
            if proc.poll() is not None:
                print(f"The app stopped before it was ready (exit status {proc.returncode}); see the messages "
                      "above.", file=sys.stderr)
                return 1
            try:
                socket.create_connection((args.ip if args.ip not in ("0.0.0.0", "") else "127.0.0.1", port),
                                         timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    print("The app did not start within 120 s.", file=sys.stderr)
                    return 1
                time.sleep(0.3)
        host = "127.0.0.1" if args.ip in ("0.0.0.0", "") else args.ip
        base = f"http://{host}:{port}"
        meeting = meeting_notebook()
        start = f"{base}/voila/render/{MEETING_NOTEBOOK}?token={token}" if meeting else f"{base}/?token={token}"
        print("\nrapport app is running. Open this address in your browser:\n")
        print(f"    {start}\n")
        if meeting:
            print(f"All the notebooks (journal, bias check, trends, ...): {base}/?token={token}")
        print(f"Data: {data or 'the bundled demo data'}" + (" (RAPPORT_DATA)" if data else ""))
        if _local(args.ip):
            print("Only this computer can reach it, and only with the token in the address: "
                  "do not share the address.")
        else:
            print(f"WARNING: it listens on {args.ip}, so other computers on the network can reach it; the token "
                  "in the address is all that protects it.")
        print("Press Ctrl+C to stop it.", flush=True)
        if not args.no_browser:
            import webbrowser

            webbrowser.open(start)
        proc.wait()
        print(f"The app stopped (exit status {proc.returncode}).", file=sys.stderr)
        return 0 if proc.returncode == 0 else 1
    except KeyboardInterrupt:
        print("\nStopping the app ...", file=sys.stderr)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _working_copy(src: Path, dest: Path) -> Path:
    """Copy the bundled notebooks to ``dest`` (a notebook already there is kept: it may hold the user's work)."""
    dest.mkdir(parents=True, exist_ok=True)
    copied = []
    for f in sorted(src.glob("*.ipynb")):
        if not (dest / f.name).exists():
            shutil.copyfile(f, dest / f.name)
            copied.append(f.name)
    if copied:
        print(f"Copied {len(copied)} notebooks to {dest}/ to work on (the installed ones stay as they are).")
    return dest


def _lab(args) -> int:
    import shlex
    import subprocess

    from .report import notebooks_path

    try:
        data = _data_folder(args.data)
    except DataError as exc:
        print(f"Cannot use this data: {exc}", file=sys.stderr)
        return 2
    folder = notebooks_path()
    if "_bundled" in folder.parts:      # an installed package: work on copies, never edit the installed notebooks
        folder = _working_copy(folder, Path(args.notebooks) if args.notebooks else Path.cwd() / "rapport-notebooks")
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}", "--ServerApp.ip=127.0.0.1"]
    env = dict(os.environ)
    if data is not None:
        env["RAPPORT_DATA"] = str(data)
    if args.print_command:
        print((f"RAPPORT_DATA={shlex.quote(str(data))} " if data else "") + shlex.join(cmd))
        return 0
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        print(f"Cannot start JupyterLab: {exc.strerror or exc}", file=sys.stderr)
        return 2


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


def _research(args) -> int:
    from . import research
    from .loading import load

    try:
        with warnings.catch_warnings():           # `rapport check` reports data quality in full
            warnings.simplefilter("ignore", DataQualityWarning)
            ds = load(args.path)
        results = research.run(ds, by=args.by, min_cell=args.min_cell)
    except DataError as exc:
        print(f"Cannot use this data: {exc}", file=sys.stderr)
        return 2
    tables = results.tables()
    try:
        paths = research.export_tables(tables, args.out, format=args.format)
    except OSError as exc:
        print(f"Cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(paths)} files to {args.out} (the tables, and data_dictionary.csv describing every column).")
    for name, frame in tables.items():
        print(f"  {name:<28} {len(frame):>6} rows")
    if results.agreement is not None:
        print("\n" + results.agreement.summary())
    if results.growth is not None:
        print("\n" + results.growth.summary())
    for note in results.notes:
        print(f"Note ({note['table']}): {note['note']}")
    return 0


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

    p = sub.add_parser("demo", help="write the synthetic demo dataset, summarise it and write a meeting report")
    p.add_argument("--out", default="rapport-demo", help="folder to write (default ./rapport-demo)")
    p.add_argument("--no-report", action="store_true", help="skip the supervision-meeting report")
    p.set_defaults(func=_demo)

    p = sub.add_parser("report", help="run the supervision-meeting notebook for one supervisee and write an HTML "
                                      "report (no code, plots embedded, opens offline)",
                       description="Exit status: 0 the report was written, 1 the notebook failed or the file "
                                   "could not be written, 2 the data, supervisee or notebook cannot be used.")
    p.add_argument("--supervisee", required=True, help="the supervisee's clinician id, e.g. clin04")
    p.add_argument("--data", help="dataset folder or sessions file (default: the bundled demo data)")
    p.add_argument("--since", type=_iso_date, help="date of the last meeting, YYYY-MM-DD")
    p.add_argument("--lang", default="en", choices=["en", "es", "ta"])
    p.add_argument("--out", required=True, help="the HTML file to write (a folder: report-ID.html in it)")
    p.add_argument("--pdf", action="store_true", help="also write a PDF next to it (needs Chromium or Chrome)")
    p.set_defaults(func=_report)

    p = sub.add_parser("app", help="serve the notebooks as web apps (Voilà) on this computer, with a token")
    p.add_argument("--data", help="dataset folder or sessions file for the notebooks (sets RAPPORT_DATA)")
    p.add_argument("--port", type=int, help="port (default 8866, or a free one if it is taken)")
    p.add_argument("--ip", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: only this computer can reach it)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    p.set_defaults(func=_app)

    p = sub.add_parser("lab", help="open JupyterLab on the notebooks folder")
    p.add_argument("--data", help="dataset folder or sessions file for the notebooks (sets RAPPORT_DATA)")
    p.add_argument("--notebooks", help="where an installed package's notebooks are copied to work on "
                                       "(default ./rapport-notebooks; a checkout opens its own notebooks/)")
    p.add_argument("--print-command", action="store_true", help="print the command instead of running it")
    p.set_defaults(func=_lab)

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

    p = sub.add_parser("research", help="run the research analyses on a dataset and write every table (CSV or "
                                        "Parquet) with a data dictionary",
                       description="Exit status: 0 the tables were written, 1 they could not be written, 2 the "
                                   "data cannot be used.")
    p.add_argument("path", help="dataset folder or sessions file")
    p.add_argument("--out", required=True, help="folder to write the tables to")
    p.add_argument("--by", help="compare groups of this column: of the sessions, the clients or the clinicians "
                                "in dataset.yaml (for example role, site or cohort)")
    p.add_argument("--format", default="csv", choices=["csv", "parquet", "both"])
    p.add_argument("--min-cell", type=int, help="hide counts below this in the group tables (for example 11), with "
                                                "secondary suppression")
    p.set_defaults(func=_research)

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
