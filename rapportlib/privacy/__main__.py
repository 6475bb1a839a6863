"""``python -m rapportlib.privacy FILE...``: score the detector on labelled sets (see :func:`.scoring.main`)."""

from .scoring import main

raise SystemExit(main())
