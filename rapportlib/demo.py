"""Synthetic demo dataset for rapportlib.

Everything here is **made up**: clients, clinicians, dates and reflection texts
are generated from a seeded random number generator.  No real people, names,
places or dates are involved.  The data set is meant for tutorials, notebooks
and tests of the alliance analytics, rupture detection and bias checks, so it
carries a few *planted* signals whose ground truth is written alongside it:

* alliance ruptures (V-shaped, decline-then-repair and unrepaired SRS drops),
  listed exactly in ``truth_ruptures.csv``;
* one clinician (``OVER_RATER``) who rates the alliance of interpreter-mediated
  clients clearly higher than the clients do (``wai_srt`` vs ``wai_sr`` and
  ``clinician_alliance``);
* stigmatising or over-generalising phrases in about a tenth of the reflection
  texts, listed in ``truth_language.csv``, next to innocent "decoy" sentences
  that use nearby words ("no signs of agitation", "not aggressive");
* patterns in the clinicians' countertransference check-ins (``ct_*``), listed in
  ``truth_ct.csv``: one client with whom ``CT_SPECIAL_CLINICIAN`` feels special /
  overinvolved session after session, ``CT_RISING_CLINICIAN``'s disengagement rising
  over the months, ``CT_HELPLESS_CLINICIAN`` feeling more helpless with
  interpreter-mediated clients, and the shifts after ruptures (criticised after a
  confrontation, helpless after a withdrawal) where they are strong enough to find.

Clients also carry a ``presentation`` (anxious, mistrustful, low engagement, or not
assessed), drawn independently of everything else.

Usage::

    from rapportlib import demo
    data = demo.generate()          # DemoData with DataFrames + meta
    demo.write("data/demo")         # the committed files, bit-for-bit

The same seed always gives byte-identical files: fixed column order, fixed
number formatting, ``\\n`` line endings, sorted JSON keys and no clock reads.
Only numpy, pandas and yaml are used; no other rapportlib module is imported.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

__all__ = ["CT_HELPLESS_CLINICIAN", "CT_RISING_CLINICIAN", "CT_SPECIAL_CLINICIAN", "DEFAULT_SEED", "OVER_RATER",
           "TECHNIQUES", "TRAINEE", "DemoData", "data_path", "generate", "write"]

DEFAULT_SEED = 20261123

# =========================================================================== design constants
N_CLIENTS = 76
N_IMMIGRATION = 14
RUPTURE_SHARE = 0.25                      # of therapy clients
RUPTURE_PATTERN_SHARE = {"v": 0.5, "decline_repair": 0.25, "unrepaired": 0.25}
LANGUAGE_PLANT_SHARE = 0.10               # of client reflections
DECOY_SHARE = 0.10                        # of client reflections (innocent near-miss words)
START_DATE = _dt.date(2001, 1, 8)         # synthetic calendar; nobody's real dates

CLINICIANS: tuple[tuple[str, str], ...] = (
    ("clin01", "licensed"), ("clin02", "licensed"), ("clin03", "licensed"),
    ("clin04", "licensed"), ("clin05", "licensed"), ("clin06", "trainee"),
)
OVER_RATER = "clin04"          # over-rates the alliance of interpreter-mediated clients
WAI_AT_SRS34 = 3.7             # client WAI-SR item level that goes with an SRS total of 34
WAI_PER_SRS_POINT = 0.13       # WAI-SR item level per SRS total point (WAI follows the SRS, ruptures included)
OVER_RATE_WAI = 1.2            # added to the clinician's WAI item level (1-5 scale) for those clients
TRAINEE = "clin06"             # clients rate the alliance a little lower; more ct_overwhelmed
TRAINEE_SRS_SHIFT = -1.5
SPANISH_SPEAKER = "clin02"     # holds sessions in Spanish without an interpreter
LOADED_WRITER = "clin03"       # writes stigmatising language more often than colleagues
LOADED_WEIGHT = 3.0
REFLECTION_RATE = {"clin01": 0.66, "clin02": 0.60, "clin03": 0.70, "clin04": 0.64, "clin05": 0.58, "clin06": 0.86}
# the over-rater sees a large share of the interpreter-mediated clients so that the signal is testable
OVER_RATER_INTERPRETER_SHARE = 0.4
# Planted countertransference patterns (check-in ratings 0-4), from their own random stream (_STREAM_CT):
CT_SPECIAL_CLINICIAN = "clin01"           # one of their clients: ct_special 2-4 in every reflection (mostly 3-4)
CT_SPECIAL_RATINGS = ((2, 3, 4), (0.15, 0.5, 0.35))
CT_SPECIAL_MIN_REFLECTIONS = 8            # the client is chosen among those with at least this many reflections
CT_RISING_CLINICIAN = "clin05"            # ct_disengaged rises steadily over their months of work ...
CT_DISENGAGED_RISE = 2.0                  # ... by this much from their first to their last session date
CT_HELPLESS_CLINICIAN = OVER_RATER        # the clinician with most interpreter-mediated clients (enough to test)
CT_HELPLESS_SHIFT = 1.5                   # added to ct_helpless with interpreter-mediated clients
# the rupture shifts upward of _ct_scores (rupture kind, dimension, size), recorded in truth_ct.csv where the
# generated data make them strong enough to find (see _rupture_shift_truth)
CT_RUPTURE_SHIFTS = (("confrontation", "ct_criticised", 2.0), ("withdrawal", "ct_helpless", 1.5),
                     ("withdrawal", "ct_disengaged", 0.5))
PRESENTATIONS = (("anxious", "mistrustful", "low_engagement", ""), (0.25, 0.20, 0.20, 0.35))   # "" = not assessed

INSTRUMENT_VERSIONS = {"srs": "3.0", "ors": "3.0", "wai_sr": "2006", "wai_srt": "2006"}
SRS_ITEMS = [f"srs_{i}" for i in range(1, 5)]
ORS_ITEMS = [f"ors_{i}" for i in range(1, 5)]
WAI_SR_ITEMS = [f"wai_sr_{i}" for i in range(1, 13)]
WAI_SRT_ITEMS = [f"wai_srt_{i}" for i in range(1, 13)]
WAI_SUBSCALES = {"task": (1, 2, 10, 12), "bond": (3, 5, 7, 9), "goal": (4, 6, 8, 11)}

SESSION_COLUMNS = (["client_id", "session", "clinician_id", "date"] + SRS_ITEMS + ["srs_total"]
                   + ORS_ITEMS + ["ors_total"] + WAI_SR_ITEMS + WAI_SRT_ITEMS)
CLIENT_COLUMNS = ["client_id", "clinician_id", "cultural_background", "preferred_language", "interpreter",
                  "case_type", "age_band", "gender", "presentation"]
CT_COLUMNS = ["ct_overwhelmed", "ct_helpless", "ct_positive", "ct_special", "ct_sexualised",
              "ct_disengaged", "ct_parental", "ct_criticised"]
REFLECTION_COLUMNS = (["reflection_id", "clinician_id", "client_id", "session", "created", "text", "techniques",
                       "rupture", "repair_attempted"] + CT_COLUMNS + ["clinician_alliance", "language", "interpreter"])
TRUTH_RUPTURE_COLUMNS = ["client_id", "pre_session", "drop_session", "size", "repaired_session", "pattern"]
TRUTH_LANGUAGE_COLUMNS = ["reflection_id", "term", "category"]
TRUTH_CT_COLUMNS = ["kind", "clinician_id", "client_id", "group_column", "group_value", "dimension"]

# Self-identified background -> (languages, probabilities), weight among therapy / evaluation clients.
BACKGROUNDS: tuple[tuple[str, tuple[str, ...], tuple[float, ...], float, float], ...] = (
    ("White European", ("English", "Portuguese"), (0.85, 0.15), 0.22, 0.00),
    ("Black Caribbean", ("English",), (1.0,), 0.10, 0.00),
    ("Latin American", ("Spanish", "English"), (0.65, 0.35), 0.14, 0.25),
    ("Tamil", ("Tamil", "English"), (0.75, 0.25), 0.11, 0.25),
    ("South Asian", ("English", "Tamil"), (0.8, 0.2), 0.08, 0.00),
    ("Arab", ("Arabic", "English"), (0.7, 0.3), 0.07, 0.15),
    ("Persian", ("Farsi", "English"), (0.7, 0.3), 0.04, 0.10),
    ("Somali", ("Somali", "English"), (0.6, 0.4), 0.04, 0.15),
    ("West African", ("English", "French"), (0.7, 0.3), 0.06, 0.10),
    ("East Asian", ("Mandarin", "English"), (0.5, 0.5), 0.06, 0.00),
    ("Mixed heritage", ("English",), (1.0,), 0.06, 0.00),
    ("", ("English",), (1.0,), 0.02, 0.00),          # not stated: left empty, never inferred
)
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
AGE_WEIGHTS = (0.16, 0.30, 0.24, 0.16, 0.10, 0.04)
GENDERS = ("woman", "man", "non-binary", "trans woman", "trans man", "prefer not to say")
GENDER_WEIGHTS = (0.50, 0.40, 0.04, 0.02, 0.02, 0.02)
PRONOUNS = {"woman": ("she", "her", "her"), "trans woman": ("she", "her", "her"),
            "man": ("he", "him", "his"), "trans man": ("he", "him", "his")}   # others: they/them/their
CONCERNS = ("low mood", "panic attacks", "grief after a loss", "sleep problems", "conflict at home",
            "work stress", "substance use", "trauma memories", "loneliness", "anger at home")
EVALUATION_CONCERNS = ("trauma memories", "sleep problems", "low mood", "fear about the future")
RELATIVES = ("sister", "brother", "mother", "father", "partner", "daughter", "son", "aunt", "grandmother", "cousin")

# =========================================================================== rapport techniques
# Short ids of the 20 rapport-building techniques (shared/seeds/001: "What is Rapport Building?
# 20 Techniques"), in the guide's numbering; each with two ways a clinician might write it up.
TECHNIQUES: dict[str, tuple[str, str]] = {
    "active_listening": ("I focused on listening closely and reflecting back what I heard.",
                         "Much of my work today was simply listening and summarising carefully."),
    "open_questions": ("I used open questions and let the client lead the pace of the story.",
                       "I kept my questions open and resisted filling the silences."),
    "reflective_summarising": ("I summarised the main threads at the end and checked I had understood.",
                               "Halfway through I offered a summary, and the client corrected one part of it."),
    "pacing": ("I slowed the pace deliberately when the material became heavy.",
               "We went step by step, with pauses whenever the client needed them."),
    "nonverbal_attunement": ("I paid attention to posture and tone and matched a calmer rhythm.",
                             "I tried to stay attuned to nonverbal cues and adjusted my tone."),
    "empathic_validation": ("I validated how hard the week had been before moving on.",
                            "I tried to validate the feelings underneath the complaint."),
    "cultural_humility": ("I asked the client to teach me what family obligations mean in {pos} world.",
                          "I checked my assumptions and asked how {pos} background shapes what help looks like."),
    "self_disclosure": ("I used a brief self-disclosure to normalise the worry, then returned the focus to {obj}.",
                        "I shared a small, relevant experience of my own and kept it short."),
    "collaborative_goals": ("We agreed together on one small goal for the coming weeks.",
                            "We revisited {pos} goals and reworded one of them in {pos} own words."),
    "transparency": ("I explained openly why I was asking these questions and how the notes are used.",
                     "I was transparent about the purpose of our work and the limits of confidentiality."),
    "genuine_curiosity": ("I stayed curious about how the client makes sense of what is happening.",
                          "I asked about the meaning of the events rather than only the facts."),
    "consistency": ("I made a point of starting on time and following up on what I promised last week.",
                    "I kept to our usual structure, which the client seems to find steadying."),
    "strengths_focus": ("I highlighted the strengths the client showed in getting through the week.",
                        "We looked at what is already working and how the client managed it."),
    "behavioural_experiments": ("We planned a small behavioural experiment for the week.",
                                "We reviewed last week's experiment and what the client learned from it."),
    "normalising": ("I normalised the reaction as understandable given everything that happened.",
                    "I let the client know that many people feel this way in similar situations."),
    "humour": ("There was some shared humour, which eased the tension.",
               "A light moment of humour helped us both relax."),
    "practical_help": ("I helped with a practical step, finding the right service for {pos} {relative}.",
                       "We spent some time on practical matters that were weighing on {obj}."),
    "rupture_repair": ("I worked on repairing the strain between us.",
                       "I made space to talk about what had gone wrong between us."),
    "affirmation": ("I affirmed the effort it took to come today.",
                    "I acknowledged the courage it took to talk about this."),
    "boundary_clarity": ("I was clear about what I can and cannot do in my role.",
                         "I restated the boundaries of our work when the client asked for more contact."),
}
TECHNIQUE_IDS = tuple(TECHNIQUES)
_TECH_WEIGHT_THERAPY = {"active_listening": 5, "empathic_validation": 4, "open_questions": 3,
                        "reflective_summarising": 3, "collaborative_goals": 3, "genuine_curiosity": 2,
                        "strengths_focus": 2, "behavioural_experiments": 2, "pacing": 2, "normalising": 2,
                        "affirmation": 2, "consistency": 1.5, "nonverbal_attunement": 1.5,
                        "cultural_humility": 1, "transparency": 1, "humour": 1, "practical_help": 1,
                        "boundary_clarity": 1, "self_disclosure": 0.5, "rupture_repair": 0}
_TECH_BOOST_EVALUATION = {"transparency": 6, "pacing": 4, "boundary_clarity": 3, "cultural_humility": 3,
                          "practical_help": 2, "behavioural_experiments": -2, "collaborative_goals": -2,
                          "humour": -1, "self_disclosure": -0.5}
_TECH_BOOST_INTERPRETER = {"cultural_humility": 3, "pacing": 2, "nonverbal_attunement": 1}

# =========================================================================== reflection text fragments
# Placeholders: {Sub} {sub} {obj} {pos} {Pos} {concern} {relative} {language}.
# Subject pronouns only appear with past-tense verbs so that "they" reads correctly.
OPENING_FIRST = (
    "First full session after intake; we mapped what brought the client here and what {sub} hoped would change.",
    "We spent most of the hour on history and on what the client wants from our work.",
    "The client described the main worries that led {obj} to seek help, mostly {concern}.",
)
OPENING_MIDDLE = (
    "We continued working on {concern}.",
    "Most of the session focused on {concern} and its effect on the past week.",
    "The client brought a recent setback related to {concern} and we slowed down to look at it.",
    "We reviewed the past week and linked it to {pos} goals.",
    "The client talked at length about {pos} {relative} and the strain at home.",
    "The client arrived late and a little flat; we used the remaining time on {concern}.",
    "A quieter session; the client reflected on small changes since we started.",
    "The client came in with a clear agenda about {pos} {relative}, which we followed.",
)
OPENING_LAST = (
    "We talked about how our work might end and what the client wants to keep doing on {pos} own.",
    "We looked back over the sessions so far and what has changed with {concern}.",
)
OPENING_EVALUATION = (
    "Evaluation interview; I explained the purpose of the assessment and the limits of confidentiality first.",
    "We went through the chronology slowly, with breaks when the client needed them.",
    "Evaluation meeting; we completed the structured measures and clarified gaps in the timeline.",
    "The client described the events that led {obj} to leave home, and I kept the questions open.",
)
OPENING_EVALUATION_LAST = (
    "Final evaluation meeting; I summarised what the report will cover and answered questions about the process.",
)
RUPTURE_NOTICED = {
    "withdrawal": (
        "The client went quiet after I pushed on {concern}, and I think I moved too fast.",
        "I noticed a withdrawal: short answers and little eye contact for most of the hour.",
        "Something shifted midway; the client became distant and agreed with everything I said.",
        "The client seemed to retreat after I returned to the homework.",
    ),
    "confrontation": (
        "The client told me directly that our sessions are not helping.",
        "There was open frustration with me about the pace of the work.",
        "The client challenged my suggestion and said I did not understand {pos} situation.",
        "The client was angry that I had cancelled last time and said so.",
    ),
}
RUPTURE_DECLINE = (
    "The client seemed a little less engaged than usual, though I am not sure why.",
    "Something feels slightly off between us lately; the answers are getting shorter.",
)
REPAIR_ATTEMPT = (
    "I named what I noticed and asked how the session felt for {obj}.",
    "I acknowledged my part in the misunderstanding and invited feedback.",
    "We paused the agenda and talked about what had gone wrong between us.",
    "I looked at the SRS together with the client and asked about the lower marks.",
)
REPAIR_NOT_ATTEMPTED = (
    "I did not address it in the moment and want to come back to it.",
    "I let it pass, which I now regret.",
)
REPAIR_FOLLOW_UP = (
    "The client said that last week's conversation about our misunderstanding had helped.",
    "Things felt back on track; the client was more open than in recent weeks.",
    "We returned briefly to what went wrong between us, and it felt resolved.",
)
STEADY = (
    "The session felt steady.",
    "Engagement was good throughout.",
    "We had an easy rhythm today.",
    "The client seemed settled and involved.",
)
INTERPRETER_LINES = (
    "Working through the {language} interpreter slowed the pace, but the client seemed more at ease.",
    "I made sure to speak to the client rather than to the interpreter.",
    "The interpreter and I debriefed briefly after the session.",
    "Some terms did not translate easily into {language}, so we checked meanings together.",
)
FEELINGS = {
    "ct_positive": ("I felt warm toward the client and enjoyed the session.",
                    "I left feeling satisfied with how we worked together."),
    "ct_overwhelmed": ("I felt scattered and struggled to keep the thread.",
                       "There was a lot of material and I felt overwhelmed at times."),
    "ct_helpless": ("I felt stuck and unsure how to help.",
                    "I noticed a sense of inadequacy in myself after the session."),
    "ct_special": ("I notice I look forward to these sessions more than most, which is worth watching.",
                   "I was tempted to let the session run over, which I want to take to supervision."),
    "ct_sexualised": ("I noticed feelings of attraction that I will bring to supervision.",),
    "ct_disengaged": ("My attention drifted more than usual.",
                      "I felt somewhat detached today."),
    "ct_parental": ("I felt protective of the client and wanted to fix things for {obj}.",
                    "I noticed a strong urge to take care of {obj}."),
    "ct_criticised": ("I felt criticised and a bit defensive.",
                      "Part of me felt unfairly blamed."),
}
PLANS = (
    "Next time I want to revisit {pos} goals.",
    "Plan: continue with {concern} and check in on our working relationship early.",
    "I will ask for more feedback on the SRS next session.",
    "I will bring this case to supervision.",
    "Next session we will try a small experiment around {concern}.",
    "Plan to review progress on the ORS with the client.",
)
PLANS_EVALUATION = (
    "I will draft the report and flag the remaining gaps in the history.",
    "Next meeting will cover the remaining parts of the history.",
    "I will check with the client whether anything in the summary needs correcting.",
)
TRAINEE_EXTRA = (
    "I want to discuss my pacing in supervision.",
    "My supervisor suggested I ask for feedback more directly, and I tried it today.",
)
# Innocent sentences that use words a naive scanner may flag (precision test material);
# the first N_CALM_DECOYS describe a calm session and are not used when a rupture was noticed.
N_CALM_DECOYS = 2
DECOYS = (
    "There were no signs of agitation today.",
    "The client was not aggressive at any point, just tired.",
    "We talked about what {pos} culture means to {obj} and how it shapes {pos} hopes for therapy.",
    "We reviewed the homework together and the second exercise was useful.",
    "The client explained that {pos} benefit claims are still being processed.",
    "It was a difficult week for {obj}, and {sub} still came.",
    "The client spoke with pride about {pos} {relative} being in recovery from substance use.",
    "I asked rather than told, and the client chose the next topic.",
    "The client was not resistant to the idea of a small step this week.",
    "The client described how people in {pos} family support each other.",
)
# Planted stigmatising / over-generalising language: (category, sentence, term).
# The term occurs verbatim in the sentence after pronoun substitution.
PLANTS: tuple[tuple[str, str, str], ...] = (
    ("credibility", "The client claims that the threats started after {pos} {relative} left.", "claims"),
    ("credibility", "The client allegedly lost the documents during the journey.", "allegedly"),
    ("credibility", "The client insists that nothing has changed at home, which I doubt.", "insists"),
    ("credibility", "The client supposedly has no contact with the family any more.", "supposedly"),
    ("difficult_label", "The client was combative when we returned to the timeline.", "combative"),
    ("difficult_label", "Honestly a difficult client today; every suggestion was pushed back.", "a difficult client"),
    ("difficult_label", "The client was manipulative about rescheduling.", "manipulative"),
    ("difficult_label", "The client came across as attention-seeking in the waiting room.", "attention-seeking"),
    ("blame", "The client is noncompliant with homework again.", "noncompliant with homework"),
    ("blame", "The client is simply unmotivated to change.", "unmotivated"),
    ("blame", "The client refuses to take responsibility for the conflict at home.", "refuses to take responsibility"),
    ("blame", "The client failed to follow the plan we agreed.", "failed to follow"),
    ("stereotyping", "The reluctance to talk about feelings is typical of their culture.", "typical of their culture"),
    ("stereotyping", "I suspect people like {obj} always struggle with authority.", "people like {obj} always"),
    ("stereotyping", "The family keeps everything private, as is common in that community.",
     "as is common in that community"),
    ("stereotyping", "The client was emotional in the way those clients usually are.", "those clients usually"),
    ("authoritarian", "I instructed the client to stop calling {pos} ex-partner.", "I instructed the client"),
    ("authoritarian", "I told the client that attendance is mandatory or the case will be closed.",
     "attendance is mandatory"),
    ("authoritarian", "I did not allow the client to change the topic.", "did not allow the client"),
    ("authoritarian", "I ordered the client to complete the worksheet before next time.", "ordered the client"),
    ("identity_first", "The client is an addict and minimises the amount used.", "addict"),
    ("identity_first", "Working with an alcoholic is draining.", "alcoholic"),
    ("identity_first", "As an illegal immigrant, the client has a lot at stake.", "illegal immigrant"),
)
GENERAL_REFLECTIONS = (
    "Reflection after group supervision: I want to ask for feedback earlier in sessions.",
    "I notice I rush when a session runs over; slowing down is my goal this month.",
    "Looking at my caseload, I am carrying several clients with heavy trauma histories and need to pace myself.",
    "I want to be more consistent about using the SRS at the end of every session.",
    "Supervision helped me see how my wish to be helpful can crowd out the client's own ideas.",
    "I have been thinking about how I work with interpreters and want to plan sessions with them in advance.",
)


# =========================================================================== data container
@dataclass
class DemoData:
    """A generated demo data set: the three tables, the ground truth and the dataset.yaml content."""

    sessions: pd.DataFrame
    clients: pd.DataFrame
    reflections: pd.DataFrame
    truth_ruptures: pd.DataFrame
    truth_language: pd.DataFrame
    truth_ct: pd.DataFrame
    meta: dict = field(default_factory=dict)


@dataclass
class _Client:
    """Visible attributes and hidden generating parameters of one synthetic client."""

    index: int
    client_id: str
    clinician_id: str
    case_type: str
    background: str
    language: str
    interpreter: bool
    age_band: str
    gender: str
    concern: str
    relative: str
    n_sessions: int
    session_language: str
    rupture: dict | None = None            # pattern, pre, drop, repaired, kind


# =========================================================================== public API
def generate(seed: int = DEFAULT_SEED) -> DemoData:
    """Generate the synthetic demo data set for ``seed`` (deterministic)."""
    seed = int(seed)
    clients = _make_clients(seed)
    clin_params = _clinician_params(seed)
    _plan_ruptures(seed, clients)
    session_rows: list[dict] = []
    states: dict[str, list[dict]] = {}
    truth_ruptures: list[dict] = []
    for c in clients:
        rows, st, truth = _simulate_client(seed, c, clin_params[c.clinician_id])
        session_rows.extend(rows)
        states[c.client_id] = st
        if truth is not None:
            truth_ruptures.append(truth)
    reflections, truth_language, ct_plan = _make_reflections(seed, clients, states, clin_params)
    presentation = _presentations(seed, clients)

    sessions = _typed_sessions(pd.DataFrame(session_rows, columns=SESSION_COLUMNS))
    clients_df = pd.DataFrame([{
        "client_id": c.client_id, "clinician_id": c.clinician_id,
        "cultural_background": c.background or None, "preferred_language": c.language,
        "interpreter": c.interpreter, "case_type": c.case_type, "age_band": c.age_band, "gender": c.gender,
        "presentation": presentation[c.client_id] or None,
    } for c in clients], columns=CLIENT_COLUMNS)
    refl_df = pd.DataFrame(reflections, columns=REFLECTION_COLUMNS)
    refl_df["session"] = refl_df["session"].astype("Int64")
    for col in CT_COLUMNS:
        refl_df[col] = refl_df[col].astype("Int64")
    truth_r = pd.DataFrame(truth_ruptures, columns=TRUTH_RUPTURE_COLUMNS)
    for col in ("pre_session", "drop_session", "repaired_session"):
        truth_r[col] = truth_r[col].astype("Int64")
    truth_l = pd.DataFrame(truth_language, columns=TRUTH_LANGUAGE_COLUMNS)
    truth_c = _ct_truth(refl_df, clients, ct_plan)
    meta = _make_meta(seed, sessions, clients_df, refl_df, truth_r, truth_l, truth_c)
    return DemoData(sessions=sessions, clients=clients_df, reflections=refl_df,
                    truth_ruptures=truth_r, truth_language=truth_l, truth_ct=truth_c, meta=meta)


def write(path: str | Path, seed: int = DEFAULT_SEED) -> Path:
    """Generate the data set for ``seed`` and write its files into folder ``path``; return the folder."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    data = generate(seed)
    files = {
        "sessions.csv": _sessions_csv(data.sessions),
        "clients.csv": _csv(data.clients, {"interpreter": "bool"}),
        "reflections.jsonl": _reflections_jsonl(data.reflections),
        "truth_ruptures.csv": _csv(data.truth_ruptures, {"size": ".1f"}),
        "truth_language.csv": _csv(data.truth_language, {}),
        "truth_ct.csv": _csv(data.truth_ct, {}),
        "dataset.yaml": yaml.safe_dump(data.meta, sort_keys=False, allow_unicode=True,
                                       default_flow_style=False, width=100),
        "README.md": _readme(data.meta),
    }
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


# =========================================================================== random streams
def _rng(seed: int, *keys: int) -> np.random.Generator:
    """An independent stream per (seed, component, item): editing one part leaves others unchanged."""
    return np.random.default_rng([seed, *keys])


_STREAM_CLIENTS, _STREAM_RUPTURES, _STREAM_SESSIONS, _STREAM_REFLECT, _STREAM_PICK = 1, 2, 3, 4, 5
_STREAM_CT, _STREAM_PRESENTATION = 11, 12      # added later: their own streams leave the older data unchanged


def _pick(rng: np.random.Generator, options, weights=None):
    """Choose one element of ``options`` (optionally weighted)."""
    if weights is None:
        return options[int(rng.integers(len(options)))]
    p = np.asarray(weights, dtype=float)
    return options[int(rng.choice(len(options), p=p / p.sum()))]


# =========================================================================== clients
def _make_clients(seed: int) -> list[_Client]:
    rng = _rng(seed, _STREAM_CLIENTS)
    case_types = np.array(["therapy"] * (N_CLIENTS - N_IMMIGRATION) + ["immigration_evaluation"] * N_IMMIGRATION)
    rng.shuffle(case_types)
    out = []
    for i, case_type in enumerate(case_types):
        evaluation = case_type == "immigration_evaluation"
        b = _pick(rng, range(len(BACKGROUNDS)), [row[4 if evaluation else 3] for row in BACKGROUNDS])
        background, langs, lang_p, _, _ = BACKGROUNDS[b]
        language = _pick(rng, langs, lang_p)
        interpreter = language != "English" and bool(rng.random() < (0.8 if evaluation else 0.6))
        if evaluation:
            n_sessions = int(rng.integers(2, 4))
            concern = _pick(rng, EVALUATION_CONCERNS)
        else:
            dropout = rng.random() < 0.15
            n_sessions = int(rng.integers(4, 6)) if dropout else int(np.clip(round(rng.gamma(4.0, 3.0)) + 4, 6, 24))
            concern = _pick(rng, CONCERNS)
        out.append(_Client(
            index=i, client_id=f"c{i + 1:03d}", clinician_id="", case_type=str(case_type),
            background=background, language=language, interpreter=interpreter,
            age_band=_pick(rng, AGE_BANDS, AGE_WEIGHTS), gender=_pick(rng, GENDERS, GENDER_WEIGHTS),
            concern=concern, relative=_pick(rng, RELATIVES), n_sessions=n_sessions, session_language="English",
        ))
    _assign_clinicians(rng, out)
    return out


def _assign_clinicians(rng: np.random.Generator, clients: list[_Client]) -> None:
    """Balanced caseloads; the over-rater takes a large share of the interpreter-mediated clients and
    the Spanish-speaking clinician most Spanish-speaking clients who need no interpreter."""
    clin_ids = [c for c, _ in CLINICIANS]
    load = dict.fromkeys(clin_ids, 0)
    interp = [c for c in clients if c.interpreter]
    n_over = int(np.ceil(OVER_RATER_INTERPRETER_SHARE * len(interp)))
    order = rng.permutation(len(interp))
    for rank, k in enumerate(order):
        c = interp[k]
        if rank < n_over:
            c.clinician_id = OVER_RATER
        else:
            others = [x for x in clin_ids if x != OVER_RATER]
            c.clinician_id = min(others, key=lambda x: (load[x], rng.random()))
        load[c.clinician_id] += 1
    for c in clients:
        if c.interpreter:
            continue
        if c.language == "Spanish" and rng.random() < 0.7:
            c.clinician_id = SPANISH_SPEAKER
        else:
            c.clinician_id = min(clin_ids, key=lambda x: (load[x], rng.random()))
        load[c.clinician_id] += 1
    for c in clients:
        if c.interpreter:
            c.session_language = c.language
        elif c.language == "Spanish" and c.clinician_id == SPANISH_SPEAKER:
            c.session_language = "Spanish"


def _clinician_params(seed: int) -> dict[str, dict]:
    """Per-clinician effects: client alliance shift and the clinician's own WAI rating bias."""
    rng = _rng(seed, _STREAM_CLIENTS, 999)
    params = {}
    for cid, role in CLINICIANS:
        params[cid] = {
            "role": role,
            "srs_shift": float(rng.normal(0.0, 0.6)) + (TRAINEE_SRS_SHIFT if cid == TRAINEE else 0.0),
            "wai_bias": float(np.clip(rng.normal(0.0, 0.06), -0.1, 0.1)),
        }
    return params


def _plan_ruptures(seed: int, clients: list[_Client]) -> None:
    """Choose which therapy clients rupture, the pattern and the sessions involved (in place)."""
    rng = _rng(seed, _STREAM_RUPTURES)
    therapy = [c for c in clients if c.case_type == "therapy"]
    eligible = [c for c in therapy if c.n_sessions >= 6]
    n = min(len(eligible), int(round(RUPTURE_SHARE * len(therapy))))
    chosen = sorted(rng.choice(len(eligible), size=n, replace=False).tolist())
    n_v = int(round(RUPTURE_PATTERN_SHARE["v"] * n))
    n_dec = int(round(RUPTURE_PATTERN_SHARE["decline_repair"] * n))
    patterns = ["v"] * n_v + ["decline_repair"] * n_dec + ["unrepaired"] * (n - n_v - n_dec)
    rng.shuffle(patterns)
    for k, pattern in zip(chosen, patterns):
        c = eligible[k]
        n_s = c.n_sessions
        kind = "withdrawal" if rng.random() < 0.6 else "confrontation"
        if pattern == "v":
            back = int(_pick(rng, (1, 2, 3), (0.4, 0.35, 0.25)))
            back = min(back, n_s - 4)                      # pre >= 2, drop = pre + 1, repaired <= n
            pre = int(rng.integers(2, n_s - back))         # drop + back <= n_s
            drop, repaired = pre + 1, pre + 1 + back
        elif pattern == "decline_repair":
            length = 3 if (n_s >= 7 and rng.random() < 0.5) else 2
            pre = int(rng.integers(2, n_s - length))       # repaired = pre + length + 1 <= n_s
            drop, repaired = pre + length, pre + length + 1
            kind = "withdrawal" if rng.random() < 0.75 else "confrontation"
        else:
            pre = int(rng.integers(3, max(4, n_s - 2)))
            drop, repaired = pre + 1, None
            c.n_sessions = max(4, min(n_s, drop + int(rng.integers(0, 3))))   # often drops out soon after
        c.rupture = {"pattern": pattern, "pre": pre, "drop": drop, "repaired": repaired, "kind": kind}


# =========================================================================== sessions
def _session_dates(rng: np.random.Generator, c: _Client) -> list[_dt.date]:
    start = START_DATE + _dt.timedelta(days=int(rng.integers(0, 700)))
    dates = [start, start + _dt.timedelta(days=int(rng.integers(6, 15)))]
    gaps = (7, 6, 8, 14, 21, 28) if c.case_type == "therapy" else (4, 5, 7, 9, 10, 14)
    weights = (0.72, 0.04, 0.05, 0.12, 0.05, 0.02) if c.case_type == "therapy" else (0.2, 0.2, 0.25, 0.15, 0.1, 0.1)
    for _ in range(c.n_sessions - 1):
        dates.append(dates[-1] + _dt.timedelta(days=int(_pick(rng, gaps, weights))))
    return dates


def _rupture_offsets(rng: np.random.Generator, c: _Client) -> tuple[np.ndarray, set[int]]:
    """SRS-total offsets for sessions 1..n and the set of sessions inside the rupture window."""
    n = c.n_sessions
    off = np.zeros(n + 1)                  # index = session number; index 0 unused for SRS
    r = c.rupture
    if r is None:
        return off, set()
    pre, drop, rep = r["pre"], r["drop"], r["repaired"]
    size = rng.uniform(7.5, 11.0)
    if r["pattern"] == "v":
        back = rep - drop
        off[drop] = -size
        for i in range(1, back):
            off[drop + i] = -size * (0.8 if i == 1 and back == 3 else 0.7 if back == 2 else 0.6)
        off[rep:] = rng.uniform(0.3, 1.2)                 # alliance often a bit better after a repair
        window = set(range(drop, rep))
    elif r["pattern"] == "decline_repair":
        length = drop - pre
        for i in range(1, length + 1):
            off[pre + i] = -size * i / length
        off[rep:] = rng.uniform(0.3, 1.2)
        window = set(range(pre + 1, rep))
    else:
        off[drop] = -size
        off[drop + 1:] = -size * rng.uniform(0.75, 1.0)
        window = set(range(drop, n + 1))
    return off, window


def _split_total(rng: np.random.Generator, totals: np.ndarray, profile: np.ndarray, sd: float) -> np.ndarray:
    """Four 0-10 item marks (one decimal) whose sum is close to ``totals``."""
    dev = profile[None, :] + rng.normal(0.0, sd, size=(len(totals), 4))
    dev -= dev.mean(axis=1, keepdims=True)
    items = np.clip(np.round(totals[:, None] / 4.0 + dev, 1), 0.0, 10.0)
    return items + 0.0                     # no negative zeros


def _srs_ok(tot: np.ndarray, c: _Client, window: set[int]) -> bool:
    """Do the observed SRS totals (index = session) show exactly the planned rupture and nothing else?"""
    n = c.n_sessions
    for i in range(1, n + 1):              # no spurious drop of >= 4.5 points within 3 sessions
        for j in range(i + 1, min(n, i + 3) + 1):
            if j not in window and i not in window and tot[i] - tot[j] >= 4.5:
                return False
    r = c.rupture
    if r is None:
        return True
    pre, drop, rep = r["pre"], r["drop"], r["repaired"]
    if tot[pre] - tot[drop] < 6.0 or tot[pre - 1] - tot[pre] >= 3.0:
        return False
    if any(tot[drop] > tot[s] for s in window):              # the drop session is the low point
        return False
    if r["pattern"] == "v":
        return all(tot[s] <= tot[pre] - 3.0 for s in window) and tot[rep] >= tot[pre] - 1.5
    if r["pattern"] == "decline_repair":
        steps = [tot[s] - tot[s + 1] for s in range(pre, drop)]
        return min(steps) >= 1.5 and tot[rep] >= tot[pre] - 1.5 and tot[rep] - tot[drop] >= 6.0
    return all(tot[s] <= tot[pre] - 4.0 for s in window)


def _simulate_client(seed: int, c: _Client, clin: dict) -> tuple[list[dict], list[dict], dict | None]:
    """Session rows, hidden per-session state (for reflections) and the rupture truth of one client."""
    rng = _rng(seed, _STREAM_SESSIONS, c.index)
    n = c.n_sessions
    evaluation = c.case_type == "immigration_evaluation"
    sess = np.arange(n + 1)

    # --- SRS: client alliance level + growth + small noise + planted rupture
    mu = np.clip(rng.normal(34.3, 2.2) + clin["srs_shift"] - (2.0 if evaluation else 0.0), 26.0, 38.5)
    growth = np.clip(rng.normal(0.28, 0.2), -0.2, 0.7)
    noise_sd = rng.uniform(0.8, 1.4)
    profile = rng.normal(0.0, 0.3, 4)
    latent = np.minimum(mu + growth * np.minimum(sess - 1, 10), 39.3)
    offsets, window = _rupture_offsets(rng, c)
    for _attempt in range(2000):
        cont = np.clip(latent + offsets + rng.normal(0.0, noise_sd, n + 1), 0.0, 40.0)
        srs_items = _split_total(rng, cont, profile, 0.35)
        srs_total = np.round(srs_items.sum(axis=1), 1)
        if _srs_ok(srs_total, c, window):
            break
    else:                                   # pragma: no cover - the design makes this practically impossible
        raise RuntimeError(f"could not realise the planned SRS series of {c.client_id}")

    # --- ORS: intake level and a trajectory (improve / plateau / deteriorate), dips during ruptures
    base = np.clip(rng.normal(18.5, 5.0), 5.0, 31.0)
    kind = _pick(rng, ("improve", "plateau", "deteriorate"), (0.55, 0.32, 0.13))
    if evaluation:
        kind = "plateau"
    gain = {"improve": rng.uniform(5.0, 14.0) + 0.5 * (mu - 34.0), "plateau": rng.uniform(-1.5, 2.5),
            "deteriorate": -rng.uniform(3.0, 8.0)}[kind]
    rate = rng.uniform(0.15, 0.5)
    ors_latent = base + gain * (1.0 - np.exp(-rate * sess))
    ors_latent[np.array(sorted(window), dtype=int)] -= 1.5
    ors_cont = np.clip(ors_latent + rng.normal(0.0, 1.8, n + 1), 0.0, 40.0)
    ors_items = _split_total(rng, ors_cont, rng.normal(0.0, 1.0, 4), 0.6)
    ors_total = np.round(ors_items.sum(axis=1), 1)

    # --- WAI-SR follows the observed SRS; WAI-SRT is the clinician's view of the same session
    wai_level = rng.normal(0.0, 0.25)
    sub_off = {k: rng.normal(0.0, 0.15) for k in WAI_SUBSCALES}
    item_off = np.zeros(12)
    for k, items in WAI_SUBSCALES.items():
        item_off[[i - 1 for i in items]] = sub_off[k]
    w = WAI_AT_SRS34 + WAI_PER_SRS_POINT * (srs_total - 34.0) + wai_level + rng.normal(0.0, 0.12, n + 1)
    w = np.clip(w, 1.0, 5.0)
    w_bar = w[1:].mean()
    bias = clin["wai_bias"] + (OVER_RATE_WAI if (c.clinician_id == OVER_RATER and c.interpreter) else 0.0)
    m = np.clip(0.6 * w + 0.4 * w_bar + bias + rng.normal(0.0, 0.2, n + 1), 1.0, 5.0)
    wai_sr = np.clip(np.round(w[:, None] + item_off[None, :] + rng.normal(0.0, 0.45, (n + 1, 12))), 1, 5)
    wai_srt = np.clip(np.round(m[:, None] + rng.normal(0.0, 0.45, (n + 1, 12))), 1, 5)

    # --- occasional missing data, never at the sessions that carry the planted rupture
    protected = set(window)
    if c.rupture is not None:
        protected |= {c.rupture["pre"], c.rupture["drop"], c.rupture["repaired"] or c.rupture["drop"]}
    missing = {s: {"srt": rng.random() < 0.02, "sr_item": rng.random() < 0.012, "srs_items": rng.random() < 0.012}
               for s in range(1, n + 1)}

    dates = _session_dates(rng, c)
    rows: list[dict] = []
    states: list[dict] = []
    for s in range(n + 1):
        row = {"client_id": c.client_id, "session": s, "clinician_id": c.clinician_id,
               "date": dates[s].isoformat(), "srs_total": None, "ors_total": float(ors_total[s])}
        row.update({col: float(v) for col, v in zip(ORS_ITEMS, ors_items[s])})
        if s >= 1:
            row.update({col: float(v) for col, v in zip(SRS_ITEMS, srs_items[s])})
            row["srs_total"] = float(srs_total[s])
            row.update({col: int(v) for col, v in zip(WAI_SR_ITEMS, wai_sr[s])})
            row.update({col: int(v) for col, v in zip(WAI_SRT_ITEMS, wai_srt[s])})
            miss = missing[s]
            if s not in protected:
                if miss["srt"]:
                    row.update({col: None for col in WAI_SRT_ITEMS})
                if miss["sr_item"]:
                    row[WAI_SR_ITEMS[int(rng.integers(12))]] = None
                if miss["srs_items"]:                 # total entered without its items (allowed for SRS)
                    row.update({col: None for col in SRS_ITEMS})
            states.append(_session_state(c, s, dates[s], m[s]))
        rows.append(row)

    truth = None
    if c.rupture is not None:
        r = c.rupture
        truth = {"client_id": c.client_id, "pre_session": r["pre"], "drop_session": r["drop"],
                 "size": round(float(srs_total[r["pre"]] - srs_total[r["drop"]]), 1),
                 "repaired_session": r["repaired"], "pattern": r["pattern"]}
    return rows, states, truth


def _session_state(c: _Client, s: int, date: _dt.date, clin_wai: float) -> dict:
    """What the reflection writer 'knows' about a session: rupture role and the clinician's alliance view."""
    role, kind = None, None
    r = c.rupture
    if r is not None:
        kind = r["kind"]
        if r["pattern"] == "decline_repair" and r["pre"] < s < r["drop"]:
            role = "decline"
        elif s == r["drop"]:
            role = "drop"
        elif s > r["drop"] and (r["repaired"] is None or s < r["repaired"]):
            role = "low"
        elif r["repaired"] is not None and s == r["repaired"]:
            role = "repaired"
    return {"session": s, "date": date, "role": role, "kind": kind, "clin_wai": float(clin_wai),
            "last": s == c.n_sessions}


def _typed_sessions(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["session"] = df["session"].astype("int64")
    for col in SRS_ITEMS + ["srs_total"] + ORS_ITEMS + ["ors_total"]:
        df[col] = pd.to_numeric(df[col]).astype("float64")
    for col in WAI_SR_ITEMS + WAI_SRT_ITEMS:
        df[col] = pd.array(df[col].tolist(), dtype="Int64")
    return df


# =========================================================================== reflections
def _pronouns(gender: str) -> dict[str, str]:
    sub, obj, pos = PRONOUNS.get(gender, ("they", "them", "their"))
    return {"sub": sub, "Sub": sub.capitalize(), "obj": obj, "pos": pos, "Pos": pos.capitalize()}


def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format_map(slots)


def _make_reflections(seed: int, clients: list[_Client], states: dict[str, list[dict]], clin_params: dict):
    """Reflection records (one per reflected session, plus one general note per clinician), language truth and
    the plan of the planted countertransference patterns."""
    rng = _rng(seed, _STREAM_REFLECT)
    drafts = []
    for c in clients:
        for st in states[c.client_id]:
            p = REFLECTION_RATE[c.clinician_id]
            if c.case_type == "immigration_evaluation":
                p = max(p, 0.8)
            if st["role"] == "drop":
                p = 0.93
            if rng.random() < p:
                drafts.append((c, st))

    # which reflections carry a planted phrase or an innocent decoy sentence (exact counts)
    pick_rng = _rng(seed, _STREAM_PICK)
    n_plant = int(round(LANGUAGE_PLANT_SHARE * len(drafts)))
    w = np.array([LOADED_WEIGHT if c.clinician_id == LOADED_WRITER else 1.0 for c, _ in drafts])
    w *= np.array([3.0 if c.case_type == "immigration_evaluation" else 1.0 for c, _ in drafts])
    planted = set(pick_rng.choice(len(drafts), size=n_plant, replace=False, p=w / w.sum()).tolist())
    free = [i for i in range(len(drafts)) if i not in planted]
    n_decoy = int(round(DECOY_SHARE * len(drafts)))
    decoyed = set(np.asarray(free)[pick_rng.choice(len(free), size=n_decoy, replace=False)].tolist())

    ct_plan = _plan_ct(seed, clients, states, drafts)
    records, truth = [], []
    for k, (c, st) in enumerate(drafts):
        rid = f"r{k + 1:04d}"

        def ct_plant(ct, k=k, c=c, st=st):
            return _ct_planted(seed, k + 1, ct, c.clinician_id, c, st["date"], ct_plan)

        rec, plant = _compose(_rng(seed, _STREAM_REFLECT, k + 1), c, st, clin_params[c.clinician_id],
                              plant=k in planted, decoy=k in decoyed, ct_plant=ct_plant)
        rec["reflection_id"] = rid
        records.append(rec)
        if plant is not None:
            truth.append({"reflection_id": rid, "term": plant[1], "category": plant[0]})

    # one general note per clinician (not about a client or session)
    for j, (cid, role) in enumerate(CLINICIANS):
        g = _rng(seed, _STREAM_REFLECT, 100000 + j)
        dates = [st["date"] for c in clients if c.clinician_id == cid for st in states[c.client_id]]
        day = sorted(dates)[len(dates) // 2] if dates else START_DATE
        text = " ".join(GENERAL_REFLECTIONS[i] for i in sorted(g.choice(len(GENERAL_REFLECTIONS), 2, replace=False)))
        rec = {"reflection_id": f"r{len(records) + 1:04d}", "clinician_id": cid, "client_id": None,
               "session": None, "created": _timestamp(g, day), "text": text, "techniques": [],
               "rupture": None, "repair_attempted": None, "clinician_alliance": None,
               "language": None, "interpreter": None}
        rec.update(_ct_planted(seed, 100000 + j, _ct_scores(g, role, None, 3.8), cid, None, day, ct_plan))
        records.append(rec)
    return records, truth, ct_plan


# =========================================================================== planted countertransference
def _plan_ct(seed: int, clients: list[_Client], states: dict[str, list[dict]], drafts: list) -> dict:
    """Which client gets the persistent ct_special, and the span of dates over which disengagement rises."""
    rng = _rng(seed, _STREAM_CT)
    counts: dict[str, int] = {}
    for c, _ in drafts:
        counts[c.client_id] = counts.get(c.client_id, 0) + 1
    mine = [c for c in clients if c.clinician_id == CT_SPECIAL_CLINICIAN and c.case_type == "therapy"
            and c.rupture is None]
    options = [c for c in mine if counts.get(c.client_id, 0) >= CT_SPECIAL_MIN_REFLECTIONS]
    if not options:                        # another seed: the client with the most reflections
        options = [max(mine, key=lambda c: (counts.get(c.client_id, 0), -c.index))]
    special = options[int(rng.integers(len(options)))]
    dates = [st["date"] for c in clients if c.clinician_id == CT_RISING_CLINICIAN for st in states[c.client_id]]
    return {"special": special.client_id, "special_clinician": special.clinician_id,
            "first": min(dates), "last": max(dates)}


def _stochastic_round(rng: np.random.Generator, x: float) -> int:
    """floor(x) or floor(x) + 1, the latter with probability x - floor(x): on average exactly x."""
    lo = int(np.floor(x))
    return lo + int(rng.random() < x - lo)


def _ct_planted(seed: int, key: int, ct: dict, clinician_id: str, client: _Client | None, day: _dt.date,
                plan: dict) -> dict:
    """The check-in ``ct`` with the planted patterns added (a stream of its own per reflection, so that the
    other ratings and everything else generated stay as they were)."""
    rng = _rng(seed, _STREAM_CT, key)
    out = dict(ct)
    if client is not None and client.client_id == plan["special"]:
        out["ct_special"] = int(_pick(rng, *CT_SPECIAL_RATINGS))
    if client is not None and clinician_id == CT_HELPLESS_CLINICIAN and client.interpreter:
        out["ct_helpless"] = min(4, out["ct_helpless"] + _stochastic_round(rng, CT_HELPLESS_SHIFT))
    if clinician_id == CT_RISING_CLINICIAN:
        frac = (day - plan["first"]).days / max(1, (plan["last"] - plan["first"]).days)
        out["ct_disengaged"] = min(4, out["ct_disengaged"] + _stochastic_round(rng, CT_DISENGAGED_RISE * frac))
    return out


def _rupture_shift_truth(refl: pd.DataFrame, after_sessions: int = 1, min_ruptures: int = 2,
                         min_pair_baseline: int = 2, min_shift: float = 1.0) -> list[tuple[str, str, str]]:
    """(clinician, rupture kind, dimension) where a shift of CT_RUPTURE_SHIFTS is strong enough to be found.

    The criterion of ``rapportlib.countertransference_profile`` at its defaults, written out here (the
    generator imports no other rapportlib module): the reflections of sessions with a recorded rupture of
    the kind and of the session after each, each compared with its clinician-client pair's mean over
    reflections with no rupture in or just before them (at least 2), pooled over the clinician's
    ruptures of that kind (at least 2): a mean difference of at least 1 point.
    """
    found = []
    r = refl[refl["client_id"].notna()]
    for kind, dim, _ in CT_RUPTURE_SHIFTS:
        for clin, mine in r.groupby("clinician_id", sort=True):
            diffs, n_ruptures = [], 0
            for _, pair in mine.groupby("client_id", sort=True):
                sess = pair["session"].astype(int).tolist()
                rup = pair["rupture"].tolist()
                vals = pair[dim].astype(float).tolist()
                near_any = {s + k for s, x in zip(sess, rup) if x != "none" for k in range(after_sessions + 1)}
                near_kind = {s + k for s, x in zip(sess, rup) if x == kind for k in range(after_sessions + 1)}
                calm = [v for s, x, v in zip(sess, rup, vals) if x == "none" and s not in near_any]
                if len(calm) < min_pair_baseline or not near_kind:
                    continue
                level = sum(calm) / len(calm)
                diffs += [v - level for s, v in zip(sess, vals) if s in near_kind]
                n_ruptures += sum(x == kind for x in rup)
            if n_ruptures >= min_ruptures and diffs and sum(diffs) / len(diffs) >= min_shift - 1e-9:
                found.append((str(clin), kind, dim))
    return found


def _ct_truth(refl: pd.DataFrame, clients: list[_Client], plan: dict) -> pd.DataFrame:
    """The planted countertransference patterns. The group difference is recorded when the clinician has
    at least 3 clients (and 10 reflections) with and without an interpreter, the fewest the analysis
    compares; the rupture shifts where the data make them strong enough (_rupture_shift_truth)."""
    rows = [("persistent_high", plan["special_clinician"], plan["special"], "", "", "ct_special"),
            ("rising_disengagement", CT_RISING_CLINICIAN, "", "", "", "ct_disengaged")]
    interpreter = {c.client_id: c.interpreter for c in clients}
    mine = refl[(refl["clinician_id"] == CT_HELPLESS_CLINICIAN) & refl["client_id"].notna()]
    sides = mine.groupby(mine["client_id"].map(interpreter))["client_id"].agg(["size", "nunique"])
    if len(sides) == 2 and (sides["size"] >= 10).all() and (sides["nunique"] >= 3).all():
        rows.append(("differs_by_group", CT_HELPLESS_CLINICIAN, "", "interpreter", "true", "ct_helpless"))
    rows += [("shift_after_rupture", clin, "", "rupture", kind, dim) for clin, kind, dim in _rupture_shift_truth(refl)]
    order = {k: i for i, k in enumerate(("persistent_high", "shift_after_rupture", "differs_by_group",
                                         "rising_disengagement"))}
    rows.sort(key=lambda t: (order[t[0]], t[1], t[4], t[5]))
    return pd.DataFrame(rows, columns=TRUTH_CT_COLUMNS)


def _presentations(seed: int, clients: list[_Client]) -> dict[str, str]:
    """Each client's presentation ("" = not assessed) in the shares of PRESENTATIONS, from a stream of its own."""
    rng = _rng(seed, _STREAM_PRESENTATION)
    values, shares = PRESENTATIONS
    counts = [int(round(share * len(clients))) for share in shares[:-1]]
    pool = [v for v, k in zip(values, counts) for _ in range(k)]
    pool += [values[-1]] * (len(clients) - len(pool))
    order = rng.permutation(len(pool))
    return {c.client_id: pool[i] for c, i in zip(clients, order)}


def _timestamp(rng: np.random.Generator, day: _dt.date) -> str:
    later = int(_pick(rng, (0, 1, 2), (0.82, 0.13, 0.05)))
    moment = _dt.datetime.combine(day + _dt.timedelta(days=later), _dt.time(int(rng.integers(12, 22)),
                                                                            int(rng.integers(0, 60))))
    return moment.isoformat(timespec="seconds")


def _ct_scores(rng: np.random.Generator, role: str, rupture_kind: str | None, clin_wai: float) -> dict:
    """Clinician check-in (0-4): mostly positive, shifted by ruptures, the trainee more overwhelmed."""
    base = {"ct_overwhelmed": 1.5 if role == "trainee" else 0.6, "ct_helpless": 0.7,
            "ct_positive": 1.2 + 0.5 * (clin_wai - 3.0), "ct_special": 0.3, "ct_sexualised": 0.0,
            "ct_disengaged": 0.5, "ct_parental": 0.8, "ct_criticised": 0.4}
    if rupture_kind == "confrontation":
        base["ct_criticised"] += 2.0
        base["ct_positive"] -= 1.5
    elif rupture_kind == "withdrawal":
        base["ct_helpless"] += 1.5
        base["ct_disengaged"] += 0.5
        base["ct_positive"] -= 1.0
    out = {k: int(np.clip(round(v + rng.normal(0.0, 0.6)), 0, 4)) for k, v in base.items()}
    out["ct_sexualised"] = int(rng.random() < 0.015)
    return out


def _choose_techniques(rng: np.random.Generator, c: _Client, repair: bool) -> list[str]:
    weights = dict(_TECH_WEIGHT_THERAPY)
    boosts = [_TECH_BOOST_EVALUATION] if c.case_type == "immigration_evaluation" else []
    if c.interpreter:
        boosts.append(_TECH_BOOST_INTERPRETER)
    for boost in boosts:
        for k, v in boost.items():
            weights[k] = max(0.2, weights[k] + v)
    weights["rupture_repair"] = 0.0
    k = int(_pick(rng, (1, 2, 3), (0.35, 0.45, 0.20)))
    ids = list(TECHNIQUE_IDS)
    p = np.array([weights[t] for t in ids])
    chosen = rng.choice(len(ids), size=k, replace=False, p=p / p.sum())
    out = [ids[i] for i in sorted(chosen)]
    if repair:
        out.append("rupture_repair")
    return sorted(out, key=TECHNIQUE_IDS.index)


def _compose(rng: np.random.Generator, c: _Client, st: dict, clin: dict, plant: bool, decoy: bool,
             ct_plant=None):
    """One reflection record for client ``c`` at session state ``st`` (+ the planted phrase, if any).

    ``ct_plant`` turns the check-in into the one with the planted countertransference patterns; the
    text's feeling sentence follows it, drawn with the same random numbers as before the plants.
    """
    slots = _pronouns(c.gender) | {"concern": c.concern, "relative": c.relative, "language": c.session_language}
    evaluation = c.case_type == "immigration_evaluation"
    role, kind, s = st["role"], st["kind"], st["session"]

    # --- what the clinician noticed and did about a rupture
    noticed, repair, follow_up, decline_hint = "none", False, False, False
    if role == "drop":
        noticed_p = {"v": 0.88, "decline_repair": 0.9, "unrepaired": 0.65}[c.rupture["pattern"]]
        if rng.random() < noticed_p:
            noticed = kind
            repair = rng.random() < (0.3 if c.rupture["pattern"] == "unrepaired" else 0.85)
    elif role == "decline":
        decline_hint = rng.random() < 0.35
        if decline_hint and rng.random() < 0.3:
            noticed = kind
    elif role == "low":
        if rng.random() < 0.4:
            noticed = kind
        repair = rng.random() < (0.25 if c.rupture["pattern"] == "unrepaired" else 0.7)
    elif role == "repaired":
        repair = rng.random() < 0.5
        follow_up = True
    elif rng.random() < 0.03:               # occasional tension in an otherwise steady alliance
        noticed = "withdrawal" if rng.random() < 0.7 else "confrontation"
        repair = rng.random() < 0.7
    felt_kind = kind if role in ("drop", "low") else (noticed if noticed != "none" else None)

    ct = _ct_scores(rng, clin["role"], felt_kind, st["clin_wai"])
    shown = ct_plant(ct) if ct_plant is not None else ct
    # on the scale of SRS total / 4 (a client WAI item level of WAI_AT_SRS34 goes with an SRS total of 34)
    alliance = 8.5 + 0.25 / WAI_PER_SRS_POINT * 0.8 * (st["clin_wai"] - WAI_AT_SRS34) + rng.normal(0.0, 0.35)
    alliance = float(np.clip(round(alliance, 1), 0.0, 10.0))
    techniques = _choose_techniques(rng, c, repair)

    # --- text: opening, techniques, rupture, interpreter, feelings, decoy, plan (+ planted phrase)
    if evaluation:
        opening = _pick(rng, OPENING_EVALUATION_LAST if st["last"] else OPENING_EVALUATION)
    elif s <= 2:
        opening = _pick(rng, OPENING_FIRST)
    elif st["last"] and s >= 6:
        opening = _pick(rng, OPENING_LAST)
    else:
        opening = _pick(rng, OPENING_MIDDLE)
    body = [_pick(rng, TECHNIQUES[t]) for t in techniques if t != "rupture_repair"]
    if noticed != "none":
        body.append(_pick(rng, RUPTURE_NOTICED[noticed]))
        body.append(_pick(rng, REPAIR_ATTEMPT) if repair else
                    (_pick(rng, REPAIR_NOT_ATTEMPTED) if rng.random() < 0.6 else ""))
    elif follow_up:
        body.append(_pick(rng, REPAIR_FOLLOW_UP))
    elif decline_hint:
        body.append(_pick(rng, RUPTURE_DECLINE))
    elif repair:
        body.append(_pick(rng, REPAIR_ATTEMPT))
    elif rng.random() < 0.4:
        body.append(_pick(rng, STEADY))
    if c.interpreter and rng.random() < 0.55:
        body.append(_pick(rng, INTERPRETER_LINES))
    top = _top_feeling(ct)
    if ct[top] >= 2 or rng.random() < 0.5:
        i = int(rng.integers(len(FEELINGS[top])))          # as _pick(rng, FEELINGS[top]): the same draws
        felt = _top_feeling(shown)                          # a planted feeling is the one the text names
        if felt != top and shown[felt] >= 2:
            top = felt
        body.append(FEELINGS[top][i % len(FEELINGS[top])])
    if decoy:                               # calm-sounding decoys would contradict a noticed rupture
        body.append(_pick(rng, DECOYS if noticed == "none" else DECOYS[N_CALM_DECOYS:]))
    if clin["role"] == "trainee" and rng.random() < 0.5:
        body.append(_pick(rng, TRAINEE_EXTRA))
    body = [b for b in body if b]

    planted = None
    if plant:
        category, sentence, term = _choose_plant(rng, c)
        body.insert(int(rng.integers(0, len(body) + 1)), sentence)
        planted = (category, _fill(term, slots))
    plan = _pick(rng, PLANS_EVALUATION if evaluation else PLANS)
    text = " ".join(_fill(t, slots) for t in [opening, *body, plan])

    record = {"clinician_id": c.clinician_id, "client_id": c.client_id, "session": s,
              "created": _timestamp(rng, st["date"]), "text": text, "techniques": techniques,
              "rupture": noticed, "repair_attempted": bool(repair), "clinician_alliance": alliance,
              "language": c.session_language, "interpreter": c.interpreter}
    record.update(shown)
    return record, planted


def _top_feeling(ct: dict) -> str:
    """The strongest feeling of a check-in (a sexualised feeling, when present, ranks half a point up)."""
    feelings = {k: v for k, v in ct.items() if k != "ct_sexualised" or v >= 1}
    return max(feelings, key=lambda k: (feelings[k] + (0.5 if k == "ct_sexualised" else 0.0), -CT_COLUMNS.index(k)))


def _choose_plant(rng: np.random.Generator, c: _Client) -> tuple[str, str, str]:
    """A stigmatising phrase that fits the case (credibility language in evaluations, etc.)."""
    categories = ["credibility", "difficult_label", "blame", "stereotyping", "authoritarian", "identity_first"]
    weights = {"credibility": 0.5, "difficult_label": 1.5, "blame": 1.5, "stereotyping": 1.0,
               "authoritarian": 1.0, "identity_first": 0.0}
    if c.case_type == "immigration_evaluation":
        weights.update(credibility=6.0, identity_first=1.5, blame=0.5)
    if c.concern == "substance use":
        weights["identity_first"] = 4.0
    if c.background and c.background not in ("White European",):
        weights["stereotyping"] += 0.8
    category = _pick(rng, categories, [weights[k] for k in categories])
    options = [p for p in PLANTS if p[0] == category]
    if category == "identity_first":
        wanted = "illegal immigrant" if c.case_type == "immigration_evaluation" else None
        options = [p for p in options if (p[2] == wanted) == (wanted is not None)]
    return _pick(rng, options)


# =========================================================================== meta, README and writers
def _gap_table(sessions: pd.DataFrame, clients: pd.DataFrame) -> pd.DataFrame:
    """Mean (wai_srt - wai_sr) item-mean gap per clinician and interpreter status."""
    s = sessions[sessions["session"] >= 1]
    gap = (s[WAI_SRT_ITEMS].astype("float64").mean(axis=1) - s[WAI_SR_ITEMS].astype("float64").mean(axis=1))
    frame = pd.DataFrame({"clinician_id": s["clinician_id"], "gap": gap,
                          "interpreter": s["client_id"].map(clients.set_index("client_id")["interpreter"])})
    return frame.dropna().groupby(["clinician_id", "interpreter"])["gap"].mean().unstack()


def _make_meta(seed, sessions, clients, reflections, truth_r, truth_l, truth_c) -> dict:
    gaps = _gap_table(sessions, clients)
    over_i, over_n = gaps.loc[OVER_RATER, True], gaps.loc[OVER_RATER, False]
    others = gaps.drop(index=OVER_RATER)
    with_client = reflections[reflections["client_id"].notna()]
    ca = with_client.merge(sessions[["client_id", "session", "srs_total"]], on=["client_id", "session"])
    ca["diff"] = ca["clinician_alliance"] - ca["srs_total"] / 4.0
    ca_over = ca[(ca["clinician_id"] == OVER_RATER) & ca["interpreter"].astype(bool)]["diff"].mean()
    ca_rest = ca[~((ca["clinician_id"] == OVER_RATER) & ca["interpreter"].astype(bool))]["diff"].mean()
    is_trainee = sessions["clinician_id"] == TRAINEE
    srs_trainee, srs_rest = sessions.loc[is_trainee, "srs_total"].mean(), sessions.loc[~is_trainee, "srs_total"].mean()
    ov = with_client.groupby(with_client["clinician_id"] == TRAINEE)["ct_overwhelmed"].mean()
    ov_trainee, ov_rest = float(ov.get(True, np.nan)), float(ov.get(False, np.nan))
    counts = truth_r["pattern"].value_counts()
    n_therapy = int((clients["case_type"] == "therapy").sum())
    by_cat = truth_l["category"].value_counts()
    loaded = truth_l.merge(reflections[["reflection_id", "clinician_id"]], on="reflection_id")
    share_loaded = (loaded["clinician_id"] == LOADED_WRITER).mean() if len(loaded) else 0.0
    case = with_client["client_id"].map(clients.set_index("client_id")["case_type"])
    eval_ids = set(with_client.loc[case == "immigration_evaluation", "reflection_id"])
    cred = truth_l[truth_l["category"] == "credibility"]
    cred_all, cred_eval = len(cred), int(cred["reflection_id"].isin(eval_ids).sum())
    eval_share = len(eval_ids) / max(1, len(with_client))
    drops = truth_r.merge(with_client, left_on=["client_id", "drop_session"], right_on=["client_id", "session"])
    drop_noticed = int((drops["rupture"] != "none").sum())
    other = with_client[~with_client.set_index(["client_id", "session"]).index.isin(
        list(zip(truth_r["client_id"], truth_r["drop_session"])))]
    fp_share = (other["rupture"] != "none").mean()
    planted = [
        f"Alliance ruptures in {len(truth_r)} of {n_therapy} therapy clients (truth_ruptures.csv): "
        f"{counts.get('v', 0)} v (sudden SRS drop, back within 1-3 sessions), "
        f"{counts.get('decline_repair', 0)} decline_repair (decline over 2-3 sessions, then a sudden return), "
        f"{counts.get('unrepaired', 0)} unrepaired; drops of {truth_r['size'].min():.1f}-{truth_r['size'].max():.1f} "
        "SRS total points against a within-client session noise SD of 0.8-1.4; WAI-SR follows the drop and "
        "ORS dips by about 1.5 points during the rupture.",
        f"{OVER_RATER} over-rates the alliance of interpreter-mediated clients: mean wai_srt - wai_sr item gap "
        f"{over_i:+.2f} for them vs {over_n:+.2f} for {OVER_RATER}'s other clients and "
        f"{others.min().min():+.2f} to {others.max().max():+.2f} for the other clinicians; clinician_alliance "
        f"(0-10) minus SRS total/4 is {ca_over:+.2f} for those sessions vs {ca_rest:+.2f} elsewhere.",
        f"{len(truth_l)} stigmatising or over-generalising phrases in {truth_l['reflection_id'].nunique()} of "
        f"{len(with_client)} client reflections (truth_language.csv; "
        + ", ".join(f"{k} {int(by_cat.get(k, 0))}" for k in
                    ["credibility", "difficult_label", "blame", "stereotyping", "authoritarian", "identity_first"])
        + f"); {share_loaded:.0%} of them written by {LOADED_WRITER}; {cred_eval} of the {cred_all} credibility "
        f"phrases are in immigration-evaluation reflections ({eval_share:.0%} of client reflections). "
        "About 10% of reflections carry an innocent decoy sentence "
        "with nearby words (no signs of agitation, not aggressive, benefit claims, homework).",
        f"{len(drops)} of the {len(truth_r)} drop sessions have a reflection; {drop_noticed} of those record "
        f"rupture withdrawal or confrontation. {fp_share:.0%} of the other client reflections report a rupture "
        "(the clinician noticing tension in the decline, after the drop, or in an otherwise steady alliance).",
        f"{TRAINEE} is a trainee: mean SRS total {srs_trainee:.1f} vs {srs_rest:.1f} for the licensed clinicians "
        f"(generated {TRAINEE_SRS_SHIFT:+.1f}), mean ct_overwhelmed {ov_trainee:.1f} vs {ov_rest:.1f}.",
        "Sparse missing data: about 2% of sessions without wai_srt, about 1% with one wai_sr item missing, "
        "about 1% with an SRS total entered without its items; never at rupture sessions.",
        *_ct_meta(with_client, clients, truth_c),
    ]
    return {
        "name": "rapportlib-demo",
        "description": ("SYNTHETIC demo data for rapportlib: generated clients, sessions (SRS, ORS, WAI-SR, WAI-SRT) "
                        "and clinician reflections. Nothing here describes real people; use it for tutorials "
                        "and tests only."),
        "synthetic": True,
        "generator": "rapportlib.demo",
        "seed": int(seed),
        "files": {"sessions": "sessions.csv", "clients": "clients.csv", "reflections": "reflections.jsonl"},
        "instruments": dict(INSTRUMENT_VERSIONS),
        "anonymisation": {"status": "synthetic",
                          "method": "generated; contains no real people, names, places or dates"},
        "clinicians": [{"clinician_id": cid, "role": role} for cid, role in CLINICIANS],
        "ground_truth": {"ruptures": "truth_ruptures.csv", "language": "truth_language.csv",
                         "countertransference": "truth_ct.csv"},
        "planted": planted,
    }


def _ct_meta(with_client: pd.DataFrame, clients: pd.DataFrame, truth_c: pd.DataFrame) -> list[str]:
    """The planted countertransference patterns and the presentation column, described with their sizes."""
    special = truth_c[truth_c["kind"] == "persistent_high"].iloc[0]
    mine = with_client[with_client["clinician_id"] == special["clinician_id"]]
    own = mine[mine["client_id"] == special["client_id"]]["ct_special"].astype(float)
    rest = mine[mine["client_id"] != special["client_id"]]["ct_special"].astype(float)
    helpless = with_client[with_client["clinician_id"] == CT_HELPLESS_CLINICIAN]
    interp = helpless["client_id"].map(clients.set_index("client_id")["interpreter"]).astype(bool)
    h_yes, h_no = helpless.loc[interp, "ct_helpless"].astype(float), helpless.loc[~interp, "ct_helpless"].astype(float)
    rising = with_client[with_client["clinician_id"] == CT_RISING_CLINICIAN]
    year = pd.to_datetime(rising["created"]).dt.year
    by_year = rising.groupby(year)["ct_disengaged"].mean()
    shifts = truth_c[truth_c["kind"] == "shift_after_rupture"]
    shift_text = "; ".join(f"{k} -> {d}: " + ", ".join(shifts.loc[(shifts["group_value"] == k)
                                                                  & (shifts["dimension"] == d), "clinician_id"])
                           for k, d, _ in CT_RUPTURE_SHIFTS
                           if ((shifts["group_value"] == k) & (shifts["dimension"] == d)).any()) or "none"
    counts = clients["presentation"].fillna("not assessed").value_counts()
    return [
        f"Countertransference check-ins (ct_*, 0-4; truth_ct.csv, {len(truth_c)} patterns): "
        f"{special['clinician_id']} rates ct_special 3 or more in {int((own >= 3).sum())} of {len(own)} reflections "
        f"about {special['client_id']} (mean {own.mean():.1f} vs {rest.mean():.1f} with their other clients); "
        f"{CT_HELPLESS_CLINICIAN}'s ct_helpless is {h_yes.mean():.1f} with interpreter-mediated clients vs "
        f"{h_no.mean():.1f} with the others ({int(helpless.loc[interp, 'client_id'].nunique())} and "
        f"{int(helpless.loc[~interp, 'client_id'].nunique())} clients; generated +{CT_HELPLESS_SHIFT:.1f}); "
        f"{CT_RISING_CLINICIAN}'s ct_disengaged rises by {CT_DISENGAGED_RISE:.1f} points from their first to their "
        "last session (yearly means " + ", ".join(f"{y} {m:.1f}" for y, m in by_year.items()) + "). "
        "Ruptures shift the check-in (" + ", ".join(f"{k} +{size:g} {d}" for k, d, size in CT_RUPTURE_SHIFTS)
        + "; ct_positive falls); truth_ct.csv lists the clinicians with at least 2 recorded ruptures of a kind and "
        f"a pooled shift of at least 1 point over the rupture session and the next ({shift_text}).",
        "Clients' presentation (clients.csv): " + ", ".join(f"{k} {int(counts.get(k, 0))}" for k in
                                                            ("anxious", "mistrustful", "low_engagement",
                                                             "not assessed"))
        + " (empty = not assessed); drawn independently of everything else, so nothing depends on it.",
    ]


def _readme(meta: dict) -> str:
    lines = [
        "# rapportlib demo data (SYNTHETIC)",
        "",
        "Everything in this folder is synthetic: generated by `rapportlib.demo.write(\"data/demo\")` "
        f"with seed {meta['seed']}. It contains no real people, names, places or dates; the calendar starts "
        "in 2001 and is made up.",
        "",
        "Regenerate bit-for-bit with:",
        "",
        "```python",
        "from rapportlib import demo",
        "demo.write(\"data/demo\")",
        "```",
        "",
        "Files: `sessions.csv`, `clients.csv`, `reflections.jsonl` (the data set, described by `dataset.yaml`), "
        "and the ground truth of the planted patterns, `truth_ruptures.csv`, `truth_language.csv` and "
        "`truth_ct.csv` (countertransference patterns: kind, clinician_id, client_id, group_column, group_value, "
        "dimension; empty where it does not apply).",
        "",
        "Planted patterns:",
        "",
    ]
    lines += [f"- {p}" for p in meta["planted"]]
    return "\n".join(lines) + "\n"


def _fmt_value(v, fmt: str) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return ""
    if fmt == "bool":
        return "true" if bool(v) else "false"
    if fmt == ".1f":
        return f"{float(v) + 0.0:.1f}"
    if fmt == "int":
        return str(int(v))
    return str(v)


def _csv(df: pd.DataFrame, formats: dict[str, str]) -> str:
    """CSV text with fixed per-column formats, empty cells for missing values and \\n line endings."""
    cols = list(df.columns)
    out = pd.DataFrame({col: [_fmt_value(v, formats.get(col, "int" if pd.api.types.is_integer_dtype(df[col].dtype)
                                                         else "str")) for v in df[col].tolist()]
                        for col in cols}, columns=cols)
    return out.to_csv(index=False, lineterminator="\n")


def _sessions_csv(sessions: pd.DataFrame) -> str:
    formats = {col: ".1f" for col in SRS_ITEMS + ["srs_total"] + ORS_ITEMS + ["ors_total"]}
    formats.update({col: "int" for col in WAI_SR_ITEMS + WAI_SRT_ITEMS + ["session"]})
    return _csv(sessions, formats)


def _json_value(v):
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return round(float(v), 1)
    if isinstance(v, (list, tuple, np.ndarray)):
        return [str(x) for x in v]
    return str(v)


def _reflections_jsonl(reflections: pd.DataFrame) -> str:
    lines = []
    for rec in reflections.to_dict(orient="records"):
        obj = {k: _json_value(rec[k]) for k in REFLECTION_COLUMNS}
        lines.append(json.dumps(obj, sort_keys=True, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def data_path() -> Path:
    """The demo dataset that ships with rapportlib (``data/demo``), ready for ``rapportlib.load``."""
    from ._resources import bundled

    return bundled("data", "demo")
