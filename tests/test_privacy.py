"""Identifiers: finding, replacing, refusing on load, and small-cell suppression."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import rapportlib
from rapportlib.privacy import (Pseudonymiser, Roster, Span, anonymise, date_offset, find_identifiers,
                                parse_marked, score_detector, suppress_small_cells)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


# The tests of single sentences here test the rules, without the learned recall layer (rapportlib.privacy.tagger):
# the layer has its own tests in test_privacy_tagger.py, among them how many of these clean sentences it touches.
# The scores on the labelled sets below are of the whole detector.
def found(text, **kw):
    return [(text[s.start:s.end], s.kind) for s in find_identifiers(text, tagger=False, **kw)]


# --------------------------------------------------------------------------- each kind, literally
@pytest.mark.parametrize("text, expected", [
    ("Her son Daniel called.", [("Daniel", "name")]),
    ("Met with Maria Lopez and Dr. Anand Kumar.", [("Maria Lopez", "name"), ("Anand Kumar", "name")]),
    ("Thenmozhi said she slept better.", [("Thenmozhi", "name")]),
    ("We talked about Grace and her grief.", [("Grace", "name")]),
    ("Her daughter, Hope, visited.", [("Hope", "name")]),
    ("Session on March 3, 2024 went well.", [("March 3, 2024", "date")]),
    ("Seen 03/12/2024 and 2024-03-19.", [("03/12/2024", "date"), ("2024-03-19", "date")]),
    ("She moved in March 2023.", [("March 2023", "date")]),
    ("He relapsed yesterday and again last Tuesday.", [("yesterday", "date"), ("last Tuesday", "date")]),
    ("Her father is 92 years old; her mother is 85.", [("92", "age")]),
    ("Call (312) 555-0148 or +44 7700 900123.", [("(312) 555-0148", "phone"), ("+44 7700 900123", "phone")]),
    ("The fax number is 312-555-0199.", [("312-555-0199", "fax")]),
    ("Email maria.l@example.com or see https://example.org/x.", [("maria.l@example.com", "email"),
                                                                ("https://example.org/x", "url")]),
    ("Logged in from 192.168.10.24.", [("192.168.10.24", "ip")]),
    ("She lives at 42 Willow Lane, Apt 3B now.", [("42 Willow Lane, Apt 3B", "address")]),
    ("The family moved from Coalinga to Chicago.", [("Coalinga", "place"), ("Chicago", "place")]),
    ("ZIP 60614-2201; postcode SW1A 1AA.", [("60614-2201", "postcode"), ("SW1A 1AA", "postcode")]),
    ("SSN 123-45-6789, MRN 448812, passport no. X1234567.", [("123-45-6789", "ssn"), ("448812", "mrn"),
                                                             ("X1234567", "id")]),
    ("Her A-number is A123456789.", [("A123456789", "id")]),
    ("Driver's license D1234567 and account number 000123456789.", [("D1234567", "licence"),
                                                                    ("000123456789", "account")]),
])
def test_each_kind(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "We practised Active Listening and Motivational Interviewing on Monday.",
    "Mother's Day was hard for her; we used the Empty Chair.",
    "She is 34 and moved from Mexico to Texas in 2019; her first language is Spanish.",
    "SRS total 31.5 in session 12; PHQ-9 was 14. We met at 3 pm for 50 minutes.",
    "Two weeks ago she started CBT. Today she spoke about God and her Catholic faith.",
    "Things felt tense at first. Worries about money came up again.",
    "Cognitive Restructuring and Safety Planning were reviewed with the interpreter.",
])
def test_clinical_prose_is_left_alone(text):
    assert found(text) == []


@pytest.mark.parametrize("text, lang, expected", [
    # UK National Insurance numbers, spaced or not; US SSNs written with spaces
    ("Her NI number is AB 12 34 56 C; her partner's is CE123456D.", "en",
     [("AB 12 34 56 C", "ssn"), ("CE123456D", "ssn")]),
    ("The form showed 512 44 0912 twice.", "en", [("512 44 0912", "ssn")]),
    # postal boxes and Indian door numbers
    ("Letters go to P.O. Box 4411 or to Post Box No. 92 for now.", "en",
     [("P.O. Box 4411", "address"), ("Post Box No. 92", "address")]),
    ("They now live at Old No. 7, New No. 15, South Car Street, near the temple.", "en",
     [("Old No. 7, New No. 15, South Car Street", "address")]),
    # Indian PIN codes, also written on to the place
    ("He moved to Velachery-600042 and later to Chennai 600 042.", "en",
     [("Velachery", "place"), ("600042", "postcode"), ("Chennai", "place"), ("600 042", "postcode")]),
    # Spanish addresses: "Av.", "int.", a comma before the number, floor and door
    ("Vive en Av. Juárez 1200, int. 4 con su tía.", "es", [("Av. Juárez 1200, int. 4", "address")]),
    ("Vive en Avenida del Sol, 18, 3.º 1 desde enero.", "es", [("Avenida del Sol, 18, 3.º 1", "address")]),
    # Tamil dates: a weekday after a relative word, month and day either way round, "the 15th", N days ago
    ("அவர் கடந்த திங்கட்கிழமை வந்தார்.", "ta", [("கடந்த திங்கட்கிழமை", "date")]),
    ("ஏப்ரல் 14 அன்று அவருக்கு பிறந்தநாள்.", "ta", [("ஏப்ரல் 14", "date")]),
    ("அவர் 15ஆம் தேதி வருவார்.", "ta", [("15ஆம் தேதி", "date")]),
    ("மூன்று நாட்களுக்கு முன்பு அவர் அழைத்தார்.", "ta", [("மூன்று நாட்களுக்கு முன்பு", "date")]),
    ("நேற்று முன்தினம் அவர் அழைத்தார்.", "ta", [("நேற்று முன்தினம்", "date")]),
    # Spanish relative and partial dates
    ("Empieza dentro de dos días; la boda es el día 14 y vino hace tres días.", "es",
     [("dentro de dos días", "date"), ("día 14", "date"), ("hace tres días", "date")]),
    ("La cita es el lunes 12 por la tarde.", "es", [("lunes 12", "date")]),
    ("La audiencia es marzo 3, 2025 y la otra el 1.º de mayo de 2025.", "es",
     [("marzo 3, 2025", "date"), ("1.º de mayo de 2025", "date")]),
    ("See you Friday the 13th.", "en", [("Friday the 13th", "date")]),
    # vehicle plates and other codes of capitals and digits
    ("His car has the plate, 7KQR219, and the van is MH 12 DE 1433.", "en",
     [("7KQR219", "licence"), ("MH 12 DE 1433", "licence")]),
    ("A hatchback, XQ 50213, waits outside; the old car was AB12 CDE.", "en",
     [("XQ 50213", "id"), ("AB12 CDE", "licence")]),
    ("Lleva un coche con placas PXR-44-12.", "es", [("PXR-44-12", "licence")]),
    ("The sticker on the car read W7Q4419.", "en", [("W7Q4419", "id")]),
    # phones: the North American trunk 1 and an extension, Indian 0 + 6 + 5, a lone digit after the country code
    ("Call 1-312-555-0199 ext. 24 or her mobile 098431 55120.", "en",
     [("1-312-555-0199 ext. 24", "phone"), ("098431 55120", "phone")]),
    ("Mandamos el informe por fax (+52 1 55 1234 5678).", "es", [("+52 1 55 1234 5678", "fax")]),
    # ages
    ("Her grandfather, 94 y.o., lives alone.", "en", [("94", "age")]),
    ("அவருக்கு வயது 96.", "ta", [("96", "age")]),
    # facilities and places
    ("La internaron en el Hospital Regional de Mazatlán.", "es", [("Hospital Regional de Mazatlán", "place")]),
    ("Su hijo va a la Secundaria General 22 desde agosto.", "es", [("Secundaria General 22", "place")]),
    ("She was admitted at Brookhaven Memorial last year.", "en", [("Brookhaven Memorial", "place")]),
    ("She is staying at the Harborview House shelter.", "en", [("Harborview House shelter", "place")]),
    ("They go to mass at St. Bridget's every week.", "en", [("St. Bridget's", "place")]),
    ("அவர் கீழ்ப்பாக்கம் அரசு மருத்துவமனையில் சேர்க்கப்பட்டார்.", "ta",
     [("கீழ்ப்பாக்கம் அரசு மருத்துவமனையில்", "place")]),
    ("Su dirección: 28001 Boadilla.", "es", [("28001", "postcode"), ("Boadilla", "place")]),
    ("Her record at the clinic is 2018/44321.", "en", [("2018/44321", "id")]),
    ("His aunt is a hundred and four years old.", "en", [("a hundred and four", "age")]),
    ("They live at Plot 7, Anna Nagar 4th Main Road now.", "en", [("Plot 7, Anna Nagar 4th Main Road", "address")]),
    ("Records came from Osei Medical and then from Kumasi district.", "en",
     [("Osei Medical", "place"), ("Kumasi district", "place")]),
    ("She enrolled at Brandt College of Music and Drama.", "en", [("Brandt College of Music and Drama", "place")]),
    ("Called Wilhelmina Osei back after the session.", "en", [("Wilhelmina Osei", "name")]),
    ("He moved to 1187 boul. Saint-Laurent in the spring.", "en", [("1187 boul. Saint-Laurent", "address")]),
    ("Vive en Calle Hidalgo 234, Col. Centro, desde enero.", "es", [("Calle Hidalgo 234, Col. Centro", "address")]),
    ("Mail goes to RR 4 Box 19 now.", "en", [("RR 4 Box 19", "address")]),
    ("Her grandmother, now 96, is in her late nineties.", "en", [("96", "age"), ("in her late nineties", "age")]),
    ("Her court date is 11/04 and her UHID is KA/2020/00417.", "en", [("11/04", "date"), ("KA/2020/00417", "mrn")]),
    ("She lives at 5120 County Road 18, past Hwy 9.", "en", [("5120 County Road 18", "address"), ("Hwy 9", "address")]),
    ("Send it to #7, 3rd Floor, 9th Cross, or H.No. 6-2-118/3.", "en",
     [("#7, 3rd Floor, 9th Cross", "address"), ("H.No. 6-2-118/3", "address")]),
    ("Vive en Sarmiento 2231 3° A y su RUT es 14.221.908-K.", "es",
     [("Sarmiento 2231 3° A", "address"), ("14.221.908-K", "id")]),
    ("Last seen 9-Oct-2023; el 4/XI vuelve.", "es", [("9-Oct-2023", "date"), ("4/XI", "date")]),
    ("Hearing Weds. 11/9; the trip is Aug 3-5, 2025; moved to the 17th without notice.", "en",
     [("Weds. 11/9", "date"), ("Aug 3-5, 2025", "date"), ("the 17th", "date")]),
    ("Account 7730 2219 6541 8, then reference 512 909 338X.", "en",
     [("7730 2219 6541 8", "account"), ("512 909 338X", "id")]),
    ("Piso en C/ de Girona 12, 3.º 2.ª, y otro en Calle Real 9, bajo.", "es",
     [("C/ de Girona 12, 3.º 2.ª", "address"), ("Calle Real 9, bajo", "address")]),
    ("He lives at 903 Calle Luna, Apt 2, Eagle Pass, and at 14 Oak Lane, Westbury, Hull.", "en",
     [("903 Calle Luna, Apt 2", "address"), ("Eagle Pass", "place"), ("14 Oak Lane", "address"),
      ("Westbury", "place"), ("Hull", "place")]),
])
def test_formats(text, lang, expected):
    assert found(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("SRS 36, ORS 24.5, session 12, in 2023; PHQ-9 of 14, GAD-7 of 9; CBT and DBT skills; ICD-10 F43.10.", "en"),
    ("She paid USD 2000 in 2019/2020; rated distress 8/10 then 4/10; scored 36/40.", "en"),
    ("In that case, 2023 was better. On the chart, 1234 steps.", "en"),
    ("She sat the 3rd exam on Monday; Mondays are hard.", "en"),
    ("He was moved to the Inpatient Unit and came home on Monday.", "en"),
    ("We used the Hospital Anxiety and Depression Scale and Wise Mind.", "en"),
    ("In August she started DBT skills; since June she has slept better.", "en"),
    ("She takes sertraline 100 mg; BP 120/80; CPT 90837 was billed.", "en"),
    ("திங்கள் அன்று பேசினோம்; அவன் தினமும் பள்ளிக்கு போகிறான்.", "ta"),            # a bare weekday; "to school"
    ("அவர் வேகமாக மருத்துவமனைக்கு சென்றார்.", "ta"),                               # "quickly to hospital"
    ("Hablamos el lunes; en el apartado 3 marcó la casilla 2. El lunes 12:30 no puede.", "es"),
    ("Es el día 3 de tratamiento.", "es"),
    ("He is a hundred percent sure; the plot of the film upset him and he felt flat.", "en"),
    ("We talked about Mental Health Awareness week and the Inpatient Unit.", "en"),
    ("She watched tv 5 hours; a trip down memory lane; rated it 8/10.", "en"),
    ("Step 2 on the plan: SR 12 items, C. 40 sessions; su madre vive allí hace 20 años.", "es"),
])
def test_formats_left_alone(text, lang):
    assert found(text, lang=lang) == []


@pytest.mark.parametrize("text, lang, expected", [
    # Irish Eircodes; British street types without "Street"; Australian postcodes after the state; a four-digit
    # postcode after the town of an address (New Zealand, the Philippines)
    ("She moved to 9 Orchard Rise, Naas, W91 K2T8 in May.", "en",
     [("9 Orchard Rise", "address"), ("Naas", "place"), ("W91 K2T8", "postcode")]),
    ("They live at 3 Kestrel Park, Belfast BT9 6AA.", "en",
     [("3 Kestrel Park", "address"), ("Belfast", "place"), ("BT9 6AA", "postcode")]),
    ("Post goes to Unit 4/18 Wattle Avenue, Fitzroy VIC 3065.", "en",
     [("Unit 4/18 Wattle Avenue", "address"), ("Fitzroy", "place"), ("3065", "postcode")]),
    ("He rents at 22 Kahikatea Street, Hamilton 3216, near his sister.", "en",
     [("22 Kahikatea Street", "address"), ("Hamilton", "place"), ("3216", "postcode")]),
    # units and building names before the house number; street types of other countries
    ("Her gran lives at Blk 3 Lot 9, Camia St., Pasig 1600.", "en",
     [("Blk 3 Lot 9, Camia St.", "address"), ("Pasig", "place"), ("1600", "postcode")]),
    ("He stays at Room 5, Birchwood House, 41 Mill Road, Leeds.", "en",
     [("Room 5, Birchwood House, 41 Mill Road", "address"), ("Leeds", "place")]),
    ("Send the letter to No. 18/2, Temple Mawatha, Galle.", "en",
     [("No. 18/2, Temple Mawatha", "address"), ("Galle", "place")]),
    ("Her uncle lives at 12 Jalan Bunga Raya, Ipoh.", "en", [("12 Jalan Bunga Raya", "address"), ("Ipoh", "place")]),
    ("They moved to 4410 rue Saint-Denis, app. 3, last year.", "en", [("4410 rue Saint-Denis, app. 3", "address")]),
    ("Vive en Bv. Oroño 880, 2.º C, Rosario.", "es", [("Bv. Oroño 880, 2.º C", "address"), ("Rosario", "place")]),
    ("He lives at Lindenstraße 8, 10969 Berlin.", "en",
     [("Lindenstraße 8", "address"), ("10969", "postcode"), ("Berlin", "place")]),
    ("அவர் பழைய எண் 9, புதிய எண் 31, மேல மாசி வீதியில் வசிக்கிறார்.", "ta",
     [("பழைய எண் 9, புதிய எண் 31, மேல மாசி வீதி", "address")]),
    # dates: Tamil year first and month with year, Spanish abbreviated months, a named day with its year
    ("அவரது அம்மா 1948 அக்டோபர் 2 அன்று பிறந்தார்; திருமணம் மார்ச் 2025-இல்.", "ta",
     [("1948 அக்டோபர் 2", "date"), ("மார்ச் 2025", "date")]),
    ("Murió el 9 de dic. de 2021 en Zamora.", "es", [("9 de dic. de 2021", "date"), ("Zamora", "place")]),
    ("He moved out on Boxing Day 2021 and back on Australia Day 2022.", "en",
     [("Boxing Day 2021", "date"), ("Australia Day 2022", "date")]),
    ("The hearing is on the fifth of June; we meet again March the third.", "en",
     [("the fifth of June", "date"), ("March the third", "date")]),
    ("La boda es el quince de agosto de 2025.", "es", [("quince de agosto de 2025", "date")]),
    # ages: "died at", number words after "is", Spanish number words after "de"
    ("Her grandfather died at 96 after a fall; his sister is ninety-two and lives alone.", "en",
     [("96", "age"), ("ninety-two", "age")]),
    ("Su tío, de noventa y tres, sigue trabajando.", "es", [("noventa y tres", "age")]),
    # any lower-case top-level domain with a path; UPI payment addresses
    ("The survey is at forms.gle/Qx7Lm2 and her page is linktr.ee/kit.m.", "en",
     [("forms.gle/Qx7Lm2", "url"), ("linktr.ee/kit.m", "url")]),
    ("Refund to anjali.r1988@okaxis today.", "en", [("anjali.r1988@okaxis", "account")]),
    # references joined by slashes, Mexican plates, a letter on grouped digits, dotted cédulas, a check digit
    ("Ref KMT/PSY/2022/8841 and file VT/55102; plate MXR-552-C.", "en",
     [("KMT/PSY/2022/8841", "id"), ("VT/55102", "id"), ("MXR-552-C", "licence")]),
    ("Her learner permit is D4471 20931 88120.", "en", [("D4471 20931 88120", "id")]),
    ("La tarjeta de la EPS dice 1.034.778.219.", "es", [("1.034.778.219", "id")]),
    ("HK ID C668213(4) is on the form.", "en", [("C668213(4)", "id")]),
])
def test_more_national_formats(text, lang, expected):
    assert found(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("There are ninety people on the waitlist and they were ninety minutes late.", "en"),
    ("We did 3 Safe Place exercises and 4 Turning Point worksheets.", "en"),
    ("In 2019 Central Park was her refuge; in Lagos 4000 people marched.", "en"),
    ("Contact me@home; she takes 100 mg/day; SI/HI denied; PHQ-9/GAD-7 were 14/9.", "en"),
    ("Había más de cien personas y ganaba 1.200.000 pesos al mes.", "es"),
    ("We met Via Zoom, 3 of us, and the K10 2023 results were fine.", "en"),
])
def test_more_national_formats_left_alone(text, lang):
    assert [k for _, k in found(text, lang=lang) if k not in ("name", "place")] == []


def test_lexicon_words_must_be_words(tmp_path):
    from rapportlib.errors import DataError
    from rapportlib.privacy import load_lexicon
    extra = tmp_path / "extra.yaml"
    extra.write_text("door_words: [no]\n", encoding="utf-8")          # YAML reads an unquoted no as false
    with pytest.raises(DataError, match="door_words"):
        load_lexicon((str(extra),))
    extra.write_text('door_words: ["no", plot]\nnumber_cues:\n  mrn: [uhid]\n', encoding="utf-8")
    assert load_lexicon((str(extra),)).number_cue_kind["uhid"] == "mrn"


def test_roster_catches_any_case_misspellings_and_possessives():
    roster = [{"name": "Priyanka Raman", "role": "client"}, {"name": "Jorge", "role": "family"}]
    text = "priyanaka's brother jorge came; Raman was quiet. Priyanka cried."
    assert found(text, roster=roster) == [("priyanaka", "name"), ("jorge", "name"), ("Raman", "name"),
                                          ("Priyanka", "name")]


def test_roster_ordinary_words_only_when_capitalised():
    roster = Roster(["Will Brown"])
    assert found("I will ask Will about it.", roster=roster) == [("Will", "name")]
    assert repr(roster) == "Roster(1 names)"                   # never the names


def test_spanish_and_tamil_do_not_break():
    es = "La Sra. Rodríguez llegó de Oaxaca el 3 de marzo de 2024; su hijo Mateo tiene 93 años."
    assert found(es, lang="es") == [("Rodríguez", "name"), ("Oaxaca", "place"), ("3 de marzo de 2024", "date"),
                                    ("Mateo", "name"), ("93", "age")]
    ta = "இன்று பிரியா தனது மகன் பற்றி பேசினார். நேற்று அவர் 044-2345 6789 என்ற எண்ணில் அழைத்தார்."
    spans = find_identifiers(ta, roster=["பிரியா"], lang="ta")
    assert [(ta[s.start:s.end], s.kind) for s in spans] == [("பிரியா", "name"), ("நேற்று", "date"),
                                                           ("044-2345 6789", "phone")]
    assert find_identifiers("") == [] and find_identifiers("   ") == []


# --------------------------------------------------------------------------- replacing
def test_pseudonyms_are_consistent_across_documents_and_hide_the_value():
    roster = [{"name": "Maria Lopez", "role": "client"}]
    ps = Pseudonymiser(b"dataset secret")
    a = anonymise("Maria said Jorge was angry.", roster, pseudonyms=ps)
    b = anonymise("Jorge phoned; maria's mood lifted. Ms Lopez smiled.", roster, pseudonyms=ps)
    assert a.text == "[CLIENT-1] said [PERSON-1] was angry."
    assert b.text == "[PERSON-1] phoned; [CLIENT-1]'s mood lifted. Ms [CLIENT-1] smiled."
    state = json.dumps(ps.to_dict())
    assert "maria" not in state.lower() and "jorge" not in state.lower()
    again = Pseudonymiser.from_dict(b"dataset secret", json.loads(state))
    assert anonymise("Jorge again.", pseudonyms=again).text == "[PERSON-1] again."
    assert [(r.kind, r.token) for r in a.replaced] == [("name", "[CLIENT-1]"), ("name", "[PERSON-1]")]


def test_dates_shift_by_a_per_client_offset_keeping_intervals():
    key = b"k"
    off = date_offset(key, "c007")
    assert off != 0 and -180 <= off <= 180 and off == date_offset(key, "c007")
    res = anonymise("Seen 2024-03-01 and again on 2024-03-15; relapse yesterday.", key=key, client="c007")
    shifted = [pd.Timestamp(r.token.strip("[]")) for r in res.replaced if r.token[1].isdigit()]
    assert (shifted[1] - shifted[0]).days == 14
    assert shifted[0] == pd.Timestamp("2024-03-01") + pd.Timedelta(days=off)
    assert res.text.endswith("relapse [DATE].")
    assert anonymise("Her grandmother, aged 95, and a 101-year-old uncle.").text == \
        "Her grandmother, aged 90+, and a 90+-year-old uncle."


# --------------------------------------------------------------------------- verify on load
def test_demo_dataset_passes_verification():
    ds = rapportlib.load(rapportlib.demo.data_path())
    assert len(ds.privacy.findings) == 0
    assert ds.privacy.status == "synthetic"


@pytest.fixture
def planted(tmp_path):
    out = tmp_path / "planted"
    shutil.copytree(rapportlib.demo.data_path(), out)
    path = out / "reflections.jsonl"
    lines = path.read_text().splitlines()
    rec = json.loads(lines[11])
    rec["text"] += " Her sister Rosalind Okafor asked me to ring her on 07700 900123."
    lines[11] = json.dumps(rec)
    path.write_text("\n".join(lines) + "\n")
    return out


def test_planted_name_and_phone_are_refused_with_row_column_and_kind(planted):
    with pytest.raises(rapportlib.IdentifiableDataError) as info:
        rapportlib.load(planted)
    f = info.value.privacy.findings
    assert f[["row", "column", "kind"]].values.tolist() == [[12, "text", "name"], [12, "text", "phone"]]
    msg = str(info.value)
    assert "row 12, column 'text': name, phone" in msg
    assert "Rosalind" not in msg and "Okafor" not in msg and "900123" not in msg
    with pytest.warns(rapportlib.DataQualityWarning):
        ds = rapportlib.load(planted, allow_identifiers=True)
    assert len(ds.reflections) == 615 and ds.privacy.rows == 1


def test_rapport_check_reports_identifiers_without_values(planted):
    run = subprocess.run([sys.executable, "-m", "rapportlib.cli", "check", str(planted)], capture_output=True,
                         text=True)
    assert run.returncode == 2
    assert "row 12, column 'text': name, phone" in run.stderr
    assert "Rosalind" not in run.stdout + run.stderr
    run = subprocess.run([sys.executable, "-m", "rapportlib.cli", "check", str(planted), "--allow-identifiers"],
                         capture_output=True, text=True)
    assert run.returncode == 1 and "IDENTIFIERS FOUND in 1 rows" in run.stdout


# --------------------------------------------------------------------------- small cells
def test_suppress_small_cells_primary_and_secondary():
    # clinicians x groups; the 4 must be hidden, and then one more in its row and its column
    table = pd.DataFrame({"clinician": ["a", "a", "b", "b", "c", "c"],
                          "group": ["x", "y", "x", "y", "x", "y"],
                          "n": [4, 30, 25, 40, 12, 50],
                          "mean": [5.0, 6.0, 5.5, 6.1, 4.9, 6.3]})
    out = suppress_small_cells(table, "n", by=["clinician", "group"])
    # a's row needs a second hidden cell (30); column x then needs one (12, the smallest), which leaves
    # c's row with one hidden, so c-y goes too: the 2 x 2 rectangle a,c x x,y, the fewest that work
    assert out["suppressed"].tolist() == ["primary", "secondary", "", "", "secondary", "secondary"]
    hidden = out["suppressed"] != ""
    assert out.loc[hidden, "n"].isna().all() and out.loc[hidden, "mean"].isna().all()
    assert out.loc[~hidden, "n"].tolist() == table.loc[~hidden.to_numpy(), "n"].tolist()
    # no group (row, column, or the whole table) is left with exactly one hidden cell
    for col in ("clinician", "group"):
        assert (out.groupby(col)["suppressed"].agg(lambda s: (s != "").sum()) != 1).all()


def test_suppress_small_cells_threshold_and_zero_cells():
    table = pd.DataFrame({"group": ["x", "y", "z"], "n": [0, 10, 11]})
    out = suppress_small_cells(table, by=["group"])
    assert out["suppressed"].tolist() == ["", "primary", "secondary"]     # 0 shown; 10 < 11 hidden
    assert suppress_small_cells(table, threshold=5, by=["group"])["suppressed"].tolist() == ["", "", ""]


# --------------------------------------------------------------------------- the labelled sets
def _records(name):
    path = DATA / name
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_parse_marked():
    text, spans = parse_marked("Met [[name:Maria]] on [[date:3 May]].")
    assert text == "Met Maria on 3 May." and [(s.start, s.end, s.kind) for s in spans] == [(4, 9, "name"),
                                                                                          (13, 18, "date")]


def test_span_outcomes_list_what_was_missed_and_what_was_wrongly_taken(tmp_path, capsys):
    """The scorer behind the recall figures, on a literal record: one name missed, one word wrongly taken."""
    from rapportlib.privacy.scoring import main, span_outcomes
    records = [{"id": "x-1", "lang": "en", "marked": "Met [[name:Ana]] and [[name:Bo]] on [[date:3 May]]. Kind."}]
    fake = lambda text, roster, lang: [Span(4, 7, "name"), Span(15, 23, "name"), Span(25, 29, "name")]  # noqa: E731
    gold, pred = span_outcomes(records, find=fake)
    assert gold[["kind", "surface", "found", "kind_ok"]].values.tolist() == [
        ["name", "Ana", True, True], ["name", "Bo", False, False], ["date", "3 May", True, False]]
    assert pred[["kind", "surface", "correct"]].values.tolist() == [
        ["name", "Ana", True], ["name", "on 3 May", True], ["name", "Kind", False]]
    assert gold.loc[1, "context"] == "Met Ana and ⟦Bo⟧ on 3 May. Kind."
    scores = score_detector(records, find=fake).set_index("kind")
    assert scores.loc["name", ["gold", "found", "kind_ok", "predicted", "correct"]].tolist() == [2, 1, 1, 3, 2]
    assert scores.loc["date", ["gold", "found", "kind_ok", "predicted", "correct"]].tolist() == [1, 1, 0, 0, 0]
    assert scores.loc["all", ["recall", "precision"]].tolist() == pytest.approx([2 / 3, 2 / 3])
    # the report from a shell: one summary line per file, then the misses and false positives with their context
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "x-2", "lang": "en", "marked": "Call [[phone:555-0148]] today, Ms Hale."}) + "\n",
                    encoding="utf-8")
    assert main([str(path), "--misses", "--false-positives", "--rules-only"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("set.jsonl  names ") and "under target: none" in out
    assert "0 missed" in out and "1 false positive" in out
    assert "x-2        en  name      Call 555-0148 today, Ms ⟦Hale⟧." in out
    # and recall per kind and file as one Markdown table (the README's accuracy table is built from it)
    assert main([str(path), "--rules-only", "--markdown"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[:3] == ["| kind | set |", "|---|---|", "| phone | 1.000 |"] and table[-1] == "| all | 1.000 |"


PATTERN_KINDS = ("date", "age", "phone", "fax", "email", "url", "ip", "address", "postcode", "ssn", "mrn", "account",
                 "licence", "id")


TUNING = ["identifiers_dev.jsonl", "identifiers_test.jsonl", "identifiers_holdout.jsonl",   # looked at while tuning
          "identifiers_final.jsonl", "identifiers_r5.jsonl", "identifiers_r6.jsonl", "identifiers_r7.jsonl",
          "identifiers_r8.jsonl", "identifiers_r9.jsonl", "identifiers_r10.jsonl", "identifiers_r11.jsonl",
          "identifiers_r12.jsonl", "identifiers_r13.jsonl", "identifiers_r14.jsonl", "identifiers_r15.jsonl",
          "identifiers_r16.jsonl", "identifiers_r17.jsonl", "identifiers_r18.jsonl",
          "identifiers_r19.jsonl", "identifiers_r20.jsonl", "identifiers_r21.jsonl", "identifiers_r22.jsonl",
          "identifiers_r23.jsonl", "identifiers_r24.jsonl", "identifiers_r25.jsonl", "identifiers_r26.jsonl",
          "identifiers_r27.jsonl", "identifiers_r28.jsonl"]
HELD_OUT = "identifiers_r29.jsonl"        # written last, blind; never tuned on


@pytest.mark.parametrize("name", TUNING)
def test_targets_hold_on_the_sets_used_for_tuning(name):
    """Names >= 0.95 and every pattern kind >= 0.98 where the detector was tuned: what it reached must stay."""
    scores = score_detector(_records(name)).set_index("kind")
    assert scores.loc["name", "recall"] >= 0.95, scores
    pattern = [k for k in PATTERN_KINDS if scores.loc[k, "gold"] > 0]
    low = scores.loc[pattern][scores.loc[pattern, "recall"] < 0.98]
    assert low.empty, low
    assert scores.loc["all", "precision"] >= 0.95, scores


def test_name_recall_target_on_the_held_out_set():
    scores = score_detector(_records(HELD_OUT)).set_index("kind")
    assert scores.loc["name", "recall"] >= 0.95, scores                             # 0.998 reached (r15 had 0.943)


# What r29 measured when it was first scored, rounded down: a floor per kind, so that no change makes the detector worse
# on the one set it has never been tuned on. (r28's floors were replaced by the >= 0.95 and >= 0.98 of the tuning sets.)
HELD_OUT_FLOORS = {"date": 0.92, "age": 0.97, "phone": 0.99, "address": 0.93, "ssn": 0.98, "licence": 0.96, "id": 0.92}


def test_held_out_recall_does_not_fall_below_what_it_reached():
    """A floor at the held-out level reached (the issue's per-kind target is the xfail test below)."""
    scores = score_detector(_records(HELD_OUT)).set_index("kind")
    assert scores.loc["name", "recall"] >= 0.99, scores                             # 0.998 reached
    pattern = scores.loc[list(PATTERN_KINDS)]
    assert pattern["found"].sum() / pattern["gold"].sum() >= 0.972, scores         # 0.9722 reached (2200/2263)
    floors = pd.Series({k: HELD_OUT_FLOORS.get(k, 1.0) for k in PATTERN_KINDS})   # the other 7 kinds are at 1.00
    low = pattern[pattern["recall"] < floors]
    assert low.empty, low
    assert scores.loc["place", "recall"] >= 0.94, scores                            # 0.942 reached
    assert scores.loc["all", "precision"] >= 0.98, scores                           # 0.984 reached


def test_the_learned_layer_adds_recall_on_the_held_out_set_at_a_measured_cost_in_precision():
    """The tagger (rapportlib.privacy.tagger) against the rules alone, on the set neither has seen: what it adds
    and what it costs, at the levels the held-out set measured when first scored."""
    records = _records(HELD_OUT)
    both = score_detector(records).set_index("kind")
    rules = score_detector(records, find=lambda t, r, lang: find_identifiers(t, r, lang, tagger=False))
    rules = rules.set_index("kind")
    # r29: names 1275 -> 1277 of 1280, pattern kinds 2159 -> 2200 of 2263 (ages 84 -> 99 of 102, addresses 213 ->
    # 226 of 242, dates 334 -> 339 of 366), places 424 -> 458 of 486; precision 0.989 -> 0.984. (r28 measured +28
    # pattern kinds and +9 addresses at a cost of 0.004; r27 +23 and +2 at 0.001; r26 +34 at 0.007; r25 +43 at 0.007.)
    assert both.loc["name", "found"] >= rules.loc["name", "found"]
    assert both.loc[list(PATTERN_KINDS), "found"].sum() >= rules.loc[list(PATTERN_KINDS), "found"].sum() + 20
    assert both.loc["address", "found"] >= rules.loc["address", "found"] + 10
    assert both.loc["place", "found"] >= rules.loc["place", "found"] + 15
    assert both.loc["all", "precision"] >= rules.loc["all", "precision"] - 0.01


@pytest.mark.xfail(reason="issue 4 still open: on the held-out set (identifiers_r29, new locales) ids 0.921 (court "
                          "files with a court's initials, 'SFSN No. 306929'; a Peruvian foreigner's card, 'CE "
                          "787660123'; Sri Lankan 'CIB 0/149/22' after a passport label), dates 0.926 (an intensifier "
                          "inside the phrase: 'in just thirteen days', 'in exactly eight days', 'fully nine days ago', "
                          "'yesterday just gone'; 'el viernes que sigue', 'hace nueve días recién', '4.nov.2024'), "
                          "addresses 0.934 (Nicaraguan landmark addresses in blocks, 'del antiguo cine 2½ c. al "
                          "lago, 2 c. abajo'; 'entreplanta'; a rural route after the street, ', RR 5'), licences 0.969 "
                          "and ages "
                          "0.971 ('Household member aged: 98') are below 0.98 (phones 0.995, SSNs 0.989; the other 7 "
                          "pattern kinds reach it; places 0.942)",
                   strict=False)
def test_pattern_recall_target_on_the_held_out_set():
    scores = score_detector(_records(HELD_OUT)).set_index("kind")
    pattern = [k for k in PATTERN_KINDS if scores.loc[k, "gold"] > 0]
    low = scores.loc[pattern][scores.loc[pattern, "recall"] < 0.98]
    assert low.empty, low
    assert scores.loc["place", "recall"] >= 0.95, scores


def _kinds(text, lang=None, roster=None):
    return {(text[s.start:s.end], s.kind) for s in find_identifiers(text, roster, lang, tagger=False)}


def test_tamil_names_by_honorific_first_word_and_case_ending():
    text = "முத்தையா இன்று தாமதமாக வந்தார். அவர் வீட்டில் செல்வராஜ் அவர்களை பார்த்தேன். முத்தையாவின் மகள் வரவில்லை."
    got = _kinds(text, "ta")
    assert ("முத்தையா", "name") in got and ("செல்வராஜ்", "name") in got
    assert any(k == "name" and s.startswith("முத்தையா") and s != "முத்தையா" for s, k in got)
    # a misspelt roster name with a case ending
    assert any(k == "name" for s, k in _kinds("இன்று ரதிகாவின் கணவர் வந்தார்.", "ta", ["ராதிகா சுந்தரம்"]))


def test_ages_in_brackets_lived_to_and_licence_formats():
    got = _kinds("Her grandmother (ninety-seven) lives nearby; his uncle lived to 101. "
                 "The van (vehicle no. WP KL-4417) was parked outside.")
    assert {("ninety-seven", "age"), ("101", "age"), ("WP KL-4417", "licence")} <= got
    got = _kinds("Su ex tiene placa n.º PXR 552 y licencia de manejo G 231 554 876 120.", "es")
    assert ("PXR 552", "licence") in got and ("G 231 554 876 120", "licence") in got


def test_codes_in_brackets_box_police_report_and_bracketed_postcode():
    got = _kinds("Notes sent to Ridgeview Hospital (448213) by fax; the older chart went to SCARF (QTR.5518204).")
    assert ("448213", "mrn") in got and ("QTR.5518204", "mrn") in got
    got = _kinds("Letters to Box 4471, Jaffna; police FIR 612/2023 was filed. A week ago Tuesday she called.")
    assert {("Box 4471", "address"), ("FIR 612/2023", "id"), ("A week ago Tuesday", "date")} <= got
    got = _kinds("Domicilio: Calle Belgrano 812, (5500) Mendoza.", "es")
    assert {("5500", "postcode"), ("Mendoza", "place")} <= got
    got = _kinds("Call 4155550172 ext. 22 or 415-555-0199-க்கு அழைக்கவும்.", "ta")
    assert {("4155550172 ext. 22", "phone"), ("415-555-0199", "phone")} <= got
    # a door "no." of another number does not swallow the address after it
    got = _kinds("Passport no. 551902384, 812 Birch Street, Apt 4C, Dayton, OH 45402.")
    assert ("812 Birch Street, Apt 4C", "address") in got


def test_roster_names_used_as_ordinary_words_and_labels_before_codes():
    roster = [{"name": "Olive Brennan", "role": "client"}]
    got = _kinds("She offered an olive branch. Olive oil and bread. Olive said it helped.", "en", roster)
    assert ("olive", "name") not in got and ("Olive", "name") in got
    assert sum(1 for s in find_identifiers("Olive oil and bread. Olive said it helped.", roster, "en")
               if s.kind == "name") == 1
    got = _kinds("The log lists the client IP 10.4.18.22 and Ph: 020 7946 0321.")
    assert not any(k == "name" for _, k in got)


def test_facilities_named_where_a_record_is_held_and_tamil_areas():
    got = _kinds("His old chart at Kestrel Royal is OP no. 55/10293. Notes faxed from Harwick General (fax 0161 496 "
                 "0777). Her son started at Millbrook Primary in May.")
    assert {("Kestrel Royal", "place"), ("Harwick General", "place"), ("Millbrook Primary", "place")} <= got
    got = _kinds("அவர் இப்போது Bedok பகுதியில் வசிக்கிறார். இப்போது எந்தப் பகுதியில் இருக்கிறார்?", "ta")
    assert ("Bedok", "place") in got and not any(s.startswith("எந்த") for s, _ in got)


def test_tamil_initials_are_part_of_the_name():
    got = _kinds("விவரங்கள்: க. செல்வம், பிறந்த தேதி 3.4.1950. அப்பா ரா. முருகேசன் வந்தார். எ.கா. பணம்.", "ta")
    assert ("க. செல்வம்", "name") in got and ("ரா. முருகேசன்", "name") in got
    assert not any(s.endswith("பணம்") for s, _ in got)


def test_two_units_after_a_street_without_a_comma():
    got = _kinds("Vive en Calle 12C # 45-20, torre 3 apto 1102, Medellín.", "es")
    assert ("Calle 12C # 45-20, torre 3 apto 1102", "address") in got


# --------------------------------------------------------------------------- rules added after the r7 round
@pytest.mark.parametrize("text, lang, expected", [
    # weekday-first relative dates (British and Irish) and "N days ago" after "in"
    ("We last spoke Thursday last, and again Monday just gone.", "en",
     [("Thursday last", "date"), ("Monday just gone", "date")]),
    ("The hearing is Friday week; she relapsed on Tuesday of last week.", "en",
     [("Friday week", "date"), ("Tuesday of last week", "date")]),
    ("He lives next to the park and goes every Monday.", "en", []),
    ("She was admitted in six days ago; the review is in three days.", "en",
     [("six days ago", "date"), ("in three days", "date")]),
    # ages in words after "at", "turned", "aged"; a count is no age
    ("Her grandmother is still gardening at ninety-four.", "en", [("ninety-four", "age")]),
    ("His nan turned one hundred and two Friday last and they had a party.", "en",
     [("one hundred and two", "age"), ("Friday last", "date")]),
    ("Her grandfather, aged ninety four, lives alone; the dial turned ninety degrees.", "en",
     [("ninety four", "age")]),
    # street-type abbreviations, "Street Upper", a PO box before a locality with initials
    ("Letters to 18/54 Grevillea Pde, Logan Central QLD 4115.", "en",
     [("18/54 Grevillea Pde", "address"), ("Logan Central", "place"), ("4115", "postcode")]),
    ("Address: Apartment 1, 22 Bridge Street Upper, Dundalk A91 980F.", "en",
     [("Apartment 1, 22 Bridge Street Upper", "address"), ("Dundalk", "place"), ("A91 980F", "postcode")]),
    ("Contact: Post Box No. 3611, T. Nagar 600 017.", "en",
     [("Post Box No. 3611", "address"), ("T. Nagar", "place"), ("600 017", "postcode")]),
    # a cue written on to its number; "reg." and "HC" cues; bank branch codes are no identifiers
    ("UMID CRN-7530-3802036-4; RCI reg. A9316.", "en", [("CRN-7530-3802036-4", "id"), ("A9316", "licence")]),
    ("Datos: HC 631.950, fecha 10-04-1963.", "es", [("631.950", "mrn"), ("10-04-1963", "date")]),
    ("Billing: sort code 37-30-72, account 44060734; BSB 062-441, account 1044 8821; transit 08910.", "en",
     [("44060734", "account"), ("1044 8821", "account")]),
    # a facility named after a date; a state after the town; Spanish verbs, countries and technique names
    ("Previous admission to Hospital 12 de Octubre.", "en", [("Hospital 12 de Octubre", "place")]),
    ("Domicilio: Calle Hidalgo 69, Irapuato, Gto. CP 36744.", "es",
     [("Calle Hidalgo 69", "address"), ("Irapuato", "place"), ("36744", "postcode")]),
    ("Nació en Venezuela y llegó a España con 9 años. Hablamos del Día de Muertos y de la Pregunta del Milagro.",
     "es", []),
    ("¿Qué sería distinto? Elijamos juntos un paso.", "es", []),
    # medicines, card brands, organisations before an account, labels before a number
    ("Sertraline went up to 100 mg. Stop charging Comcast account 86103891337.", "en",
     [("86103891337", "account")]),
    ("Reference Case No. 76-97447; Hosp No. 00509470.", "en", [("76-97447", "id"), ("00509470", "mrn")]),
    # no title inside an e-mail address ("mx"), and a number between an abbreviation and a new sentence
    ("Correo x@centro.com.mx. Plan de alta: cita con la Dra. Peralta.", "es",
     [("x@centro.com.mx", "email"), ("Peralta", "name")]),
    ("LMHC license no. 816820. La familia es muy católica.", "es", [("816820", "licence")]),
    # names by their context: a role in brackets or before a colon, a verb after an unknown word
    ("Ha-eun (client) reported a better week. Supervisor: Adaeze Okonkwo.", "en",
     [("Ha-eun", "name"), ("Adaeze Okonkwo", "name")]),
    ("Babatunde reminds me of someone. Meena apparently told her sister. Hao talked about his daughter.", "en",
     [("Babatunde", "name"), ("Meena", "name"), ("Hao", "name")]),
    ("Brook said Kele from work noticed. Met Graham for the tenth time today.", "en",
     [("Brook", "name"), ("Kele", "name"), ("Graham", "name")]),
    ("Telehealth kept dropping. Self-Compassion afterwards. Thought Record practice went well.", "en", []),
    # facilities: "X of Y" after a place cue, generic words in a distinctive name, "Our Lady of ..."
    ("She was taken to Institute of Mental Health. He was moved to Metropolitan Detention Center.", "en",
     [("Institute of Mental Health", "place"), ("Metropolitan Detention Center", "place")]),
    ("She volunteers at Our Lady of the Lakes on Sundays.", "en", [("Our Lady of the Lakes", "place")]),
    # Tamil: உடன் (with) apart or on to a name, a possessive first word, a given name before a surname, a role
    # in brackets, places before பகுதி / ஊர் and with a case ending, a heading before a colon
    ("Safety plan-ஐ பிரகாஷ் உடன் மீண்டும் பார்த்தோம். அவர் தன் அக்கா உடன் வந்தார்.", "ta", [("பிரகாஷ்", "name")]),
    ("ஜனனியுடன் பேசிய பிறகு அவர் மகிழ்ச்சியுடன் பேசினார்.", "ta", [("ஜனனியுடன்", "name")]),
    ("மகேஸ்வரியின் follow-up session இன்று நடந்தது.", "ta", [("மகேஸ்வரியின்", "name")]),
    ("விவரங்கள்: மகேஸ்வரி மணிகண்டன், Emergency contacts: ஜெயகாந்தன் (அண்ணன்) 023 991 7802.", "ta",
     [("மகேஸ்வரி மணிகண்டன்", "name"), ("ஜெயகாந்தன்", "name"), ("023 991 7802", "phone")]),
    ("அவரது தாத்தா கொக்குவில் பகுதியில் இறந்தார். பாட்டி இன்னும் Croydon ஊரில் இருக்கிறார்; மகன் Tooting-இல் வேலை.",
     "ta", [("கொக்குவில்", "place"), ("Croydon", "place"), ("Tooting", "place")]),
])
def test_rules_from_the_r7_round(text, lang, expected):
    assert found(text, lang=lang) == expected


def test_roster_initials_and_roster_words_used_as_words():
    # a Tamil initial in the roster ("மு.") does not make every word starting with it a name
    roster = [{"name": "மு. சுரேஷ்", "role": "client"}]
    assert found("புதிய முகவரி: எண் 26, நேதாஜி தெரு.", lang="ta", roster=roster) == [
        ("எண் 26, நேதாஜி தெரு", "address")]
    # a roster name in quotes or after an article is the word
    roster = [{"name": "Precious Hall", "role": "client"}, {"name": "Rocío Díaz", "role": "family"}]
    assert found('She called the letters "precious". Salía con el rocío todavía.', roster=roster) == []
    assert found("Rocío llegó tarde; le pregunté a rocío qué pasó.", lang="es", roster=roster) == [
        ("Rocío", "name"), ("rocío", "name")]


# --------------------------------------------------------------------------- rules added after the r8 round
# Each family is tested with phrasings that occur in no labelled set.
@pytest.mark.parametrize("text, lang, expected", [
    # relative dates written as longer phrases: weekday + week, before last / after next, a fortnight on, N weeks ago
    # yesterday, in N days' time, today/tomorrow week, number words past ten
    ("We meet again Wednesday week; she called the Friday before last.", "en",
     [("Wednesday week", "date"), ("the Friday before last", "date")]),
    ("It happened a fortnight ago today and the review is in seven days' time.", "en",
     [("a fortnight ago today", "date"), ("in seven days' time", "date")]),
    ("Court is the Monday after next; the hearing is a fortnight on Tuesday.", "en",
     [("the Monday after next", "date"), ("a fortnight on Tuesday", "date")]),
    ("He relapsed three weeks ago yesterday and rang the night before last.", "en",
     [("three weeks ago yesterday", "date"), ("the night before last", "date")]),
    ("We meet a week today; the operation is tomorrow week.", "en",
     [("a week today", "date"), ("tomorrow week", "date")]),
    # a day of the month in words, with "the" (after a weekday, after "on", or from the tenth on)
    ("The anniversary is the twenty-eighth; she was seen on Thursday the fifteenth.", "en",
     [("the twenty-eighth", "date"), ("Thursday the fifteenth", "date")]),
    ("Discharged on the ninth and reviewed eleven days ago.", "en",
     [("the ninth", "date"), ("eleven days ago", "date")]),
    # a weekday before a date is part of it; month "of" year; lower-case Roman months; "inst."
    ("DOB Friday, 9 June 1961; hearing Thu 6 Mar 2003; moved in August of 1994.", "en",
     [("Friday, 9 June 1961", "date"), ("Thu 6 Mar 2003", "date"), ("August of 1994", "date")]),
    ("Seen 4/iii/24 and the letter dated 14th inst. arrived.", "en", [("4/iii/24", "date"), ("14th inst.", "date")]),
    # Spanish: number words past ten, the day in words, a two-digit year after "del", a feast with its year
    ("Vino hace quince días; vuelve el día veinte. Nació el 3 de marzo del 97 y se casó en San Juan de 2011.", "es",
     [("hace quince días", "date"), ("día veinte", "date"), ("3 de marzo del 97", "date"),
      ("San Juan de 2011", "date")]),
    # Tamil: a weekday before "the Nth", and number words past ten
    ("அவர் வியாழக்கிழமை 17-ஆம் தேதி வந்தார்.", "ta", [("வியாழக்கிழமை 17-ஆம் தேதி", "date")]),
    ("பதினைந்து நாட்களுக்கு முன்பு வந்தார்.", "ta", [("பதினைந்து நாட்களுக்கு முன்பு", "date")]),
    # genogram-style ages after a relation, with no "years"; ordinal birthdays
    ("Genogram: great-uncle 96, Nan (93), grandad ninety-one, father 67.", "en",
     [("96", "age"), ("93", "age"), ("ninety-one", "age")]),
    ("Mum 62, Gran 95, Grandpa 89.", "en", [("95", "age")]),
    ("His gran's 94th birthday; her great-grandmother, 101, still walks.", "en", [("94th", "age"), ("101", "age")]),
    ("Su tío abuelo de 94 vive solo; la bisabuela 97, el padre 70.", "es", [("94", "age"), ("97", "age")]),
    ("தாத்தா நூற்றிரண்டு, அம்மா 58.", "ta", [("நூற்றிரண்டு", "age")]),
    # more street types (British, Canadian rural, Australian), a particle in a street name, a building before it,
    # a door number after another number's "No.", postal boxes with a station, Colombian, Argentine and Tamil boxes
    ("She lives at Flat 2, Hollins House, 14 Heron Brow, Leeds.", "en",
     [("Flat 2, Hollins House, 14 Heron Brow", "address"), ("Leeds", "place")]),
    ("Letters to 88 Granite Sideroad, Unit 4, and 12/40 Magpie Circuit, Cairns.", "en",
     [("88 Granite Sideroad, Unit 4", "address"), ("12/40 Magpie Circuit", "address"), ("Cairns", "place")]),
    ("He stays at Unit 7B, 51 Reina de las Flores St., Iloilo.", "en",
     [("Unit 7B, 51 Reina de las Flores St.", "address"), ("Iloilo", "place")]),
    ("Chart OP No. KMC5512083, Door No. 44-7, Perumal Street, Salem.", "en",
     [("KMC5512083", "mrn"), ("Door No. 44-7, Perumal Street", "address"), ("Salem", "place")]),
    ("Correspondencia al Apartado Aéreo 4417 o a la Casilla de Correo 88.", "es",
     [("Apartado Aéreo 4417", "address"), ("Casilla de Correo 88", "address")]),
    ("Post to PO Box 57, Stn B, then.", "en", [("PO Box 57, Stn B", "address")]),
    ("முகவரி: அஞ்சல் பெட்டி எண் 6120.", "ta", [("அஞ்சல் பெட்டி எண் 6120", "address")]),
    # facilities: "X of Y" / "X de Y", facility words after an unknown word, a unit's number, a proper word or an
    # acronym before a lower-case facility word, Tamil hospitals named after a person or a town
    ("She was held at Memorial Hospital of Springfield and later at the Gurdwara Sahib of Southall.", "en",
     [("Memorial Hospital of Springfield", "place"), ("Gurdwara Sahib of Southall", "place")]),
    ("Duerme en la Casa del Migrante de Tijuana; la derivaron al Complejo Hospitalario de Navarra.", "es",
     [("Casa del Migrante de Tijuana", "place"), ("Complejo Hospitalario de Navarra", "place")]),
    ("Notes from Kingsway Health Campus and Thornbury Health Care.", "en",
     [("Kingsway Health Campus", "place"), ("Thornbury Health Care", "place")]),
    ("He attends SHARP day centre; he was in Pentonville Prison Number 2 for a year.", "en",
     [("SHARP day centre", "place"), ("Pentonville Prison Number 2", "place")]),
    ("She left Oakwood shelter and stayed at the Calder hostel.", "en",
     [("Oakwood shelter", "place"), ("Calder hostel", "place")]),
    ("சேலம் அரசு குமாரமங்கலம் மருத்துவமனையில் சேர்ந்தார்.", "ta",
     [("சேலம் அரசு குமாரமங்கலம் மருத்துவமனையில்", "place")]),
    ("அவர் யாழ்ப்பாணம் போதனா வைத்தியசாலையில் வேலை செய்கிறார்.", "ta",
     [("யாழ்ப்பாணம் போதனா வைத்தியசாலையில்", "place")]),
    ("அவர் மியூனிச் பகுதியில் வசிக்கிறார்.", "ta", [("மியூனிச்", "place")]),
    # case references of capitals and a number over a serial or a year; a code with one letter first; a hex-like
    # account; a plate's province code is no postcode cue
    ("Police ref KPD 332/781 and court case DP 4471/2021; H.C.P. 77/2019.", "en",
     [("KPD 332/781", "id"), ("DP 4471/2021", "id"), ("H.C.P. 77/2019", "id")]),
    ("caso de probatoria Q-771204, abogada Ruiz.", "es", [("Q-771204", "id"), ("Ruiz", "name")]),
    ("Her water account B-7C2DA9E1 is overdue; vehicle no. CP KDF-3318 was fined.", "en",
     [("B-7C2DA9E1", "account"), ("CP KDF-3318", "licence")]),
    # names: "-es" is no English ending after a vowel ("Hamees" is not "hame" + "es"), "-ed" verbs, ", who", a full
    # name in brackets, a rare Spanish word before "se" + verb
    ("Hamees shared her plan. Zainab thanked me. Ravinder, who is 52, came late.", "en",
     [("Hamees", "name"), ("Zainab", "name"), ("Ravinder", "name")]),
    ("Signed off by (Oluwaseun Adeyemi).", "en", [("Oluwaseun Adeyemi", "name")]),
    ("Eustaquio se mudó a Cádiz.", "es", [("Eustaquio", "name"), ("Cádiz", "place")]),
    # Tamil names: a role and a colon, a contact's number after, a subject before an adverb or "about"
    ("மேற்பார்வை: கலைச்செல்வி இராமசாமி.", "ta", [("கலைச்செல்வி இராமசாமி", "name")]),
    ("அவசர தொடர்பு: சுகந்தி பாலு (021 555 0199).", "ta", [("சுகந்தி பாலு", "name"), ("021 555 0199", "phone")]),
    ("ஆறு வாரங்களுக்குப் பிறகு வசந்தா மீண்டும் வந்தார்.", "ta", [("வசந்தா", "name")]),
    ("யாமினி பற்றிப் பேசினோம்.", "ta", [("யாமினி", "name")]),
    ("பரிந்துரை: டாக்டர் க. மாலதி, யாழ்ப்பாணம்.", "ta", [("க. மாலதி", "name"), ("யாழ்ப்பாணம்", "place")]),
])
def test_rules_from_the_r8_round(text, lang, expected):
    assert found(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang", [
    # ordinary clinical prose: none of the new rules may fire on it
    ("She turned ninety degrees in her thinking.", "en"),
    ("We looked at the second week of March.", "en"),
    ("Session 12 of 20 went well.", "en"),
    ("In two weeks' time we review the plan; the week before last was hard.", "en"),
    ("He is the third of five children and it was the first time she cried.", "en"),
    ("The fifth and sixth sessions were cancelled; he was admitted for the tenth time.", "en"),
    ("We used Leaves on a Stream, Box Breathing and a Life Line exercise.", "en"),
    ("He reached 100 followers and turned 90 pages of the workbook.", "en"),
    ("Her mother was 92 minutes late; he is 89 and his wife is 86.", "en"),
    ("She works in a Care Home and at a Day Centre.", "en"),
    ("BP 130/85; GAF 55/100; she scored 120/160.", "en"),
    ("Out-of-hours numbers and Norm-referenced scores were explained; Work-life balance too.", "en"),
    ("Every fortnight on Tuesdays she sees her son; last week she was calmer.", "en"),
    ("Practicamos la Respiración Diafragmática; hace dos semanas empezó.", "es"),
    ("Hablamos de la Cuaresma y de Semana Santa.", "es"),
    ("வேலை பற்றி பேசினோம்; தூக்கம் இன்று நன்றாக இருந்தது.", "ta"),
    ("அவர் மகன்; அப்பாவுடன் தொடர்பில் இருக்கிறார். கணவர் இறந்தார்; அந்த மாதம் கடினம்.", "ta"),
])
def test_clinical_prose_left_alone_by_the_r8_rules(text, lang):
    assert found(text, lang=lang) == []


def test_regions_after_a_town_and_roster_words_used_as_words():
    # a state or province written after the town of an address is not a place (like US states)
    assert found("Address: 7 Okafor Close, Ikere, Ondo State 361101.") == [
        ("7 Okafor Close", "address"), ("Ikere", "place"), ("361101", "postcode")]
    assert found("He lives in Bayugan 8502, Agusan del Sur.") == [("Bayugan", "place"), ("8502", "postcode")]
    # a lower-case roster word after a possessive or closing a quotation is the word; an accented one is the name
    roster = [{"name": "Salvador Ibáñez", "role": "client"}, {"name": "Úna Byrne", "role": "family"}]
    assert found("Dice que el trabajo fue su salvador; 'un hombre salvador', dijo.", lang="es", roster=roster) == []
    assert found("Her sister came. úna had her review today.", lang="en", roster=roster) == [("úna", "name")]


@pytest.mark.parametrize("text, lang, expected", [
    # a month and year in digits after a word of time, in a span of months, or before a Tamil postposition
    ("Seen monthly since 04/2011; her father died 09/1994 and the lease ran from 02/2016 to 10/2018.", "en",
     [("04/2011", "date"), ("09/1994", "date"), ("02/2016", "date"), ("10/2018", "date")]),
    ("Su madre falleció en 06/2003.", "es", [("06/2003", "date")]),
    ("அவர் 05/2014 இல் வேலையை இழந்தார்.", "ta", [("05/2014", "date")]),
    # a numeric date before a hyphenated Tamil suffix
    ("தீர்ப்பு 14/9/2018-க்குள் வரும்.", "ta", [("14/9/2018", "date")]),
    # weekday phrases: "the ... just gone", "... coming" at a clause end, "come Monday" as a preposition
    ("We moved the review to the Tuesday just gone; the group resumes Friday coming.", "en",
     [("the Tuesday just gone", "date"), ("Friday coming", "date")]),
    ("The hearing was rebooked for come Monday. Come Wednesday, she starts the new job.", "en",
     [("come Monday", "date"), ("Come Wednesday", "date")]),
    ("La cita es este viernes que viene; vino el martes pasado y vuelve ese lunes que viene.", "es",
     [("este viernes que viene", "date"), ("el martes pasado", "date"), ("ese lunes que viene", "date")]),
    # a holiday with a part of the day or the season and a year; a Tamil festival with its year
    ("The fight was on Christmas night 2014, and Easter Monday morning 2009 was the last visit; Diwali week 2020.",
     "en", [("Christmas night 2014", "date"), ("Easter Monday morning 2009", "date"), ("Diwali week 2020", "date")]),
    ("Todo empezó la noche de San Juan de 2016.", "es", [("noche de San Juan de 2016", "date")]),
    ("தீபாவளி 2012 அன்று அவர் வரவில்லை; காணும் பொங்கல் 2017 அன்று சண்டை.", "ta",
     [("தீபாவளி 2012", "date"), ("காணும் பொங்கல் 2017", "date")]),
    # Spanish months with a year and no "de", in any case; short months with a year
    ("Se mudó en Octubre 2019 y volvió en dic. 2021.", "es", [("Octubre 2019", "date"), ("dic. 2021", "date")]),
    # a flat's code before an Indian building; a rural-route box written box first
    ("Mail goes to F-2, Kaveri Residency, No. 7, Bharathi Street, and to Box 88, RR 3, Lac La Biche.", "en",
     [("F-2, Kaveri Residency, No. 7, Bharathi Street", "address"), ("Box 88, RR 3", "address"),
      ("Lac La Biche", "place")]),
    # a street with no type word before a floor and a flat; a compass point before a Spanish street type
    ("Copia a Olleros 2290, piso 5, dpto. B.", "es", [("Olleros 2290, piso 5, dpto. B", "address")]),
    ("Police attended 1540 NW Calle Siete on Saturday.", "en", [("1540 NW Calle Siete", "address")]),
    # a Tamil colony's extension; a department in brackets before a six-digit postcode; a CPA before its town
    ("எண் 12/4, வள்ளுவர் நகர் விரிவு, கரூர்.", "ta", [("எண் 12/4, வள்ளுவர் நகர் விரிவு", "address"), ("கரூர்", "place")]),
    ("Calle 18 # 9-40, apto 201, Neiva (Huila) 410001.", "es",
     [("Calle 18 # 9-40, apto 201", "address"), ("Neiva", "place"), ("410001", "postcode")]),
    ("Vive en Av. Corrientes 623, N3300WWE Posadas.", "es",
     [("Av. Corrientes 623", "address"), ("N3300WWE", "postcode"), ("Posadas", "place")]),
    ("Vive en Avenida Nopal 718, depto. 42, CP 22432 Mexicali, BC.", "es",
     [("Avenida Nopal 718, depto. 42", "address"), ("22432", "postcode"), ("Mexicali", "place")]),
    # registration bodies before a professional's number; Argentine enrolments
    ("Letter from T. Murray (OCSWSSW # 81277); CRPO #4471 on file.", "en",
     [("Murray", "name"), ("81277", "licence"), ("4471", "licence")]),
    ("Informe firmado por el Dr. Gil, M.N. 77120, y la Lic. Vera, Mat. Prof. 3318.", "es",
     [("Gil", "name"), ("77120", "licence"), ("Vera", "name"), ("3318", "licence")]),
    # local-government areas named with their type; Tamil churches named with பேராலயம்
    ("He grew up in Ikeja-Agege LGA and moved to Cobar Shire.", "en",
     [("Ikeja-Agege LGA", "place"), ("Cobar Shire", "place")]),
    ("சொந்த ஊர் நாமக்கல் மாவட்டம்; புனித யோசேப்பு பேராலயம் அருகே.", "ta",
     [("நாமக்கல் மாவட்டம்", "place"), ("புனித யோசேப்பு பேராலயம்", "place")]),
])
def test_rules_from_the_r9_round(text, lang, expected):
    assert found(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang", [
    # scores, session numbers, "3/52" (three weeks, in shorthand: a duration, no date), a rate, laws and case numbers
    ("Scored 7/10 on the ladder; session 4/12; poor sleep x 3/52; risk of 1 in 1/2000 births.", "en"),
    ("Aplica el Decreto 4/2019; tomó 1/2 pastilla.", "es"),
    # "come" + weekday as a verb, bare weekdays, bare holidays and a month as a topic
    ("She can come Thursday or Friday. They come Tuesday each week. I asked her to come Monday.", "en"),
    ("Christmas morning was quiet; Easter weekend is always hard; Friday coming home was the worst.", "en"),
    ("Hablamos de Agosto como un mes difícil; el sábado es su día libre.", "es"),
    ("பொங்கல் அன்று குடும்பம் கூடியது.", "ta"),
    # a floor alone, a ward and a floor, a box alone
    ("La consulta fue en el piso 14; estuvo en Cama 14, piso 3.", "es"),
    ("ஆலயம் சென்றார். மாவட்டம் முழுவதும் மழை.", "ta"),
])
def test_clinical_prose_left_alone_by_the_r9_rules(text, lang):
    assert found(text, lang=lang) == []


@pytest.mark.parametrize("text, lang, expected", [
    # facilities whose name joins words with "and", "the" or "of"
    ("Transferred to Pembroke and Tenby General Hospital overnight.", "en",
     [("Pembroke and Tenby General Hospital", "place")]),
    ("She sings at Mary the Virgin Church most weeks.", "en", [("Mary the Virgin Church", "place")]),
    # a saint's name with "of" before a facility's town; a facility with its town after it
    ("Discharge letter from St Anne of Glory Harlow, dated last week.", "en",
     [("St Anne of Glory Harlow", "place")]),
    ("Copy to Dr. Achterberg, Rajiv Dental College Madurai, for review.", "en",
     [("Achterberg", "name"), ("Rajiv Dental College Madurai", "place")]),
    # a town named like a state between a street and a postcode; a gazetteer town with a possessive
    ("Post to 8 Larkspur Close, Victoria, EH4 2QP please.", "en",
     [("8 Larkspur Close", "address"), ("Victoria", "place"), ("EH4 2QP", "postcode")]),
    ("His nan still lives in Bishop's Stortford.", "en", [("Bishop's Stortford", "place")]),
    # a place cue for posted mail; a region before a feature word; a district after a word that is a word too
    ("A parcel postmarked Midland arrived.", "en", [("Midland", "place")]),
    ("He was an inpatient at Manitoba Shores for a month.", "en", [("Manitoba Shores", "place")]),
    ("Her cousins farm out in Bramble district.", "en", [("Bramble district", "place")]),
    # a town that goes on with "of" / "de las"
    ("He grew up in Vale of Glamorgan before the move.", "en", [("Vale of Glamorgan", "place")]),
    ("Se crio en Villanueva de las Torres.", "es", [("Villanueva de las Torres", "place")]),
    # a person listed with a relative, though the word is a word too
    ("Brambles and his sister Oonagh came in.", "en", [("Brambles", "name"), ("Oonagh", "name")]),
    ("குடும்பக் கூட்டம்: வேலுச்சாமி, அவருடைய அம்மா", "ta", [("வேலுச்சாமி", "name")]),
])
def test_place_and_name_rules_from_the_r9_round(text, lang, expected):
    assert found(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang", [
    # generic bodies and a denomination; a weekday or a verb before "the"; a relative before "and"
    ("She works for the Church of England and wrote to the Ministry of Health.", "en"),
    ("Thursday the hospital called. Called the ward twice.", "en"),
    ("Mum and her sister came; work and his sister were the themes.", "en"),
    # a feature word as a verb, a technique in Title Case, a word-name as a word
    ("Shores up her confidence with Behavioural Activation.", "en"),
    ("She drew the Drama Triangle and talked about Wise Mind.", "en"),
    ("We used the Empty Chair; a frank talk followed.", "en"),
])
def test_clinical_prose_left_alone_by_the_r9_place_and_name_rules(text, lang):
    assert found(text, lang=lang) == []


@pytest.mark.parametrize("text, lang, roster, expected", [
    # weekday phrases with a word after the weekday, or "previous"/"following" before it, and "past"/"gone" before a
    # conjunction
    ("Her landlord phoned the Thursday prior; the inspection was the Monday before.", "en", None,
     [("the Thursday prior", "date"), ("the Monday before", "date")]),
    ("She slept badly the previous Sunday and rang the following Tuesday, then the Friday after.", "en", None,
     [("the previous Sunday", "date"), ("the following Tuesday", "date"), ("the Friday after", "date")]),
    ("Pay it before this Monday past or the Saturday just gone and we are fine.", "en", None,
     [("this Monday past", "date"), ("the Saturday just gone", "date")]),
    # a count of days or weekdays with a word of time after it; a year or a month from a day
    ("The letter came eleven days previously; the fine is due 14 days hence and the move three days beforehand.",
     "en", None, [("eleven days previously", "date"), ("14 days hence", "date"), ("three days beforehand", "date")]),
    ("He dreads three Thursdays from now; it started two Saturdays ago. Her mum died a year ago today.", "en", None,
     [("three Thursdays from now", "date"), ("two Saturdays ago", "date"), ("a year ago today", "date")]),
    # Spanish siblings, a short month with a dot, a Tamil day count with "இன்னும்" and a month's feast with a year
    ("La audiencia es de aquí a seis días; vino el jueves anterior y vuelve hace dos sábados.", "es", None,
     [("de aquí a seis días", "date"), ("el jueves anterior", "date"), ("hace dos sábados", "date")]),
    ("Llegó el 14 ago. 2016.", "es", None, [("14 ago. 2016", "date")]),
    ("இன்னும் மூன்று நாட்களில் தேர்வு. ஆடித் திருவிழா 2015 அன்று சண்டை.", "ta", None,
     [("இன்னும் மூன்று நாட்களில்", "date"), ("ஆடித் திருவிழா 2015", "date")]),
    # a Tamil house number with a letter; a building named after a flat's code; a hyphenated flat letter
    ("முகவரி: இல. 57B, கோவில் வீதி.", "ta", None, [("இல. 57B, கோவில் வீதி", "address")]),
    ("Post to Flat C12, Rose Villa Annex, No. 4, Temple Street, please.", "en", None,
     [("Flat C12, Rose Villa Annex, No. 4, Temple Street", "address")]),
    ("Vive en Calle Sauce 118, int. 2-B.", "es", None, [("Calle Sauce 118, int. 2-B", "address")]),
    # US street types from the postal list; Irish street types before the name
    ("Lives at 93 E. Fox Run and works near 7 Heron Ford most days.", "en", None,
     [("93 E. Fox Run", "address"), ("7 Heron Ford", "address")]),
    ("Moved to 12 Sráid na Mara last spring.", "en", None, [("12 Sráid na Mara", "address")]),
    # a country code, a one-digit area code and the subscriber; a registered psychologist; a child-welfare file
    ("Fax: +234 9 4412087.", "en", None, [("+234 9 4412087", "fax")]),
    ("Signed by the assessor, RP no. 50917.", "en", None, [("50917", "licence")]),
    ("The CAS file 61-204417 is open.", "en", None, [("61-204417", "id")]),
    # a word-name in lower case is the name after a preposition, a relation or before a speech verb
    ("Spoke with hazel; her aunt hazel said no.", "en", [{"name": "Hazel Obi", "role": "client"}],
     [("hazel", "name"), ("hazel", "name")]),
    # an interpreter named in Tamil before the name
    ("மொழிபெயர்ப்பாளர் கனகலிங்கம் உடன் வந்தார்.", "ta", None, [("கனகலிங்கம்", "name")]),
])
def test_rules_from_the_r10_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    # durations and spans, sessions counted back, "days later", "from now on", "previously", "the previous session"
    ("The week before was calm; two sessions ago she cried. Days later she called.", "en", None),
    ("From now on she will journal; previously seen in 2 clinics. The previous session ran long.", "en", None),
    ("She felt tired for a day afterwards. The Friday before the hearing she slept badly.", "en", None),
    ("Three days on the ward were enough. The following week she rested.", "en", None),
    ("La semana anterior durmió mal; los lunes siguientes vino sola.", "es", None),
    # a month and the plural of a short word opening a sentence; a quoted sentence's first word; a heading line
    ("She talked about how hard December is. Fees refunded in full.", "en", None),
    ("He read it aloud: 'The panel will decide.'", "en", None),
    # a word-name used as the word: after an article, a noun or a modal
    ("A gale took the fence; he will hazel the path with gravel.", "en", [{"name": "Gale Obi", "role": "client"},
                                                                      {"name": "Hazel Obi", "role": "family"}]),
    # a Tamil heading with a session number, and the patient named by role
    ("அமர்வு 14: நோயாளி அப்பா உடன் வந்தார்.", "ta", None),
])
def test_clinical_prose_left_alone_by_the_r10_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


@pytest.mark.parametrize("text, lang, roster, expected", [
    # a word-name written as the word still counts where a role, a verb or a preposition says so
    ("Según marisol, el padre se fue.", "es", [{"name": "Marisol Vega", "role": "client"}], [("marisol", "name")]),
    ("cielo se rio por primera vez.", "es", [{"name": "Cielo Vega", "role": "client"}], [("cielo", "name")]),
    ("இசை அவர்கள் இன்று வந்தார்.", "ta", [{"name": "இசை", "role": "client"}], [("இசை", "name")]),
    # a person before a number, and a compound-looking name after a place cue
    ("Call Tomasz Nowak 0161 496 0555 after six.", "en", None,
     [("Tomasz Nowak", "name"), ("0161 496 0555", "phone")]),
])
def test_place_and_name_rules_from_the_r10_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    # a technique's Title Case name: a head noun after it, or the head noun itself
    ("We tried the Lifeline exercise, then the Safe Room technique.", "en", None),
    ("We reviewed the Behavioural Experiment and some Imagery Rehearsal.", "en", None),
    # two everyday words written as one, inside or opening a sentence
    ("She practised using Chairwork; Voicemail checked at noon.", "en", None),
    # an organisation or a label before a number
    ("Form lists Garda PULSE 55 as checked.", "en", None),
    ("Se pagó con la Daviplata 2 veces.", "es", None),
    # a Spanish word-name in lower case after a noun or a verb
    ("Habló con un tono severo, y pidió clemencia.", "es", [{"name": "Severo Ruiz", "role": "client"},
                                                           {"name": "Clemencia Ruiz", "role": "family"}]),
    # a Tamil word-name after an adjective or a noun joined on to it
    ("அவர் மெல்லிய இசை கேட்டார். ஓவியக் கலை பிடிக்கும்.", "ta", [{"name": "இசை", "role": "client"},
                                                                {"name": "கலை", "role": "family"}]),
])
def test_clinical_prose_left_alone_by_the_r10_place_and_name_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


@pytest.mark.parametrize("text, lang, expected", [
    # a local-government area "Shire of X", "Borough of X", with the generic word inside
    ("Her aunt rang from Shire of Wandella about the visit.", "en", [("Shire of Wandella", "place")]),
    ("He grew up in the Borough of Ashcombe.", "en", [("Borough of Ashcombe", "place")]),
    # a Mexican neighbourhood after "del"/"la" with its lower-case "colonia"
    ("La vecina del colonia Lomas Quietas llamó.", "es", [("colonia Lomas Quietas", "place")]),
    # a Mexican town named like its state, before the state's abbreviation
    ("Calle Encino 41, C.P. 98000, Zacatecas, Zac., por la tarde.", "es",
     [("Calle Encino 41", "address"), ("98000", "postcode"), ("Zacatecas", "place")]),
    # a court is no place; the town in its name is
    ("A letter came from Leeds Crown Court today.", "en", [("Leeds", "place")]),
])
def test_place_rules_from_the_r10_round(text, lang, expected):
    assert found(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("The Ontario Court of Justice set a date.", "en", []),
    ("She went over to Ye-rin after school.", "en", [("Ye-rin", "name")]),
    ("Mr Chapel of Bristol phoned.", "en", [("Chapel", "name"), ("Bristol", "place")]),
    ("He now lives at 9 Kestrel Street. Visits weekly.", "en", [("9 Kestrel Street", "address")]),
    ("He now lives at 9 Kestrel St. Visits weekly.", "en", [("9 Kestrel St.", "address")]),
])
def test_known_place_and_name_errors_fixed(text, lang, expected):
    assert found(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("She wrote to the Ministry of Health and the Department of Psychiatry.", "en"),
    ("They moved from Texas to the District of Columbia.", "en"),
    ("The Court of Appeal and the Employment Tribunal were mentioned.", "en"),
    ("Vivió en Jalisco y luego en Michoacán, México.", "es"),
])
def test_clinical_prose_left_alone_by_the_r10_place_rules(text, lang):
    assert found(text, lang=lang) == []


@pytest.mark.parametrize("text, lang, roster, expected", [
    # addresses: Ghanaian and Kenyan house numbers, a South African private bag, a rural-route box, a Canadian unit
    ("Bills go to H/No. B27, Cocoa Road West, Ho.", "en", None, [("H/No. B27, Cocoa Road West", "address"),
                                                                 ("Ho", "place")]),
    ("Post to House 14, Moi Avenue today.", "en", None, [("House 14, Moi Avenue", "address")]),
    ("Letters: Private Bag X31 only.", "en", None, [("Private Bag X31", "address")]),
    ("He stays at Rural Route 3, Box 77 for now.", "en", None, [("Rural Route 3, Box 77", "address")]),
    ("Send it to 14-880 Rue Saint-Denis please.", "en", None, [("14-880 Rue Saint-Denis", "address")]),
    # a unit with "#", a highway with its compass point, a street whose type is unambiguous before a verb
    ("Her rooms at 55 Orchard Street, #7B, are damp.", "en", None, [("55 Orchard Street, #7B", "address")]),
    ("Moved to Unit 4, 310 Highway 9 West in May.", "en", None, [("Unit 4, 310 Highway 9 West", "address")]),
    ("The chemist on 21 Baker Road holds her scripts.", "en", None, [("21 Baker Road", "address")]),
    # Singapore HDB blocks, Jamaican lots in a scheme, an Irish-language estate before its street
    ("She rents Blk 88 Bedok North Street 3, #05-121 now.", "en", None,
     [("Blk 88 Bedok North Street 3, #05-121", "address")]),
    ("Home is Lot 9, Palm Vale Scheme these days.", "en", None, [("Lot 9, Palm Vale Scheme", "address")]),
    ("Post goes to 7 Cnoc Álainn, Oakfield Road now.", "en", None, [("7 Cnoc Álainn, Oakfield Road", "address")]),
    # Venezuelan buildings and flats, Dominican and Puerto Rican neighbourhoods, Mexican lots, Ecuadorian corners
    ("Vive en Av. Urdaneta, Edif. Las Acacias, piso 7, apto. 7-A, Urb. El Paraíso.", "es", None,
     [("Av. Urdaneta, Edif. Las Acacias, piso 7, apto. 7-A, Urb. El Paraíso", "address")]),
    ("Vive en Calle Páez, Qta. La Ceiba, Urb. Santa Mónica.", "es", None,
     [("Calle Páez, Qta. La Ceiba, Urb. Santa Mónica", "address")]),
    ("Vive en C/ Mella #82, Ens. Luperón.", "es", None, [("C/ Mella #82, Ens. Luperón", "address")]),
    ("Vive en Urb. Monte Claro, Calle Ceiba #21.", "es", None, [("Urb. Monte Claro, Calle Ceiba #21", "address")]),
    ("Vive en Calle Nogal s/n, Mz. 4 Lt. 19 con su tía.", "es", None, [("Calle Nogal s/n, Mz. 4 Lt. 19", "address")]),
    ("Vive en Avenida Shyris N36-12 y Calle Suecia.", "es", None,
     [("Avenida Shyris N36-12 y Calle Suecia", "address")]),
    ("Vive en Cdla. La Garzota, Mz. 12, villa 3.", "es", None, [("Cdla. La Garzota, Mz. 12, villa 3", "address")]),
    ("Vive en 45 Calle Luna #2 con su tía.", "es", None, [("45 Calle Luna #2", "address")]),
    # a Tamil house with an ordinal street
    ("முகவரி: வீட்டு எண் 42, காந்தி நகர் மூன்றாவது தெரு.", "ta", None,
     [("வீட்டு எண் 42, காந்தி நகர் மூன்றாவது தெரு", "address")]),
    # relative dates: "but one", "Friday week", "after next" with no article, "that's just gone", "this week coming"
    ("She missed it last Tuesday but one and comes back next Monday week.", "en", None,
     [("last Tuesday but one", "date"), ("next Monday week", "date")]),
    ("We meet Thursday after next; he rang the Monday that's just gone.", "en", None,
     [("Thursday after next", "date"), ("the Monday that's just gone", "date")]),
    ("Rebooked for Sunday this week coming and a week from this Monday.", "en", None,
     [("Sunday this week coming", "date"), ("a week from this Monday", "date")]),
    ("Court is Wednesday in a fortnight; she flies in six days hence.", "en", None,
     [("Wednesday in a fortnight", "date"), ("six days hence", "date")]),
    ("It happened this day last month. The review was moved to come Tuesday.", "en", None,
     [("this day last month", "date"), ("come Tuesday", "date")]),
    # Spanish weekday relatives, counted days, a slashed short month; feasts with a year
    ("Llamó el jueves recién pasado y vuelve el viernes que entra.", "es", None,
     [("el jueves recién pasado", "date"), ("el viernes que entra", "date")]),
    ("Faltó el sábado que pasó y el lunes antepasado.", "es", None,
     [("el sábado que pasó", "date"), ("el lunes antepasado", "date")]),
    ("Discutieron ayer hace dos semanas; la cita es a los cinco días.", "es", None,
     [("ayer hace dos semanas", "date"), ("a los cinco días", "date")]),
    ("Nació el 9/ago/1991.", "es", None, [("9/ago/1991", "date")]),
    ("Todo cambió en Nochevieja del 2015 y en la Feria de Agosto del 2016.", "es", None,
     [("Nochevieja del 2015", "date"), ("la Feria de Agosto del 2016", "date")]),
    ("He last saw her at Matariki 2012, and again around Undas 2019.", "en", None,
     [("Matariki 2012", "date"), ("Undas 2019", "date")]),
    # ages: before "next month" after a relation, first in a genogram's bracket, an odd "oneth" birthday
    ("Her gran, 97 next week, still knits.", "en", None, [("97", "age")]),
    ("Uncle Tobi (ninety-one, deceased); his dad's a hundred and twoth birthday party.", "en", None,
     [("Tobi", "name"), ("ninety-one", "age"), ("a hundred and two", "age")]),
    # hospital numbers: "Hosp #", "n.º de historia", "récord", Tamil "இல."; Ghanaian and Kenyan plates
    ("Discharge summary: Hosp # 4471902.", "en", None, [("4471902", "mrn")]),
    ("Consta el n.º de historia 0773412 y el récord 552190.", "es", None, [("0773412", "mrn"), ("552190", "mrn")]),
    ("நோயாளர் பதிவு இல. 880213 உள்ளது.", "ta", None, [("880213", "mrn")]),
    ("His car, GT 4410-19, and her van KBZ 772Q were towed.", "en", None,
     [("GT 4410-19", "licence"), ("KBZ 772Q", "licence")]),
    ("Consta licencia de psicóloga 7731.", "es", None, [("7731", "licence")]),
])
def test_rules_from_the_r11_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    # a street word and a count after a number; a house and a route as ordinary words
    ("We did 3 Safe Place exercises and 4 breathing sessions.", "en", None),
    ("The house 3 doors down is empty; route 9 buses were late.", "en", None),
    # a street in prose with an unrelated floor word; a Spanish street with no number
    ("Habló del piso 3 y del apto. de su madre; la calle, casa de todos.", "es", None),
    ("La calle y la avenida estaban vacías.", "es", None),
    # weekday words without a relative phrase; "a los" with no days; "come" as a verb
    ("She can come Friday if the bus runs. He wants to come Monday.", "en", None),
    ("Habló a los dos hermanos y a los médicos.", "es", None),
    # a number before "next month" that is no age, a bracket with a count
    ("We met, 95 next week for sure. The scale (ninety items, ten scales) was long.", "en", None),
    # labels before numbers and an office
    ("Patient ID card was renewed. Addr: unknown. She went to the Jobcentre.", "en", None),
    ("Ex-partner has been calling again.", "en", None),
])
def test_clinical_prose_left_alone_by_the_r11_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


@pytest.mark.parametrize("text, lang, expected", [
    # Tamil relations and roles before a name: father, mother, former partner, officer, social worker, neighbour
    ("தந்தை வேலழகன் வந்தார்; தாய் செண்பகவல்லி வரவில்லை.", "ta",
     [("வேலழகன்", "name"), ("செண்பகவல்லி", "name")]),
    ("நன்னடத்தை அலுவலர் கலைச்செல்வி மருதப்பன் அவர்கள் அழைத்தார்.", "ta", [("கலைச்செல்வி மருதப்பன்", "name")]),
    ("அண்டை வீட்டுக்காரர் பொன்மலர் இளங்கோவன் அவர்கள் உதவினார்.", "ta", [("பொன்மலர் இளங்கோவன்", "name")]),
    # a surname ending in ை after a given name, and a given name before a surname and "அவர்கள்"
    ("முன்னாள் துணைவர் வேலழகன் சின்னத்துரை இப்போது வெளியூரில் இருக்கிறார்.", "ta",
     [("வேலழகன் சின்னத்துரை", "name")]),
    ("அலுவலகத்தில் கலைச்செல்வி மருதப்பன் அவர்களுடன் பேசினார்.", "ta", [("கலைச்செல்வி மருதப்பன்", "name")]),
    # "பெயர்:" (name:) before a name; names joined by "மற்றும்" (and) before "இருவரும்" (both)
    ("பெயர்: செண்பகவல்லி மருதப்பன் / வயது 40", "ta", [("செண்பகவல்லி மருதப்பன்", "name")]),
    ("தம்பதி அமர்வு: கலைச்செல்வி மற்றும் பொன்னம்மை இருவரும் வந்தனர்.", "ta",
     [("கலைச்செல்வி", "name"), ("பொன்னம்மை", "name")]),
    # a family listed after a heading, the first one with no relation
    ("குடும்ப அமர்வு: இளம்பரிதி, தந்தை வேலழகன், சகோதரி கலைச்செல்வி கலந்துகொண்டனர்.", "ta",
     [("இளம்பரிதி", "name"), ("வேலழகன்", "name"), ("கலைச்செல்வி", "name")]),
    # a next of kin before a colon; a Spanish subject before a verb of speech or action
    ("Next of kin: Wendeline (+27 44 000 0000), verified.", "en",
     [("Wendeline", "name"), ("+27 44 000 0000", "phone")]),
    ("Riesgo revisado; Anacleto niega ideación. Eufrasina dejó un mensaje.", "es",
     [("Anacleto", "name"), ("Eufrasina", "name")]),
])
def test_name_rules_from_the_r11_round(text, lang, expected):
    assert found(text, lang=lang) == expected


@pytest.mark.parametrize("text, lang", [
    # "பெயர்" (name) as a word, a plural verb after a name-like word, a place and a facility after a name
    ("அம்மா இந்தப் பெயர் வைத்ததைப் பற்றிச் சிரித்தார்.", "ta"),
    ("நோயாளர் போர்ட்டல் பற்றி கேட்டார்.", "ta"),
    # technique names in Title Case, word-names as words, sentence-initial ordinary words, organisations
    ("Plan: continue the Safe Place exercise; Grace under pressure was the theme.", "en"),
    ("Continúa la Respiración Diafragmática. Niega ideación. Dio su consentimiento.", "es"),
    ("Next of kin: not given. The Red Cross called.", "en"),
])
def test_clinical_prose_left_alone_by_the_r11_name_rules(text, lang):
    assert found(text, lang=lang) == []


@pytest.mark.parametrize("text, lang, roster, expected", [
    # a modifier before a weekday after "the"; "upcoming" alone
    ("He rang the most recent Tuesday and comes the upcoming Saturday.", "en", None,
     [("the most recent Tuesday", "date"), ("the upcoming Saturday", "date")]),
    ("Rebooked for upcoming Thursday; she left the very next Sunday.", "en", None,
     [("upcoming Thursday", "date"), ("the very next Sunday", "date")]),
    # a modifier after a weekday: "coming up", "(there) (just) past", the week after next, the week before last
    ("The hearing is the Tuesday coming up. She drank Saturday there just past.", "en", None,
     [("the Tuesday coming up", "date"), ("Saturday there just past", "date")]),
    ("He phoned Monday past to cancel.", "en", None, [("Monday past", "date")]),
    ("Review Wednesday the week after next; it began Friday of the week before last.", "en", None,
     [("Wednesday the week after next", "date"), ("Friday of the week before last", "date")]),
    # a week before a weekday
    ("Booked for next week Tuesday, not last week Friday.", "en", None,
     [("next week Tuesday", "date"), ("last week Friday", "date")]),
    # counted days with "a full", "exactly", "in ... from now", "out"; a fortnight back
    ("It happened a full eleven days ago, exactly six days back.", "en", None,
     [("a full eleven days ago", "date"), ("exactly six days back", "date")]),
    ("She moves in nine days from now and sees the surgeon eight days out.", "en", None,
     [("in nine days from now", "date"), ("eight days out", "date")]),
    ("The row was a fortnight back.", "en", None, [("a fortnight back", "date")]),
    # a month and year in digits after "of" / "de"
    ("He recalls the fire of 03/2011 clearly.", "en", None, [("03/2011", "date")]),
    ("Recuerda la sequía de 11/1994.", "es", None, [("11/1994", "date")]),
    # Spanish: "justos" after the days, "la otra / próxima semana", "esta semana"; a feast with its article
    ("Volvió hace seis días justos y vuelve dentro de cuatro días exactos.", "es", None,
     [("hace seis días justos", "date"), ("dentro de cuatro días exactos", "date")]),
    ("Lo ve el jueves de la otra semana y el viernes de esta semana.", "es", None,
     [("el jueves de la otra semana", "date"), ("el viernes de esta semana", "date")]),
    ("Todo empezó en la Candelaria del 2016.", "es", None, [("la Candelaria del 2016", "date")]),
    # Tamil: two relative words, the week word bare, முந்திய / வரவிருக்கும்
    ("அவர் இந்த வரும் வெள்ளிக்கிழமை வருவார்.", "ta", None, [("இந்த வரும் வெள்ளிக்கிழமை", "date")]),
    ("அவர் போன வார சனிக்கிழமை அழைத்தார்.", "ta", None, [("போன வார சனிக்கிழமை", "date")]),
    ("அவர் முந்திய திங்கள்கிழமை வந்தார்; வரவிருக்கும் புதன்கிழமை பார்ப்போம்.", "ta", None,
     [("முந்திய திங்கள்கிழமை", "date"), ("வரவிருக்கும் புதன்கிழமை", "date")]),
    # "of the coming week", "the ... preceding", "for N days from today" (the days counted, not "for" a duration)
    ("We meet Tuesday of the coming week; she flew out the Friday preceding.", "en", None,
     [("Tuesday of the coming week", "date"), ("the Friday preceding", "date")]),
    ("A visit is planned for twenty-one days from today.", "en", None, [("twenty-one days from today", "date")]),
    # "this last", a week Friday, a weekday "prior" with no article
    ("She called this last Monday, returns a week Friday, and drank Tuesday prior.", "en", None,
     [("this last Monday", "date"), ("a week Friday", "date"), ("Tuesday prior", "date")]),
    # Spanish "último", "venidero", "este pasado", "en N días más"
    ("Vino el último martes, vuelve el jueves venidero y lloró este pasado viernes.", "es", None,
     [("el último martes", "date"), ("el jueves venidero", "date"), ("este pasado viernes", "date")]),
    ("Se muda en cinco días más.", "es", None, [("en cinco días más", "date")]),
    # Tamil day before yesterday, day after tomorrow
    ("அவர் நேற்றைக்கு முந்தைய நாள் வந்தார்; நாளை மறுதினம் வருவார்.", "ta", None,
     [("நேற்றைக்கு முந்தைய நாள்", "date"), ("நாளை மறுதினம்", "date")]),
    # a Dominican exequátur, a health scheme's member number
    ("Firma la Dra. Soto, exequátur 311-07.", "es", None, [("Soto", "name"), ("311-07", "licence")]),
    ("Identificación: afiliado 7730418/02.", "es", None, [("7730418/02", "id")]),
    # a Singapore block whose street has no type word; a postcode before "to" and the next address
    ("Address: Blk 31 Tampines Central, #09-114.", "en", None, [("Blk 31 Tampines Central, #09-114", "address")]),
    ("Moved from 4 Rata Street, Kaitaia 0410 to 9 Manuka Road.", "en", None,
     [("4 Rata Street", "address"), ("Kaitaia", "place"), ("0410", "postcode"), ("9 Manuka Road", "address")]),
    # names after a note's "re:", a client abbreviation, an emergency contact, before "seen"
    ("Supervision note re: Tamsin. She slept.", "en", None, [("Tamsin", "name")]),
    ("Ct. Orla seen today, 2nd session.", "en", None, [("Orla", "name")]),
    ("Pte. Eufemia, 3.ª sesión.", "es", None, [("Eufemia", "name")]),
    ("Emergency contact: Brenna, her aunt. Brenna seen on the ward today.", "en", None,
     [("Brenna", "name"), ("Brenna", "name")]),
    # tabernacles, polyclinics, mosques named with "Masjid" first
    ("She prays at Hope Gospel Tabernacle and was seen at Ridge Road Polyclinic.", "en", None,
     [("Hope Gospel Tabernacle", "place"), ("Ridge Road Polyclinic", "place")]),
    ("Va a la Masjid Al-Huda.", "es", None, [("Masjid Al-Huda", "place")]),
])
def test_rules_from_the_r12_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    # durations, habits and the next session stay unlabelled
    ("For two days she cried. Every Monday we meet; on Mondays he drinks. The next session is set.", "en", None),
    ("She works three days a week. A week out of hospital now; we had a day out.", "en", None),
    ("For a full two days afterwards she slept. Two weeks ago she stopped.", "en", None),
    ("The last Monday of each month is group. He walked Friday past the shops, Monday past midnight.", "en", None),
    ("He spent three days out at sea.", "en", None),
    # a count or a rate before a month and year in digits; a law
    ("Page 3 of 12/2020 was missing. A rate of 1/2000 is rare.", "en", None),
    ("El informe menciona la ley de 7/2015.", "es", None),
    # Spanish habits and durations; Tamil habits
    ("Trabaja tres días a la semana. No comió durante dos días justos.", "es", None),
    ("அவர் ஒவ்வொரு திங்கள்கிழமையும் வருவார். இந்த வாரம் அவர் வரவில்லை.", "ta", None),
    # "once a week", "prior" as an adjective, "el último lunes de cada mes", "que sigue" as a verb, "முந்தைய" alone
    ("Once a week Friday sessions run. On Monday prior notice is needed.", "en", None),
    ("El último lunes de cada mes hay grupo. El lunes que sigue la rutina.", "es", None),
    ("முந்தைய அமர்வில் பேசினோம்.", "ta", None),
    # a note's subject, an emergency contact and "seen" with no name; a tabernacle as a word
    ("Supervision note re: medication review. Re: Risk Assessment.", "en", None),
    ("Emergency contact: not given. The tabernacle was full. Lunch seen as a trigger.", "en", None),
    ("She was unwell for twenty-one days before admission.", "en", None),
    # "afiliado" as a word
    ("Es afiliado al sindicato.", "es", None),
])
def test_clinical_prose_left_alone_by_the_r12_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


@pytest.mark.parametrize("text, lang, roster, expected", [
    # a relative date with a part of the day, labelled whole: after the weekday, between it and what pins it
    ("She relapsed last Thursday evening and again Tuesday night just gone.", "en", None,
     [("last Thursday evening", "date"), ("Tuesday night just gone", "date")]),
    ("We meet next Monday afternoon; he drank Friday evening last.", "en", None,
     [("next Monday afternoon", "date"), ("Friday evening last", "date")]),
    ("The call came yesterday afternoon and she flies tomorrow morning.", "en", None,
     [("yesterday afternoon", "date"), ("tomorrow morning", "date")]),
    ("Discharged a fortnight ago Sunday morning; the row was the Thursday night before last.", "en", None,
     [("a fortnight ago Sunday morning", "date"), ("the Thursday night before last", "date")]),
    ("Llegó el martes pasado por la tarde y vuelve el jueves por la noche que viene.", "es", None,
     [("el martes pasado por la tarde", "date"), ("el jueves por la noche que viene", "date")]),
    ("Ayer por la noche discutieron; mañana por la tarde tiene cita.", "es", None,
     [("Ayer por la noche", "date"), ("mañana por la tarde", "date")]),
    ("அவர் கடந்த வெள்ளிக்கிழமை இரவு அழைத்தார்; நாளை காலை வருவார்.", "ta", None,
     [("கடந்த வெள்ளிக்கிழமை இரவு", "date"), ("நாளை காலை", "date")]),
    # a day of the month that comes round every month, in words and digits
    ("Rent goes out on the twelfth each month and the gym fee on the 3rd of every month.", "en", None,
     [("the twelfth", "date"), ("the 3rd", "date")]),
    ("Le descuentan la cuota el día 5 de cada mes.", "es", None, [("día 5", "date")]),
    # UK, Irish and Canadian postcodes with letters the postal services never issue, where a postcode sits
    ("Address: 14 Gorse Lane, Penrith QA9 7VX.", "en", None,
     [("14 Gorse Lane", "address"), ("Penrith", "place"), ("QA9 7VX", "postcode")]),
    ("New address: 9 Rathmore Park, Kilrush, V15 QO7U.", "en", None,
     [("9 Rathmore Park", "address"), ("Kilrush", "place"), ("V15 QO7U", "postcode")]),
    ("She rents at 88 Birchmount Road, Scarborough, ON M1Q 4IO now.", "en", None,
     [("88 Birchmount Road", "address"), ("Scarborough", "place"), ("M1Q 4IO", "postcode")]),
    ("Postcode: KT4 9MO. Eircode: F45 UV8O. She lives at 42 Elm Road, TW9 2IC with her aunt.", "en", None,
     [("KT4 9MO", "postcode"), ("F45 UV8O", "postcode"), ("42 Elm Road", "address"), ("TW9 2IC", "postcode")]),
    # an age after a name and before the relation in brackets; Tamil ordinal birthdays in words
    ("Carer: Tamsin Okoro, 96 (great-aunt), lives nearby.", "en", None,
     [("Tamsin Okoro", "name"), ("96", "age")]),
    ("Next of kin: Rafe Dunmore, ninety-eight (grandfather).", "en", None,
     [("Rafe Dunmore", "name"), ("ninety-eight", "age")]),
    ("தாத்தாவின் தொண்ணூற்றைந்து-வது பிறந்தநாள் வருகிறது.", "ta", None, [("தொண்ணூற்றைந்து", "age")]),
    ("பாட்டியின் நூற்றி இரண்டாவது பிறந்தநாள் வருகிறது.", "ta", None, [("நூற்றி இரண்டாவது", "age")]),
    # plates after a vehicle's cue, with any province letters; Chilean mobiles; Chilean boxes; Peruvian lots
    ("அவர்களின் வாகன இலக்கம் NP KDX-4471 பதிவு செய்யப்பட்டது.", "ta", None, [("NP KDX-4471", "licence")]),
    ("The van (vehicle no. SX PQR-2215) was towed.", "en", None, [("SX PQR-2215", "licence")]),
    ("Tel. 9 8124 5530 / fax (2) 2345 6789.", "es", None, [("9 8124 5530", "phone"), ("(2) 2345 6789", "fax")]),
    ("Escribir a Casilla 1432, Temuco.", "es", None, [("Casilla 1432", "address"), ("Temuco", "place")]),
    ("Vive en Mz. F Lote 12, Av. Los Próceres, Piura.", "es", None,
     [("Mz. F Lote 12, Av. Los Próceres", "address"), ("Piura", "place")]),
    # Irish-language estates in an address, after a flat or a number; Spanish court files
    ("Address: Flat 2, Heather Court, Cnoc an Óir, Tralee.", "en", None,
     [("Flat 2, Heather Court, Cnoc an Óir", "address"), ("Tralee", "place")]),
    ("Moved to 31 Bruach na hAbhann, Listowel.", "en", None,
     [("31 Bruach na hAbhann", "address"), ("Listowel", "place")]),
    ("Consta en el número de procedimiento 1187/2021 y el atestado 4410/2022.", "es", None,
     [("1187/2021", "id"), ("4410/2022", "id")]),
    # a card's label before its number is no name
    ("Her Loyalty Card LC-448170 was renewed.", "en", None, [("LC-448170", "account")]),
    # a town in brackets after an IP address
    ("Portal access from 81.2.69.160 (Dundalk).", "en", None, [("81.2.69.160", "ip"), ("Dundalk", "place")]),
    # prisons, foundations, synagogues, Spanish schools and prisons, "X and Penal Farm", "Centre for ..."
    ("Referred by Tranmere Research Foundation and Oakhollow Correctional Facility.", "en", None,
     [("Tranmere Research Foundation", "place"), ("Oakhollow Correctional Facility", "place")]),
    ("She was last seen at Temple Rodef Sholom on Friday.", "en", None, [("Temple Rodef Sholom", "place")]),
    ("Derivación del IES Valle del Jerte. Derivación del Centro Penitenciario de Aranjuez.", "es", None,
     [("IES Valle del Jerte", "place"), ("Centro Penitenciario de Aranjuez", "place")]),
    ("Ingresa en la Unidad Penal 12 el mes que viene.", "es", None, [("Unidad Penal 12", "place")]),
    ("Transferred from Kibangu Prison and Penal Farm last year.", "en", None,
     [("Kibangu Prison and Penal Farm", "place")]),
    ("ROI: Dr Lwazi, Tooting Centre for Mental Health, today.", "en", None,
     [("Lwazi", "name"), ("Tooting Centre for Mental Health", "place")]),
    ("பரிந்துரை: ஸ்ரீ பாலாஜி மனநல மருத்துவமனை.", "ta", None, [("ஸ்ரீ பாலாஜி மனநல மருத்துவமனை", "place")]),
    # Tamil towns by the ending of their name; a Latin-script town before "near"
    ("அவர் நாளை ராசிபுரத்தில் இருப்பார்.", "ta", None, [("நாளை", "date"), ("ராசிபுரத்தில்", "place")]),
    ("Scarborough அருகே விபத்து நடந்தது.", "ta", None, [("Scarborough", "place")]),
    ("அவர் கொளத்தூரில் வசிக்கிறார்.", "ta", None, [("கொளத்தூரில்", "place")]),
    # a name opening a sentence before a verb (Spanish verbs by their infinitive, person verbs, note shorthand)
    ("Ximena duerme mal. Casimiro describe la casa como fría. Dagoberto no contesta.", "es", None,
     [("Ximena", "name"), ("Casimiro", "name"), ("Dagoberto", "name")]),
    ("Tupac described the flat. Kahurangi last called in the spring.", "en", None,
     [("Tupac", "name"), ("Kahurangi", "name")]),
    ("Session 4. Oluwaseun tearful at first.", "en", None, [("Oluwaseun", "name")]),
    # a role before a colon, a Tamil agent or carer, a caller naming themself, a person listed after a person
    ("Profesional: Xóchitl Mendieta, tarjeta profesional 4471882.", "es", None,
     [("Xóchitl Mendieta", "name"), ("4471882", "licence")]),
    ("முகவர் இளங்கோவன் ராஜசேகரன், +60 12-345 6789.", "ta", None,
     [("இளங்கோவன் ராஜசேகரன்", "name"), ("+60 12-345 6789", "phone")]),
    ("குரல் அஞ்சல்: \"நான் பூங்குழலி, உங்கள் மருந்து தயார்.\"", "ta", None, [("பூங்குழலி", "name")]),
    ("El hermano de Tomasa, Florentino, la llevó.", "es", None, [("Tomasa", "name"), ("Florentino", "name")]),
    ("Trabajadora social: Remedios Ancasi. Key worker: Ffion Prydderch.", "es", None,
     [("Remedios Ancasi", "name"), ("Ffion Prydderch", "name")]),
])
def test_rules_from_the_r13_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    # parts of the day with no day pinned, habits; a hundred and two percent is no age
    ("On Wednesday afternoon we practised grounding. Every Friday night she drinks.", "en", None),
    ("The last Friday evening of each month is group night.", "en", None),
    ("She gave a hundred and two percent effort.", "en", None),
    ("Por la tarde practicamos respiración. Los lunes por la noche bebe.", "es", None),
    ("காலையில் நடைப்பயிற்சி செய்கிறார். அவர் வீட்டில் வசிக்கிறார். அவர் அறையில் தங்கினார்.", "ta", None),
    ("She finished the third of five modules. On the first day we talked.", "en", None),
    ("No durmió en tres días. Marcó la casilla 3 del formulario.", "es", None),
    ("We reviewed items B12 and C34 on the form.", "en", None),
    # note shorthand, relations and clinical nouns opening a sentence
    ("Patient tearful. Mood low. Client anxious about court. Teenager seen with mum. Case transferred.", "en", None),
    ("Anhedonia described as flatness. Derealisation moved in waves.", "en", None),
    ("Toma sertralina 50 mg. Puntúa su ánimo en 4/10. Escalera de exposición: empezamos.", "es", None),
    # a fundraiser, a wallet, a ministry, a bank, states after a town, technique names
    ("She raised money on GoFundMe and paid by M-Pesa.", "en", None),
    ("Según el Ministerio de Trabajo y el Banco de Bogotá, todo está en regla.", "es", None),
    ("She moved back to Perak, then to Selangor.", "en", None),
    ("We used the Four Horsemen handout.", "en", None),
    ("Lo manejó con Aceptar la Realidad.", "es", None),
    # Tamil words: to vacate, with mother, confidence, guilt, "from June"
    ("வீட்டை காலி செய்ய வேண்டும். மாணவி அம்மாவுடன் வந்தார்.", "ta", None),
    ("நம்பிக்கை 80%. குற்ற உணர்வு அதிகம்.", "ta", None),
])
def test_clinical_prose_left_alone_by_the_r13_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


@pytest.mark.parametrize("text, lang, roster, expected", [
    # flats, floors, blocks, plots and named buildings before a street or alone (Hong Kong, Malta, Botswana, Zambia,
    # Nunavut, India), a one-word street after a flat, Welsh street types, Trinidadian light poles, US routes
    ("New address: Room 1108, Kwai Lok House, Tai Wo Estate, Tai Po.", "en", None,
     [("Room 1108, Kwai Lok House, Tai Wo Estate", "address"), ("Tai Po", "place")]),
    ("Moved to Flat C, 9/F, Wing Fat Mansion, 41 Kimberley Road, Mong Kok.", "en", None,
     [("Flat C, 9/F, Wing Fat Mansion, 41 Kimberley Road", "address"), ("Mong Kok", "place")]),
    ("Statement to 22/F, 118 Ferry Street, Tsuen Wan.", "en", None,
     [("22/F, 118 Ferry Street", "address"), ("Tsuen Wan", "place")]),
    ("Address: Block A, Flat 6, Triq il-Merħla, Żabbar ZBR 1190.", "en", None,
     [("Block A, Flat 6, Triq il-Merħla", "address"), ("Żabbar", "place"), ("ZBR 1190", "id")]),
    ("She stays at Villa Serena, Triq San Pawl, Naxxar.", "en", None,
     [("Villa Serena, Triq San Pawl", "address"), ("Naxxar", "place")]),
    ("New address: Plot 40417, Phase 3, Mogoditshane.", "en", None,
     [("Plot 40417, Phase 3", "address"), ("Mogoditshane", "place")]),
    ("He has moved to Stand 2291, Kalulu Crescent, Mansa.", "en", None,
     [("Stand 2291, Kalulu Crescent", "address"), ("Mansa", "place")]),
    ("Tenancy: Building 512, Apt 3, Rankin Inlet.", "en", None,
     [("Building 512, Apt 3", "address"), ("Rankin Inlet", "place")]),
    ("Staying at No. 88, 4th Cross, 7th Main, Hubli.", "en", None,
     [("No. 88, 4th Cross, 7th Main", "address"), ("Hubli", "place")]),
    ("Moved to Flat 8, 14 Highgate, Kendal LA9 4HE.", "en", None,
     [("Flat 8, 14 Highgate", "address"), ("Kendal", "place"), ("LA9 4HE", "postcode")]),
    ("Post to Flat 2, 19 Heol y Felin, Llandeilo SA19 6AB.", "en", None,
     [("Flat 2, 19 Heol y Felin", "address"), ("Llandeilo", "place"), ("SA19 6AB", "postcode")]),
    ("Current address LP 17 Tumpuna Road, Arouca.", "en", None,
     [("LP 17 Tumpuna Road", "address"), ("Arouca", "place")]),
    ("New address: 412 Old Route 9 #4, Keene, NH 03431.", "en", None,
     [("412 Old Route 9 #4", "address"), ("Keene", "place"), ("03431", "postcode")]),
    ("Moved to 77 Route 3B, Colebrook.", "en", None, [("77 Route 3B", "address"), ("Colebrook", "place")]),
    ("He lives at 2210 Broadway South, Apt 9, Fargo.", "en", None,
     [("2210 Broadway South, Apt 9", "address"), ("Fargo", "place")]),
    ("Post to P. Bag 7730, Marondera. Post to Private Bag K41, Kasama.", "en", None,
     [("P. Bag 7730", "address"), ("Marondera", "place"), ("Private Bag K41", "address"), ("Kasama", "place")]),
    # German, Swiss and French street-first addresses, "bis", units after; Guatemalan and Mexican ordinal streets,
    # Costa Rican landmark addresses, a Paraguayan cross street and a street named after a marshal
    ("Adresse: Dortmunder Straße 14, 44135 Dortmund.", "en", None,
     [("Dortmunder Straße 14", "address"), ("44135", "postcode"), ("Dortmund", "place")]),
    ("Adresse: Lindenhofstrasse 8, Wohnung 4, 3048 Worblaufen.", "en", None,
     [("Lindenhofstrasse 8, Wohnung 4", "address"), ("3048", "postcode"), ("Worblaufen", "place")]),
    ("Adresse: rue Jean Moulin 12, 69003 Lyon.", "en", None,
     [("rue Jean Moulin 12", "address"), ("69003", "postcode"), ("Lyon", "place")]),
    ("Adresse: 9 bis rue de la Gare, bât. B, apt 4, 59000 Lille.", "en", None,
     [("9 bis rue de la Gare, bât. B, apt 4", "address"), ("59000", "postcode"), ("Lille", "place")]),
    ("Membrete: 9a. Avenida 4-12, zona 1, Quetzaltenango.", "es", None,
     [("9a. Avenida 4-12, zona 1", "address"), ("Quetzaltenango", "place")]),
    ("Domicilio 2a. Calle Poniente Norte 310-B, Tapachula.", "es", None,
     [("2a. Calle Poniente Norte 310-B", "address"), ("Tapachula", "place")]),
    ("Domicilio de la escuela Rincón 150 metros al norte y 25 al oeste, casa 7, Nicoya.", "es", None,
     [("de la escuela Rincón 150 metros al norte y 25 al oeste, casa 7", "address"), ("Nicoya", "place")]),
    ("Domicilio Calle Palma 812 c/ Alberdi, Encarnación.", "es", None,
     [("Calle Palma 812 c/ Alberdi", "address"), ("Encarnación", "place")]),
    ("Membrete: Mcal. López 1200, Luque.", "es", None, [("Mcal. López 1200", "address"), ("Luque", "place")]),
    # a festival or feast with its year, after "since"/"desde"; Tamil days and feasts with their year, short months
    ("They have not spoken since Dragon Boat Festival 2014.", "en", None, [("Dragon Boat Festival 2014", "date")]),
    ("They have not spoken since Santa Marija 2009.", "en", None, [("Santa Marija 2009", "date")]),
    ("No se hablan desde Día de la Virgen de los Ángeles de 2012.", "es", None,
     [("Día de la Virgen de los Ángeles de 2012", "date")]),
    ("அவர்கள் குழந்தைகள் தினம் 2011 முதல் பேசவில்லை.", "ta", None, [("குழந்தைகள் தினம் 2011", "date")]),
    ("அவர்கள் வைகாசி விசாகம் 2014 முதல் பேசவில்லை.", "ta", None, [("வைகாசி விசாகம் 2014", "date")]),
    ("பரிந்துரை அக். 9, 2015 அன்று வந்தது.", "ta", None, [("அக். 9, 2015", "date")]),
    ("அக்கா இன்னும் ஆறு நாட்களுக்குள் வருகிறார்.", "ta", None, [("இன்னும் ஆறு நாட்களுக்குள்", "date")]),
    # a weekday placed by a week, before or after this one; "in another N days"
    ("The fall was Wednesday of the week before.", "en", None, [("Wednesday of the week before", "date")]),
    ("She arrives Saturday the week after.", "en", None, [("Saturday the week after", "date")]),
    ("It happened Tuesday a fortnight ago, or Friday a week ago.", "en", None,
     [("Tuesday a fortnight ago", "date"), ("Friday a week ago", "date")]),
    ("It happened the Friday before this one.", "en", None, [("the Friday before this one", "date")]),
    ("It happened this previous Monday.", "en", None, [("this previous Monday", "date")]),
    ("Her son arrives in another nineteen days.", "en", None, [("in another nineteen days", "date")]),
    # identity, social, hospital and account numbers of more countries, by their cues and shapes
    ("Copia de su CI 4.512.338-7 y CI 6120443 SC en la carpeta.", "es", None,
     [("4.512.338-7", "id"), ("6120443 SC", "id")]),
    ("NRC 224471/11/1 | DPI 2231 44718 0101", "es", None, [("224471/11/1", "id"), ("2231 44718 0101", "id")]),
    ("Pt seen. Casualty no. 88120. KCH no. 4471/09.", "en", None, [("88120", "mrn"), ("4471/09", "mrn")]),
    ("கிளினிக் இல. 12/4471 பதிவு.", "ta", None, [("12/4471", "mrn")]),
    ("numéro de sécurité sociale 2 81 03 75 112 004 58", "en", None, [("2 81 03 75 112 004 58", "ssn")]),
    ("AHV-Nr. 756.1234.5678.97, Fallnummer 4471203.", "en", None,
     [("756.1234.5678.97", "ssn"), ("4471203", "mrn")]),
    ("தொகை கணக்கு எண் 448120337761-இலிருந்து செல்கிறது.", "ta", None, [("448120337761", "account")]),
    ("வாகனம் Kennzeichen K-A 71.", "ta", None, [("K-A 71", "licence")]),
    ("தொகை DNB கணக்கு 1503.22.40871-இலிருந்து செல்கிறது.", "ta", None, [("1503.22.40871", "account")]),
    # a bank's name before an account word, a territory before a card, a common word on the line after an e-mail
    ("தொகை Sparkasse IBAN DE89 3704 0044 0532 0130 00 செல்கிறது.", "ta", None,
     [("DE89 3704 0044 0532 0130 00", "account")]),
    ("Nunavut health card 4471203 on file.", "en", None, [("4471203", "id")]),
    ("Contact: desk@harbourview.org.uk\nThe lift was broken again.", "en", None,
     [("desk@harbourview.org.uk", "email")]),
    ("Correo: mesa@apoyo.org\nSu hermano llega tarde.", "es", None, [("mesa@apoyo.org", "email")]),
    # a Tamil nursing home, a psychiatric retreat, a town with "de la" after a postcode, a Tamil volunteer
    ("அவர் கமலா நர்சிங் ஹோம் கடிதத்துடன் வந்தார்.", "ta", None, [("கமலா நர்சிங் ஹோம்", "place")]),
    ("Referral from Dr Okoro, Idaho Psychiatric Institute, by fax.", "en", None,
     [("Okoro", "name"), ("Idaho Psychiatric Institute", "place")]),
    ("Letter from Dr Oyelaran at Millbrook Retreat.", "en", None,
     [("Oyelaran", "name"), ("Millbrook Retreat", "place")]),
    ("Domicilio Calle Sucre 410, C.P. 68000, Villa de la Paloma.", "es", None,
     [("Calle Sucre 410", "address"), ("68000", "postcode"), ("Villa de la Paloma", "place")]),
    ("ஓட்டுநர் தன்னார்வலர் தேன்மொழி: உரிமம் சரிபார்க்கப்பட்டது.", "ta", None, [("தேன்மொழி", "name")]),
    # a post bag's number is no flat before the town
    ("Post to P.B. No. 5512, Anna Nagar - 600040.", "en", None,
     [("P.B. No. 5512", "address"), ("Anna Nagar", "place"), ("600040", "postcode")]),
])
def test_rules_from_the_r14_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    # rooms, floors and counts that are no address
    ("We met in room 4 on the second floor. Group 3 of 5 went well.", "en", None),
    ("Scored 12 on the PHQ-9, flat affect, slept 5 hours.", "en", None),
    ("She has been sober since Easter and works on Mondays.", "en", None),
    # weekdays that pin no day, plain weeks
    ("Every Wednesday before group she feels sick. A week ago she felt better.", "en", None),
    ("The Monday routine helped; the week after was harder.", "en", None),
    # Spanish time of day, street words as words
    ("Se salta el desayuno y a media mañana está cansada.", "es", None),
    ("Caminó cien metros y se sentó.", "es", None),
    ("La avenida estaba llena de gente.", "es", None),
    # Tamil everyday words; a silent retreat; a driving licence's words
    ("அவர் துக்கம் பற்றி பேசினார்.", "ta", None),
    ("She went on a silent retreat and came back calmer.", "en", None),
    ("The Community Behavioral Health Center called about groups.", "en", None),
    ("அவருடைய ஓட்டுநர் உரிமம் காலாவதியானது.", "ta", None),
])
def test_clinical_prose_left_alone_by_the_r14_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


@pytest.mark.parametrize("text, lang, roster, expected", [
    # a person after a form's role cue, whose name no list knows; items of a contact list before their numbers
    ("Clinician: Okonkwo-Barre, HCPC reg. PYL 2231, on file.", "en", None,
     [("Okonkwo-Barre", "name"), ("PYL 2231", "licence")]),
    ("Clinician: Tembo Ngwira, LCSW no. 418830, by post.", "en", None,
     [("Tembo Ngwira", "name"), ("418830", "licence")]),
    ("Volunteer driver Ostrander checked the forms.", "en", None, [("Ostrander", "name")]),
    ("Safety plan contacts: Drummelow 01632 960412; Fenwickstone 07700 900123.", "en", None,
     [("Drummelow", "name"), ("01632 960412", "phone"), ("Fenwickstone", "name"), ("07700 900123", "phone")]),
    ("Visitor log: Quassim (+44 7700 900321) and Delphine.", "en", None,
     [("Quassim", "name"), ("+44 7700 900321", "phone"), ("Delphine", "name")]),
    ("Fax cover: fax (250) 555-0146; from Kettlewick, tel (807) 555-0165.", "en", None,
     [("(250) 555-0146", "fax"), ("Kettlewick", "name"), ("(807) 555-0165", "phone")]),
    ("Joint session: Quassim and Ottoline. Quassim was quiet.", "en", None,
     [("Quassim", "name"), ("Ottoline", "name"), ("Quassim", "name")]),
    ("Saw bibi for a review.", "en", ["Bibi Rahman"], [("bibi", "name")]),
    ("Contactos del plan de seguridad: Quiñonal +52 747 806 3156; Eulalio Barrenechea +52 747 266 2789.", "es",
     None, [("Quiñonal", "name"), ("+52 747 806 3156", "phone"), ("Eulalio Barrenechea", "name"),
            ("+52 747 266 2789", "phone")]),
    ("La multa llegó por un coche que Anselma dice no conocer.", "es", None, [("Anselma", "name")]),
    ("Está en el hospital; Anselma irá a verlo pronto.", "es", None, [("Anselma", "name")]),
    ("El voluntario Crisóstomo presentó su placa.", "es", None, [("Crisóstomo", "name")]),
    ("Sesión conjunta con Anselma y su pareja.", "es", None, [("Anselma", "name")]),
    ("La abuela de Crisóstomo, doña Eulalia, vive sola.", "es", None,
     [("Crisóstomo", "name"), ("Eulalia", "name")]),
    ("அனுப்புநர் மதிவாணன், +91 98400 12345; நன்றி.", "ta", None,
     [("மதிவாணன்", "name"), ("+91 98400 12345", "phone")]),
    ("பாதுகாப்புத் திட்டம்: மதிவாணன் 04175-221133; தேன்மொழி 98765 43210.", "ta", None,
     [("மதிவாணன்", "name"), ("04175-221133", "phone"), ("தேன்மொழி", "name"), ("98765 43210", "phone")]),
    # addresses of more locales: landmark directions in any unit, a ward and a marg, a house and a road, an erf and
    # its extension, a Panamanian street and its building, a Mauritian estate, a two-word street after a flat
    ("Vive en De la escuela Rubén Darío 100 varas al sur, casa esquinera, León.", "es", None,
     [("De la escuela Rubén Darío 100 varas al sur, casa esquinera", "address"), ("León", "place")]),
    ("Domicilio: Del mercado 2 cuadras al norte, portón negro, Masaya.", "es", None,
     [("Del mercado 2 cuadras al norte, portón negro", "address"), ("Masaya", "place")]),
    ("She lives alone at Ward No. 7, Thapathali Marg, Pokhara 33700.", "en", None,
     [("Ward No. 7, Thapathali Marg", "address"), ("Pokhara", "place"), ("33700", "postcode")]),
    ("She lives at House 12, Road 7, Shantinagar, Dhaka 1217.", "en", None,
     [("House 12, Road 7, Shantinagar", "address"), ("Dhaka", "place"), ("1217", "postcode")]),
    ("She lives at Erf 311, Extension 4, Rundu.", "en", None,
     [("Erf 311, Extension 4", "address"), ("Rundu", "place")]),
    ("Domicilio: Avenida Perú, edificio Miramar, apto. 3C, Colón.", "es", None,
     [("Avenida Perú, edificio Miramar, apto. 3C", "address"), ("Colón", "place")]),
    ("Domicilio: Calle Central, casa n.º 195, Colón.", "es", None,
     [("Calle Central, casa n.º 195", "address"), ("Colón", "place")]),
    ("Vive en barriada Los Pinos, casa 12A, Boquete.", "es", None,
     [("barriada Los Pinos, casa 12A", "address"), ("Boquete", "place")]),
    ("Address: 14 Morcellement Les Flamants, Curepipe 74494.", "en", None,
     [("14 Morcellement Les Flamants", "address"), ("Curepipe", "place"), ("74494", "postcode")]),
    ("Addr: Flat 4, 27 Ashby Meadows, Holsworthy EX22 6RU", "en", None,
     [("Flat 4, 27 Ashby Meadows", "address"), ("Holsworthy", "place"), ("EX22 6RU", "postcode")]),
    # a weekday by any count of weeks, "the ... gone by", "after this coming one"; Tamil "gone past", "yet to come"
    ("She turned up the Friday five weeks back.", "en", None, [("the Friday five weeks back", "date")]),
    ("Booked for Tuesday four weeks out.", "en", None, [("Tuesday four weeks out", "date")]),
    ("It happened the Sunday gone by.", "en", None, [("the Sunday gone by", "date")]),
    ("He visits the Monday after this coming one.", "en", None, [("the Monday after this coming one", "date")]),
    ("அவர் கடந்து போன வியாழக்கிழமை வந்தார்.", "ta", None, [("கடந்து போன வியாழக்கிழமை", "date")]),
    ("அவர் இனி வரும் சனிக்கிழமை வருகிறார்.", "ta", None, [("இனி வரும் சனிக்கிழமை", "date")]),
    # a phone after a country code in five and four, professional and health numbers, plates, dotted accounts
    ("Tel. +507 61234-5678, fax +507 69876-5432.", "es", None,
     [("+507 61234-5678", "phone"), ("+507 69876-5432", "fax")]),
    ("Police called (PHN 9123 456 789). Also (DOC # 44718).", "en", None,
     [("9123 456 789", "id"), ("44718", "id")]),
    ("Seguro al día; idoneidad n.º 4471.", "es", None, [("4471", "licence")]),
    ("Clinician: Mfaume Kato, number plate Ba 2 Kha 4471.", "en", None,
     [("Mfaume Kato", "name"), ("Ba 2 Kha 4471", "licence")]),
    ("Direct debit form: DBBL account 412.508.77120.", "en", None, [("412.508.77120", "account")]),
    # contact words, wallets and utilities before a number are no names
    ("Safety plan: Home 01632 960412; Helpline 0800 123 4567.", "en", None,
     [("01632 960412", "phone"), ("0800 123 4567", "phone")]),
    ("Facturación: Yappy +507 6612-3480; contrato Endesa 85037669.", "es", None,
     [("+507 6612-3480", "phone"), ("85037669", "id")]),
    ("அவர் அழைப்பார்; கைபேசி 98400 12345; தொலைநகல் 04324 377965.", "ta", None,
     [("98400 12345", "phone"), ("04324 377965", "phone")]),
    # places: a town before a Tamil verb of going, French particles and a Spanish postcode before a town,
    # facilities named by type first, a Canadian collegiate, Our Lady after a letterhead
    ("அவர் பதினாறு நாட்கள் கழித்து Grand-Baie செல்கிறார்.", "ta", None,
     [("பதினாறு நாட்கள் கழித்து", "date"), ("Grand-Baie", "place")]),
    ("அவர் அடுத்த திங்கள்கிழமை திருவண்ணாமலை செல்கிறார்.", "ta", None,
     [("அடுத்த திங்கள்கிழமை", "date"), ("திருவண்ணாமலை", "place")]),
    ("Address: 12 Rue Laval, Rivière des Anguilles 51201", "en", None,
     [("12 Rue Laval", "address"), ("Rivière des Anguilles", "place"), ("51201", "postcode")]),
    ("Letterhead: Mental Hospital Patan, Kathmandu.", "en", None,
     [("Mental Hospital Patan", "place"), ("Kathmandu", "place")]),
    ("Membrete: CBTis 41, con sello.", "es", None, [("CBTis 41", "place")]),
    ("He attended Eastdale Collegiate for two years.", "en", None, [("Eastdale Collegiate", "place")]),
    ("Letterhead: Our Lady of Fatima Regional, by fax.", "en", None, [("Our Lady of Fatima Regional", "place")]),
])
def test_rules_from_the_r15_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    # helplines, contact words and wallets before a number; a role's cue before common words
    ("Clinician: Psychology Services, by referral.", "en", None),
    ("Volunteer driver needed; the payer changed.", "en", None),
    # lower-case words a roster shares, verbs after "to"
    ("She tends to fawn over anyone in authority.", "en", ["Fawn Ito"]),
    # weekdays and weeks that pin no day
    ("Every Tuesday for four weeks she walked. The weeks gone by felt long.", "en", None),
    # Spanish directions and houses as words
    ("Caminó cien varas al norte y volvió a casa.", "es", None),
    ("La casa esquinera tiene un portón verde.", "es", None),
    # Tamil verbs before a verb of going; a letterhead's label
    ("அவர் என்று சொல்லிச் சென்றார். அவர் வீட்டை விட்டுப் போனார்.", "ta", None),
    ("அவர் வீட்டுக்குச் செல்கிறார். அவர் மருத்துவமனை செல்கிறார்.", "ta", None),
    ("தம்பதியர் அமர்வு. துக்க வேலை தொடர்கிறது.", "ta", None),
    ("Membrete: sin datos.", "es", None),
])
def test_clinical_prose_left_alone_by_the_r15_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# --------------------------------------------------------------------------- r16 round
@pytest.mark.parametrize("text, lang, roster, expected", [
    # unknown first names before a person's verb, after a session's or a carer's words, before a possessive
    ("Tamsin showed me the drawings. Later Tamsin cried.", "en", None, [("Tamsin", "name"), ("Tamsin", "name")]),
    ("He is fine; Odhran drives out on Fridays.", "en", None, [("Odhran", "name")]),
    ("Quilla now lives at the hostel.", "en", None, [("Quilla", "name")]),
    ("Ysolde keeps calling the office.", "en", None, [("Ysolde", "name")]),
    ("Walk-and-talk session with Brennagh around the park.", "en", None, [("Brennagh", "name")]),
    ("Video check-in w/ Oriel — audio only.", "en", None, [("Oriel", "name")]),
    ("The hearing about custody of Talwyn is soon.", "en", None, [("Talwyn", "name")]),
    ("Dervla came in with Ottoline, who waited outside.", "en", None, [("Dervla", "name"), ("Ottoline", "name")]),
    ("Appeal for Gwenllian's funeral costs.", "en", None, [("Gwenllian", "name")]),
    ("Fax cover. From: Ansel Pryddoch. Pages: 3.", "en", None, [("Ansel Pryddoch", "name")]),
    ("Social worker செண்பகவல்லி அவர்களை அழைத்தேன்.", "ta", None, [("செண்பகவல்லி", "name")]),
    # a name said once by a strong cue names that person in the rest of the record
    ("Session 3 with Merewyn. Later we spoke about Merewyn and the move.", "en", None,
     [("Merewyn", "name"), ("Merewyn", "name")]),
    # relative dates counted from today, approximate, Spanish weekdays of that day, Tamil compound numbers
    ("The school phoned nine days earlier than today.", "en", None, [("nine days earlier than today", "date")]),
    ("He served notice fourteen days before today.", "en", None, [("fourteen days before today", "date")]),
    ("Booked for just over five days back.", "en", None, [("just over five days back", "date")]),
    ("She rang the Friday immediately before.", "en", None, [("the Friday immediately before", "date")]),
    ("It came Tuesday this week just gone.", "en", None, [("Tuesday this week just gone", "date")]),
    ("Logged in the 3rd of June 09:40.", "en", None, [("the 3rd of June", "date")]),
    ("Fue el martes de hace quince días.", "es", None, [("el martes de hace quince días", "date")]),
    ("Será el sábado de dentro de quince días.", "es", None, [("el sábado de dentro de quince días", "date")]),
    ("Le avisaron hará nueve días.", "es", None, [("hará nueve días", "date")]),
    ("Ingresó hace cosa de once días.", "es", None, [("hace cosa de once días", "date")]),
    ("அடுத்த session இருபத்தைந்து நாள் கழித்து.", "ta", None, [("இருபத்தைந்து நாள் கழித்து", "date")]),
    # street lines of new locales; a street line or a town before a postcode whatever its last word
    ("Postal box: CP 733, Succ. Centre-ville, Sherbrooke.", "en", None,
     [("CP 733, Succ. Centre-ville", "address"), ("Sherbrooke", "place")]),
    ("Lives at 27 Fishgate Within, Tewkesbury GL20 5PT now.", "en", None,
     [("27 Fishgate Within", "address"), ("Tewkesbury", "place"), ("GL20 5PT", "postcode")]),
    ("Next of kin: Plum Cottage, Orchard Rise Lane, Bude EX23 8QA.", "en", None,
     [("Plum Cottage, Orchard Rise Lane", "address"), ("Bude", "place"), ("EX23 8QA", "postcode")]),
    ("Address: 9 Chalky Mount Gap, Speightstown BB26017.", "en", None,
     [("9 Chalky Mount Gap", "address"), ("Speightstown", "place"), ("BB26017", "postcode")]),
    ("Nuevo domicilio: Calle 42 No. 318 e/ 7 y 9, Guanabo.", "es", None,
     [("Calle 42 No. 318 e/ 7 y 9", "address"), ("Guanabo", "place")]),
    ("Vive en Edificio 14, apto. 6, Reparto Vista Alegre.", "es", None,
     [("Edificio 14, apto. 6, Reparto Vista Alegre", "address")]),
    ("புதிய முகவரி: Lindeveld 31-II, 3811 KM Amersfoort.", "ta", None,
     [("Lindeveld 31-II", "address"), ("3811 KM", "postcode"), ("Amersfoort", "place")]),
    ("வீடு பிளாட் 9, கோவில் தெரு, மதுராந்தகம் - 603306.", "ta", None,
     [("பிளாட் 9, கோவில் தெரு", "address"), ("மதுராந்தகம்", "place"), ("603306", "postcode")]),
    # a professional register and plates of new countries
    ("Identity check: SPR no. 5127 seen.", "en", None, [("5127", "licence")]),
    ("Visitor log: vehicle SGQ 3318 M.", "en", None, [("SGQ 3318 M", "licence")]),
    ("விவரம்: kenteken ZT-417-R.", "ta", None, [("ZT-417-R", "licence")]),
    # facilities: a number after, a Catalan particle, school acronyms, two possessives, Dutch and Tamil facilities,
    # "Hospital at" a place; a town where someone lives or was born
    ("Cita en la Unidad de Medicina Familiar número 12 del IMSS.", "es", None,
     [("Unidad de Medicina Familiar número 12", "place")]),
    ("Ingresó en el Hospital Comarcal d'Olot.", "es", None, [("Hospital Comarcal d'Olot", "place")]),
    ("Su hijo empezó en IES Ramon d'Alòs en septiembre.", "es", None, [("IES Ramon d'Alòs", "place")]),
    ("ROI signed for Mercy Women's and Children's Hospital.", "en", None,
     [("Mercy Women's and Children's Hospital", "place")]),
    ("பரிந்துரை: Tergooi ziekenhuis, records.", "ta", None, [("Tergooi ziekenhuis", "place")]),
    ("அன்று செங்குன்றம் ஆரம்ப சுகாதார நிலையம் சார்பில் வந்தார்.", "ta", None,
     [("செங்குன்றம் ஆரம்ப சுகாதார நிலையம்", "place")]),
    ("Letterhead: Mental Hospital at Cedar Point, by fax.", "en", None,
     [("Mental Hospital at Cedar Point", "place")]),
    ("Her aunt still lives alone in Fox Hollow.", "en", None, [("Fox Hollow", "place")]),
    ("Address: Blk 40 Bedok North Street 3, #05-12, Singapore 460040.", "en", None,
     [("Blk 40 Bedok North Street 3, #05-12", "address"), ("460040", "postcode")]),
])
def test_rules_from_the_r16_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    # documents and clinical nouns before a person's verb; a word-name used as a word; form labels
    ("Referral came in by post. The letter arrived late.", "en", None),
    ("Dissociation moved in waves. Depersonalisation described as fog.", "en", None),
    ("Faith is a complicated word for her.", "en", None),
    ("Acct/MRN pending. Pt ID: pending. Billing: pending.", "en", None),
    ("இன்று நல்ல alliance.", "ta", None),
    # days counted from another day, not today
    ("For three days afterwards she slept badly.", "en", None),
    ("Hará ejercicio tres días por semana.", "es", None),
    # state abbreviations before a postcode; countries after "raised in"; "Ayer" as a town's possessive
    ("Raised in England, she moved at nine.", "en", None),
    # a city-state and an emirate are state-level
    ("She flew in from Singapore; her brother works in Dubai.", "en", None),
    ("The plan: walk, eat, sleep. The Hospital at night was loud.", "en", None),
])
def test_clinical_prose_left_alone_by_the_r16_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# --------------------------------------------------------------------------- r17 round (rules alone; strings invented)
@pytest.mark.parametrize("text, lang, roster, expected", [
    # field labels of an admin line are no names (" · ", " | ", "  /  ", ", ", "#", " - ", a line break)
    ("Contact: Orsolya Vantreight (aunt) 555-0142 · Home address - 17 Quarry Lane", "en", None,
     [("Orsolya Vantreight", "name"), ("555-0142", "phone"), ("17 Quarry Lane", "address")]),
    ("NOK: Tobiah Crane (son) 555-0199 | Born 4/11/58 | Link: https://meet.example.org/tcrane", "en", None,
     [("Tobiah Crane", "name"), ("555-0199", "phone"), ("4/11/58", "date"),
      ("https://meet.example.org/tcrane", "url")]),
    ("Pt name Wendeline Marrowby, Card on file: 4111 1111 1111 1111, Last IP: 10.44.7.201", "en", None,
     [("Wendeline Marrowby", "name"), ("4111 1111 1111 1111", "account"), ("10.44.7.201", "ip")]),
    ("Seen: 14 March 2019\nLink: https://portal.example.org/x", "en", None,
     [("14 March 2019", "date"), ("https://portal.example.org/x", "url")]),
    # an everyday word opening the next field after a date is no name
    ("D.O.B. # May 3, 1951 Frank talk about the move today.", "en", None, [("May 3, 1951", "date")]),
    ("Fecha de nacimiento: 3 de mayo de 1960 El juicio sigue pendiente.", "es", None, [("3 de mayo de 1960", "date")]),
    ("Correo: quintina.arroyo@example.es", "es", None, [("quintina.arroyo@example.es", "email")]),
    ("மின்னஞ்சல் - kavin.r@example.in", "ta", None, [("kavin.r@example.in", "email")]),
    # a person's field with "#" or a dash before a full name whose first word is a word too
    ("Usuaria # Argentina Valcárcel / Tel. 600 111 222", "es", None,
     [("Argentina Valcárcel", "name"), ("600 111 222", "phone")]),
    ("Familiar de referencia # Paloma Iturbe (hermana)", "es", None, [("Paloma Iturbe", "name")]),
    # days counted from a meeting, out from now, after a booking; a weekday just passed; "hace ya"
    ("Rebooked for nineteen days earlier than today.", "en", None, [("nineteen days earlier than today", "date")]),
    ("She called twelve days before the session.", "en", None, [("twelve days before the session", "date")]),
    ("Follow-up is eight days out from now.", "en", None, [("eight days out from now", "date")]),
    ("Moved to this Tuesday just passed.", "en", None, [("this Tuesday just passed", "date")]),
    ("La vi hace ya doce días.", "es", None, [("hace ya doce días", "date")]),
    # a floor or a side of the house after the street; a rural route or a highway's mile before it
    ("Address: 22 Coral Street, upstairs; phone pending.", "en", None, [("22 Coral Street, upstairs", "address")]),
    ("Addr: RR 3, 905 Lakeview Rd", "en", None, [("RR 3, 905 Lakeview Rd", "address")]),
    ("New address: Mile 12, Orchid Street.", "en", None, [("Mile 12, Orchid Street", "address")]),
    ("New address: 418 S. Meridian Ext, ok", "en", None, [("418 S. Meridian Ext", "address")]),
    ("Adresse: Lindenweg 4, 2. Stock, 3000 Bern", "en", None,
     [("Lindenweg 4, 2. Stock", "address"), ("3000", "postcode"), ("Bern", "place")]),
    ("Dir.: segunda avenida, bloque C, casa 41; teléfono pendiente.", "es", None,
     [("segunda avenida, bloque C, casa 41", "address")]),
    ("Domicilio: calle del Pinar, bloque A, casa 9; sin teléfono.", "es", None,
     [("calle del Pinar, bloque A, casa 9", "address")]),
    ("முகவரி: கதவு எண் 7-ஆ, மேல ரத வீதி", "ta", None, [("கதவு எண் 7-ஆ, மேல ரத வீதி", "address")]),
    # a licensing body's letters glued to the number after the licence's cue
    ("License plate: LPCC.4417290 ; next review pending", "en", None, [("LPCC.4417290", "licence")]),
    ("Plate # CRPO #40172", "en", None, [("CRPO #40172", "licence")]),
    ("Licence: RCI B20931 / Facility: pending", "en", None, [("RCI B20931", "licence")]),
    ("ஓட்டுநர் உரிமம் RCI C55102 பதிவு செய்யப்பட்டது.", "ta", None, [("RCI C55102", "licence")]),
    # facilities after a form's label, their full stop left out; a safelisted facility phrase after a proper word
    ("Ward/unit # Elmstead Community College Intake form signed.", "en", None,
     [("Elmstead Community College", "place")]),
    ("Centro: CEIP Ntra. Sra. del Pilar; curso 3.º", "es", None, [("CEIP Ntra. Sra. del Pilar", "place")]),
    ("Previously at Justizvollzugsanstalt Thorberg for two years.", "en", None,
     [("Justizvollzugsanstalt Thorberg", "place")]),
    ("அனுப்பியவர்: மதுரை அரசு மருத்துவக் கல்லூரி மருத்துவமனை", "ta", None,
     [("மதுரை அரசு மருத்துவக் கல்லூரி மருத்துவமனை", "place")]),
    ("Referral கடலூர் அரசு மருத்துவக் கல்லூரி மருத்துவமனை சார்பில் வந்தது.", "ta", None,
     [("கடலூர் அரசு மருத்துவக் கல்லூரி மருத்துவமனை", "place")]),
    ("நண்பர் அவர்கள் வேலூர் கிராமம் ஊரிலிருந்து வந்தார்.", "ta", None, [("வேலூர் கிராமம்", "place")]),
])
def test_rules_from_the_r17_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ("Grief still comes in waves, mostly at night.", "en", None),
    ("She said they've started sleeping better. They've started walking again.", "en", None),
    ("Date of the next session to be agreed.", "en", None),
    ("Home practice: breathing, twice a day.", "en", None),
    ("She went to community college for a year and hated it.", "en", None),
    ("She slept for two days before the session and felt better.", "en", None),
    ("We met at the corner of the street, back in spring.", "en", None),
    ("Last contact was friendly; no concerns.", "en", None),
    ("Correo pendiente de confirmar.", "es", None),
    ("அவர் சொந்த கிராமம் செல்ல விரும்புகிறார்.", "ta", None),
])
def test_clinical_prose_left_alone_by_the_r17_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# --------------------------------------------------------------------------- r18 round
@pytest.mark.parametrize("text, lang, roster, expected", [
    # field labels, dotted abbreviations and brands before a wallet: labels, no names
    ("Chart #: 5512093, Age: 94, Tel: 555-201-7788", "en", None,
     [("5512093", "mrn"), ("94", "age"), ("555-201-7788", "phone")]),
    ("Call log: Appt - March 4, 2021; Seen at Brookfield Hospital", "en", None,
     [("March 4, 2021", "date"), ("Brookfield Hospital", "place")]),
    ("Nat. Ins.: JK 41 22 90 B, Lic. plate: RT7 440", "en", None, [("JK 41 22 90 B", "ssn"), ("RT7 440", "licence")]),
    ("Contact: Momo Wallet wallet 0772218834", "en", None, [("0772218834", "phone")]),
    # ages in words after an age label, whatever the separator, in three languages
    ("Service user: Tobias Wren · Age - ninety-seven · Fax: 555 201 7788", "en", None,
     [("Tobias Wren", "name"), ("ninety-seven", "age"), ("555 201 7788", "fax")]),
    ("AGE: a hundred and three | IP: 10.4.2.9", "en", None, [("a hundred and three", "age"), ("10.4.2.9", "ip")]),
    ("Age - 106; Phone - 555 203 1180", "en", None, [("106", "age"), ("555 203 1180", "phone")]),
    ("Edad - noventa y cuatro · Teléfono: 612 44 90 21", "es", None,
     [("noventa y cuatro", "age"), ("612 44 90 21", "phone")]),
    ("Edad: ciento dos; Cuenta pendiente", "es", None, [("ciento dos", "age")]),
    ("வயது: தொண்ணூற்றேழு · கைபேசி: 98401 22345", "ta", None, [("தொண்ணூற்றேழு", "age"), ("98401 22345", "phone")]),
    ("அவரது பாட்டி தொண்ணூற்றி மூன்று வயதில் இறந்தார்.", "ta", None, [("தொண்ணூற்றி மூன்று", "age")]),
    ("He remembered the night his grandfather, then 99, moved in.", "en", None, [("99", "age")]),
    # a count of days and an open class of directions
    ("The hearing is nine days down the line and she is anxious.", "en", None, [("nine days down the line", "date")]),
    ("The review moved to thirteen days from this one.", "en", None, [("thirteen days from this one", "date")]),
    ("Her aunt has stayed since six days earlier this month.", "en", None, [("six days earlier this month", "date")]),
    ("Late entry for nineteen days prior: a call from the school.", "en", None, [("nineteen days prior", "date")]),
    ("Next review: a further twelve days on; no concerns.", "en", None, [("a further twelve days on", "date")]),
    ("Referral date - some five days back · Card pending", "en", None, [("some five days back", "date")]),
    ("Seen: this Friday gone | Plan: rest", "en", None, [("this Friday gone", "date")]),
    ("Late entry for the Tuesday that just went: call from school.", "en", None,
     [("the Tuesday that just went", "date")]),
    ("Tiene juicio a nueve días de hoy y está nerviosa.", "es", None, [("a nueve días de hoy", "date")]),
    ("Fecha: de aquí a unos catorce días.", "es", None, [("de aquí a unos catorce días", "date")]),
    ("Cita el jueves de aquí a tres semanas.", "es", None, [("el jueves de aquí a tres semanas", "date")]),
    ("சந்திப்பு: சுமார் ஆறு நாட்களுக்கு முன், அவர் வந்தார்.", "ta", None, [("சுமார் ஆறு நாட்களுக்கு முன்", "date")]),
    ("அவர் மூன்று வாரங்களுக்கு முன் புதன்கிழமை வந்தார்.", "ta", None, [("மூன்று வாரங்களுக்கு முன் புதன்கிழமை", "date")]),
    # addresses: landmarks, stairs and doors, floors and doors, post boxes
    ("Address: 12 Ashby Road, behind the Shell station, Kakata", "en", None,
     [("12 Ashby Road, behind the Shell station", "address"), ("Kakata", "place")]),
    ("Dirección: Calle del Sol 14, frente a la iglesia, Ebebiyín", "es", None,
     [("Calle del Sol 14, frente a la iglesia", "address"), ("Ebebiyín", "place")]),
    ("Indirizzo: Via Roma 31, scala B, interno 6, 90100 Palermo", "en", None,
     [("Via Roma 31, scala B, interno 6", "address"), ("90100", "postcode"), ("Palermo", "place")]),
    ("Dom.: Carrer Nou 8, 3r 1a, 17001 Girona", "es", None,
     [("Carrer Nou 8, 3r 1a", "address"), ("17001", "postcode"), ("Girona", "place")]),
    ("Lives at: P.O. Box 14-3307, Kakata", "en", None, [("P.O. Box 14-3307", "address"), ("Kakata", "place")]),
    ("Dom. Apartat de Correus 211, Figueres", "es", None,
     [("Apartat de Correus 211", "address"), ("Figueres", "place")]),
    # facilities named after a person with initials, in a facility field, with a beneficiary after them
    ("The group meets at J.T. Morris Senior High School on weekdays.", "en", None,
     [("J.T. Morris Senior High School", "place")]),
    ("Referred from: A. K. Barclay Memorial Hospital", "en", None, [("A. K. Barclay Memorial Hospital", "place")]),
    ("Facility Pine Ridge Correctional Institution Her brother visits.", "en", None,
     [("Pine Ridge Correctional Institution", "place")]),
    ("She might go to Elmwood Homes for Children if it gets worse.", "en", None,
     [("Elmwood Homes for Children", "place")]),
    ("Inviato da: Policlinico R. Bianchi", "en", None, [("Policlinico R. Bianchi", "place")]),
    ("Escribe la Parròquia de Sant Pere d'Osor para pedir un informe.", "es", None,
     [("Parròquia de Sant Pere d'Osor", "place")]),
    ("Ha ido a la Universitat de Lleida esta semana.", "es", None, [("Universitat de Lleida", "place")]),
    ("அனுப்பியது: மேலூர் கிராமிய பல்கலைக்கழகம் · முகவரி: எண் 4, கீழ வீதி", "ta", None,
     [("மேலூர் கிராமிய பல்கலைக்கழகம்", "place"), ("எண் 4, கீழ வீதி", "address")]),
])
def test_rules_from_the_r18_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ("Client feels Grace has carried her through the worst of it.", "en", None),
    ("He said the Lord's Prayer before bed.", "en", None),
    ("She said Hope is a word she cannot use yet.", "en", None),
    ("She works three days a week and rests for two days after.", "en", None),
    ("He was off work for nine days prior to the review.", "en", None),
    ("The pain lasted three days on and off.", "en", None),
    ("Próxima cita en quince días.", "es", None),
    ("Sustituye esta semana: la terapeuta de guardia.", "es", None),
    ("Seen at home; the age of the house worries her.", "en", None),
    ("Her mother, then in her seventies, moved nearby.", "en", None),
    ("Plan: keep the diary, review the goals.", "en", None),
    ("He sat near the window, opposite the door, and talked.", "en", None),
])
def test_clinical_prose_left_alone_by_the_r18_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# (r19 round) dates counted from an event, holidays of new locales after a date label, Kigali, Réunion, Yucatán and
# Mérida addresses, bracketed country codes, overseas NIRs, facilities of new shapes, names after contact labels
@pytest.mark.parametrize("text, lang, roster, expected", [
    # dates counted from an event
    ("She moved back four days after the burial.", "en", None, [("four days after the burial", "date")]),
    ("Next session eleven days after discharge, same time.", "en", None, [("eleven days after discharge", "date")]),
    ("Court letter: Received - twelve days before the trial / Plan: rest", "en", None,
     [("twelve days before the trial", "date")]),
    ("He was admitted nine days prior to intake after a fall.", "en", None, [("nine days prior to intake", "date")]),
    ("Appt: six days on from that; same room.", "en", None, [("six days on from that", "date")]),
    ("She rang the Tuesday before the last session.", "en", None, [("the Tuesday before the last session", "date")]),
    ("La vio trece días antes del juicio, en casa.", "es", None, [("trece días antes del juicio", "date")]),
    ("Nos vemos a los cinco días del alta a la misma hora.", "es", None, [("a los cinco días del alta", "date")]),
    ("அடுத்த session discharge ஆகி ஆறு நாள் கழித்து நடக்கும்.", "ta", None,
     [("discharge ஆகி ஆறு நாள் கழித்து", "date")]),
    ("Date of referral: Fête Patronale 2020; no concerns.", "en", None, [("Fête Patronale 2020", "date")]),
    ("Received: the 23rd / Plan: rest", "en", None, [("the 23rd", "date")]),
    # addresses of new locales
    ("Home address: No. 58, KG 611 St; Plan: rest", "en", None, [("No. 58, KG 611 St", "address")]),
    ("Address - KN 7 Ave, No. 15 / Plan: rest", "en", None, [("KN 7 Ave, No. 15", "address")]),
    ("முகவரி: BP 417, 97412 Bras-Panon", "ta", None,
     [("BP 417", "address"), ("97412", "postcode"), ("Bras-Panon", "place")]),
    ("Adresse: 27 chemin de la Source aux Oiseaux, 97460", "en", None,
     [("27 chemin de la Source aux Oiseaux", "address"), ("97460", "postcode")]),
    ("Domicilio: SM 41, Mz 9, Lt 3, Avenida Tulum, Cancún", "es", None,
     [("SM 41, Mz 9, Lt 3, Avenida Tulum", "address"), ("Cancún", "place")]),
    ("Vive en Calle 33 No. 512 x 70 y 72, Tekax.", "es", None,
     [("Calle 33 No. 512 x 70 y 72", "address"), ("Tekax", "place")]),
    # phones, NIR
    ("Her sister is on (+256) 772418390 most evenings.", "en", None, [("(+256) 772418390", "phone")]),
    ("NIR: 2 71 04 972 11 418 36.", "en", None, [("2 71 04 972 11 418 36", "ssn")]),
    # places
    ("He stayed at Manitoba Hospital for a week.", "en", None, [("Manitoba Hospital", "place")]),
    ("Referred from: Dr. K.L. Ashdown Memorial Hospital", "en", None,
     [("Dr. K.L. Ashdown Memorial Hospital", "place")]),
    ("Seen at: Lycée de Tanambo", "en", None, [("Lycée de Tanambo", "place")]),
    ("Se crió en Puerto Aventuras, cerca del mar.", "es", None, [("Puerto Aventuras", "place")]),
    ("Place of birth: Le Morne, Address: pending", "en", None, [("Le Morne", "place")]),
    ("Referring site: Faith and Mercy Centre Gatsata.", "en", None, [("Faith and Mercy Centre Gatsata", "place")]),
    # names after contact and referral labels
    ("Persona de contacto: Lincoln Ibarra 4726 1190; sin cambios.", "es", None,
     [("Lincoln Ibarra", "name"), ("4726 1190", "phone")]),
    ("Su expareja, Jackson Ferreira, le escribe a menudo.", "es", None, [("Jackson Ferreira", "name")]),
])
def test_rules_from_the_r19_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ("She stayed in bed for three days after the funeral.", "en", None),
    ("Hope was on her mind all through the session.", "en", None),
    ("He said Faith was the kind of word he avoided.", "en", None),
    ("Key worker to phone on Monday.", "en", None),
    ("The BP was 120 over 80 at the start.", "en", None),
    ("Estuvo tres días sin dormir antes del juicio.", "es", None),
    ("அண்ணன் வீட்டை விட்டு வெளியேறினார்.", "ta", None),
])
def test_clinical_prose_left_alone_by_the_r19_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# (r20 round) UK counties before a postcode, form labels, ages in apposition after a care relation, Alberta quadrant
# streets, Danish street lines, Tamil flats, "(fondo)" and "portal", short registrations, the Danish plate and CPR
# number, names after role labels, lower-case given names, a town's field, facilities named after a doctor
@pytest.mark.parametrize("text, lang, roster, expected", [
    # a county between the town and a UK postcode is county level
    ("Address: 12 Orchard Way, Ledbury, Herefordshire HR8 2BQ; Plan: rest", "en", None,
     [("12 Orchard Way", "address"), ("Ledbury", "place"), ("HR8 2BQ", "postcode")]),
    ("Lives at 9 Mill Lane, Tetbury, Wilts SN16 8AA.", "en", None,
     [("9 Mill Lane", "address"), ("Tetbury", "place"), ("SN16 8AA", "postcode")]),
    # labels are no names or places
    ("Received: 3 May 2011, Village: Kerrsaint. ROI: pending", "en", None,
     [("3 May 2011", "date"), ("Kerrsaint", "place")]),
    ("P.O. Box 118, Bansang, Translator: Fatou Ceesay, Plan: rest", "en", None,
     [("P.O. Box 118", "address"), ("Bansang", "place"), ("Fatou Ceesay", "name")]),
    # an age in apposition after a care relation
    ("Intake - Carer for mother, ninety-six; no concerns.", "en", None, [("ninety-six", "age")]),
    ("Carer for grandmother, 98 | Plan: rest", "en", None, [("98", "age")]),
    # Alberta quadrant streets with a unit before or after
    ("Mailing address: #418, 2207 36 Street NE, Airdrie AB T4B 3K2.", "en", None,
     [("#418, 2207 36 Street NE", "address"), ("Airdrie", "place"), ("T4B 3K2", "postcode")]),
    ("Home: 5120 17 Avenue NW, Unit 14, Okotoks AB T1S 2A7.", "en", None,
     [("5120 17 Avenue NW, Unit 14", "address"), ("Okotoks", "place"), ("T1S 2A7", "postcode")]),
    # Danish street lines with the floor and side, or before "DK-"
    ("Address: Egevej 12, 2. th., 5000 Odense", "en", None,
     [("Egevej 12, 2. th.", "address"), ("5000", "postcode"), ("Odense", "place")]),
    ("Address: Toftegade 8B, st. mf., 9000 Aalborg", "en", None,
     [("Toftegade 8B, st. mf.", "address"), ("9000", "postcode"), ("Aalborg", "place")]),
    # a Tamil flat in a complex on a street
    ("முகவரி: பிளாட் 3C, கமலா குடியிருப்பு, பாரதி தெரு, மணப்பாறை - 621306", "ta", None,
     [("பிளாட் 3C, கமலா குடியிருப்பு, பாரதி தெரு", "address"), ("மணப்பாறை", "place"), ("621306", "postcode")]),
    # an Argentine back dwelling and a Spanish portal
    ("Dirección: Belgrano 410 (fondo), Tafí Viejo (CP 4103)", "es", None,
     [("Belgrano 410 (fondo)", "address"), ("Tafí Viejo", "place"), ("4103", "postcode")]),
    ("Domicilio: Avenida de la Paz 12, portal 3, 2.º B, 29004 Málaga.", "es", None,
     [("Avenida de la Paz 12, portal 3, 2.º B", "address"), ("29004", "postcode"), ("Málaga", "place")]),
    # short registrations after a registration or vehicle cue, the Danish plate and CPR number
    ("Insurance - Reg.: K418 | Plan: rest", "en", None, [("K418", "licence")]),
    ("Vehicle no.: AB731; School: pending", "en", None, [("AB731", "licence")]),
    ("Politiet noterede nummerplade AB 12 345 i går.", "en", None, [("AB 12 345", "licence")]),
    ("அவர் தன் CPR-nr. 120345-6789 சொன்னார்.", "ta", None, [("120345-6789", "ssn")]),
    # names after a role's label, a relation in apposition, a Tamil agent noun left alone
    ("Letterhead: Care coordinator: Ruby Fox. Contact sheet", "en", None, [("Ruby Fox", "name")]),
    ("ROI: Solicitor: Grace Moody.", "en", None, [("Grace Moody", "name")]),
    ("Note - Sent by: Jordan Hill. Plan: rest", "en", None, [("Jordan Hill", "name")]),
    # lower-case given names in strong frames
    ("She rang at noon. dave agreed to try the diary.", "en", None, [("dave", "name")]),
    ("Plan: check in with nina about the move.", "en", None, [("nina", "name")]),
    # dates: days "contados", a Tamil month's first day with its year, a Danish feast with its year
    ("Vuelve dentro de siete días contados.", "es", None, [("dentro de siete días contados", "date")]),
    ("தை முதல் நாள் 2016 அன்று ஊருக்குப் போனார்.", "ta", None, [("தை முதல் நாள் 2016", "date")]),
    ("We last spoke on Fastelavn 2009, she said.", "en", None, [("Fastelavn 2009", "date")]),
    # a town's field, a facility named after a doctor
    ("Fax: pending, Town: Brikama, Plan: rest", "en", None, [("Brikama", "place")]),
    ("Ingresó al Hospital General Dr. Aurelio Valdivieso ayer.", "es", None,
     [("Hospital General Dr. Aurelio Valdivieso", "place"), ("ayer", "date")]),
    ("அவர் வேலு நாச்சியார் நினைவுப் பள்ளி சென்றார்.", "ta", None, [("வேலு நாச்சியார் நினைவுப் பள்ளி", "place")]),
    # a Spanish neighbourhood with its lower-case article
    ("Su madre vive en el Albaicín desde hace años.", "es", None, [("el Albaicín", "place")]),
])
def test_rules_from_the_r20_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ("Date of next review: to be agreed.", "en", None),
    ("Carer for mother, ninety minutes each way.", "en", None),
    ("She works for mark: he is her manager.", "en", None),
    ("Grace: she said it helped.", "en", None),
    ("Her ratings stayed in the 30s most of the week.", "en", None),
    ("We met with them about the plan; she agreed to try it.", "en", None),
    ("The registration for the course is open.", "en", None),
    ("Prefiere venir los martes por la tarde.", "es", None),
    ("அவர் family doctor அனுப்பியவர்.", "ta", None),
    ("Los días contados le pesan.", "es", None),
    ("Vive en el centro con su hermana.", "es", None),
    ("அப்பாவின் நினைவு அவரை வாட்டுகிறது.", "ta", None),
    ("ஆடி மாதம் முதல் நாள் அவர் வந்தார்.", "ta", None),
])
def test_clinical_prose_left_alone_by_the_r20_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# (r21 round) issuers before a case, registration or membership cue, label words before their value with no colon,
# a relation's possessive, Nordic number cues, British verbs opening a sentence, Tamil verbal nouns, short licence
# numbers after an explicit cue, Norwegian plates, days of a relative month, feasts with a year after talking or
# before "அன்று", a date's year read as a house number, rural routes, house names before the street, Norwegian,
# Welsh and Irish facilities, region hospitals, Tamil town fields, given names that are countries' names
@pytest.mark.parametrize("text, lang, roster, expected", [
    # an issuer before its cue and number is no name; a state's code stays out of the ZIP
    ("Age: 93 | Harbourside Credit Union share account #5521", "en", None, [("93", "age"), ("5521", "account")]),
    ("PPSN 2345678K, Barnardos case ref: BR-551204", "en", None,
     [("2345678K", "id"), ("BR-551204", "id")]),
    ("código de asegurado SaludPlus: 3100798KLTS239G", "es", None, [("3100798KLTS239G", "id")]),
    ("Lives at 8 Elm Street, Dover, NH 03820.", "en", None,
     [("8 Elm Street", "address"), ("Dover", "place"), ("03820", "postcode")]),
    # label words before their value, a relation's possessive, a Nordic number cue, a British verb
    ("Mob 086 555 1234, Patient name Tara Quinn", "en", None,
     [("086 555 1234", "phone"), ("Tara Quinn", "name")]),
    ("Cell 087 555 1234, Town Bantry, Admitted 3 May 2020", "en", None,
     [("087 555 1234", "phone"), ("Bantry", "place"), ("3 May 2020", "date")]),
    ("We talked.\nSolicitor's fax for the hearing is 021 555 1234.", "en", None, [("021 555 1234", "fax")]),
    ("Sister rang. Mam's neighbour in Ennis called.", "en", None, [("Sister", "name"), ("Ennis", "place")]),
    ("IBAN NO77 9302 3006 705, NAV-nr. 9095755.", "ta", None,
     [("NO77 9302 3006 705", "account"), ("9095755", "id")]),
    ("Urges are down. Organised her week around work.", "en", None, []),
    ("Calle Mayor 4, 06357 Zafra, Fecha de nacimiento 8 de mayo de 1950", "es", None,
     [("Calle Mayor 4", "address"), ("06357", "postcode"), ("Zafra", "place"), ("8 de mayo de 1950", "date")]),
    ("பொங்கலுக்கு அம்மா ஊருக்குச் செல்வதா என்று யோசிக்கிறார்.", "ta", None, []),
    # short licence numbers after an explicit cue, Norwegian plates
    ("Age: 99 — LICSW license no. #612. Court letter", "en", None, [("99", "age"), ("612", "licence")]),
    ("Appt: 4/2/21 / LCMHC license no.: 77.", "en", None, [("4/2/21", "date"), ("77", "licence")]),
    ("kontakt - skilt #EL 40231, கைபேசி +47 439 11 800", "ta", None,
     [("EL 40231", "licence"), ("+47 439 11 800", "phone")]),
    # days of a relative month, feasts with a year, a date's year before "GP Dr.", exact weeks back
    ("The review moved to the 9th of next month, she thinks.", "en", None, [("the 9th of next month", "date")]),
    ("Vuelve el 14 del mes que viene.", "es", None, [("el 14 del mes que viene", "date")]),
    ("We talked about Gŵyl Ifan 2016, the last time.", "en", None, [("Gŵyl Ifan 2016", "date")]),
    ("Llegó.\nHablamos del Señor de los Temblores de 2019, la última vez.", "es", None,
     [("Señor de los Temblores de 2019", "date")]),
    ("அவர் காத்திருந்தார். Sankthans 2012 அன்றுதான் குடும்பம் கூடியது.", "ta", None, [("Sankthans 2012", "date")]),
    ("Billing: acct #2177000446, DOB 3 Jun 1950, GP Dr. Lee, Pt", "en", None,
     [("2177000446", "account"), ("3 Jun 1950", "date"), ("Lee", "name")]),
    ("Vino hace dos semanas exactas.", "es", None, [("hace dos semanas exactas", "date")]),
    # rural routes, house names before the street, a six-digit postcode after a cross street
    ("Home visit to RFD 2, Box 31, Antrim.", "en", None, [("RFD 2, Box 31", "address"), ("Antrim", "place")]),
    ("Billing: Addr: Ty Gwyn, 405 Heol Fawr, Cardigan SA43 9GY", "en", None,
     [("Ty Gwyn, 405 Heol Fawr", "address"), ("Cardigan", "place"), ("SA43 9GY", "postcode")]),
    ("Intake - Address: The Willows, Mill Street, Kenmare, V93 KR2H", "en", None,
     [("The Willows, Mill Street", "address"), ("Kenmare", "place"), ("V93 KR2H", "postcode")]),
    ("Home visit: Tveitaveien 12, H0302, Oslo.", "en", None, [("Tveitaveien 12, H0302", "address"), ("Oslo", "place")]),
    ("Domicilio: Calle Sol 4-12 y Calle Luna, 010150 Cuenca | x", "es", None,
     [("Calle Sol 4-12 y Calle Luna", "address"), ("010150", "postcode"), ("Cuenca", "place")]),
    # Norwegian, Welsh and Irish facilities, a hospital named after a state or a title
    ("மருத்துவமனை: Bergen sykehus — personnummer", "ta", None, [("Bergen sykehus", "place")]),
    ("Lambertseter videregående skole இலிருந்து discharge ஆன பிறகு", "ta", None,
     [("Lambertseter videregående skole", "place")]),
    ("Seen at: Vermont State Hospital; Plan: rest.", "en", None, [("Vermont State Hospital", "place")]),
    ("Her gran moved into Prince of Wales Infirmary last week.", "en", None,
     [("Prince of Wales Infirmary", "place")]),
    ("Delyth stayed at Plas y Dyffryn for two nights.", "en", None,
     [("Delyth", "name"), ("Plas y Dyffryn", "place")]),
    # a Tamil town's field and the town before a PIN, a town's field before a dash
    ("UAN: 109283462516; ஊர்: திருவிடைமருதூர். Billing", "ta", None,
     [("109283462516", "id"), ("திருவிடைமருதூர்", "place")]),
    ("Appt: 10/01/2025 — Town: Keene — Name: pending", "en", None, [("10/01/2025", "date"), ("Keene", "place")]),
    # given names that are countries' names, with a person's cue
    ("Pt: Jordan Greene / Fax: 603.627.6246.", "en", None, [("Jordan Greene", "name"), ("603.627.6246", "fax")]),
    ("We will proceed once Israel signs the release.", "en", None, [("Israel", "name")]),
    ("Nota breve: Francia cambia la cita para el lunes.", "es", None, [("Francia", "name")]),
    ("FN 2/5/1941, Usuaria Marta España, Contacto", "es", None, [("2/5/1941", "date"), ("Marta España", "name")]),
])
def test_rules_from_the_r21_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ("Licence no. 42 of the cohort was renewed.", "en", None),
    ("License score 45 today.", "en", None),
    ("She talked about it in 2016 a lot.", "en", None),
    ("Hablamos del informe de 2019.", "es", None),
    ("The Hospital at night was loud.", "en", None),
    ("Vi a su hermana hace una semana.", "es", None),
    ("He signs the forms once a week.", "en", None),
    ("Practised the breathing twice.", "en", None),
    ("அக்கா வீட்டுக்குப் போனார்.", "ta", None),
    ("Mam's cooking helped.", "en", None),
    ("The plan for the month is rest.", "en", None),
])
def test_clinical_prose_left_alone_by_the_r21_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# (r22 round) form headings before " | ", labels glued to a dash or before "=" with their lower-case words, issuers
# (camel-case brands, utilities after a customer-number cue, professional bodies, a state's short name before a
# licence), deities after "called", a Spanish future opening a sentence, scores out of ten after a weekday, "cada
# mañana", days of a relative month (English, Spanish "día", Tamil), "anoche", "first thing tomorrow", "recién
# terminado", Malaysian police report numbers, Bolivian one-digit area codes, "brevete", towns with "of" before a
# postcode, Tamil towns with an initial, side words before a Tamil ordinal street, Malaysian facilities
@pytest.mark.parametrize("text, lang, roster, expected", [
    # headings and labels
    ("Seen 3/4/2021. Intake | Next of kin: Jo Bailey, 0412 555 019.", "en", None,
     [("3/4/2021", "date"), ("Jo Bailey", "name"), ("0412 555 019", "phone")]),
    ("Triaje | Correo electrónico— ana.rojas@gmail.com, Tel— +56 9 5555 1234", "es", None,
     [("ana.rojas@gmail.com", "email"), ("+56 9 5555 1234", "phone")]),
    ("Call log, Age— 96, Date— 01/01/1979, Link— forms.gle/XYZ123abc", "en", None,
     [("96", "age"), ("01/01/1979", "date"), ("forms.gle/XYZ123abc", "url")]),
    ("Domicilio: Calle Mar 12, 35480 Villa Nueva, Persona responsable = Rafael Soto, Portal— https://vimeo.com/1234",
     "es", None, [("Calle Mar 12", "address"), ("35480", "postcode"), ("Villa Nueva", "place"),
                  ("Rafael Soto", "name"), ("https://vimeo.com/1234", "url")]),
    ("Calle Prat 12, Loncoche, Referente - Herminia Alvarado.", "es", None,
     [("Calle Prat 12", "address"), ("Loncoche", "place"), ("Herminia Alvarado", "name")]),
    # issuers before their numbers
    ("Card on file, Yukon KidCare ID# 6077531111, DOB: 2/3/98.", "en", None,
     [("6077531111", "id"), ("2/3/98", "date")]),
    ("Datos — n.º de cliente Frontel: 8391146-8 / Médica de cabecera: Ana Gil", "es", None,
     [("8391146-8", "id"), ("Ana Gil", "name")]),
    ("Atendida por Ema Lue, registro del Colegio de Enfermeras CE-5113.", "es", None,
     [("Ema Lue", "name"), ("CE-5113", "id")]),
    ("Passport PA8521111 / Vic licence: E100451 / Qld licence: 1234567.", "en", None,
     [("PA8521111", "id"), ("E100451", "licence"), ("1234567", "licence")]),
    # a deity after "called", a future verb, a score after a weekday, every morning
    ("She called God the only one who listens.", "en", None, []),
    ("Llamaré a su hermana el martes próximo.", "es", None, [("el martes próximo", "date")]),
    ("Anxiety rated 7/10 on Tuesday, 3/10 by Sunday.", "en", None, []),
    ("Sale a caminar cada mañana con el perro.", "es", None, []),
    # days of a relative month, relative days
    ("Rent is due on the 3rd of the month after, and was late the 9th of the month before.", "en", None,
     [("the 3rd of the month after", "date"), ("the 9th of the month before", "date")]),
    ("Le pagan el día 4 del mes pasado y el día 22 de este mes.", "es", None,
     [("día 4 del mes pasado", "date"), ("día 22 de este mes", "date")]),
    ("சம்பளம் அடுத்த மாதம் 12-ஆம் தேதி வருகிறது.", "ta", None, [("அடுத்த மாதம் 12-ஆம் தேதி", "date")]),
    ("La llamó anoche y otra vez el lunes recién terminado.", "es", None,
     [("anoche", "date"), ("el lunes recién terminado", "date")]),
    ("Next visit first thing tomorrow at the clinic.", "en", None, [("first thing tomorrow", "date")]),
    # numbers: a Malaysian police report, a one-digit area code, a Bolivian licence
    ("போலீஸ் ரிப்போர்ட்: IPD SEREMBAN/123456/23 கொடுத்தார்.", "ta", None, [("IPD SEREMBAN/123456/23", "id")]),
    ("Contacto de emergencia: Ana Ruiz, (4) 4814661, le deja mensajes desde el (2) 2245566.", "es", None,
     [("Ana Ruiz", "name"), ("(4) 4814661", "phone"), ("(2) 2245566", "phone")]),
    ("Placa 123ABC / brevete: 9824516 LP. Datos", "es", None, [("123ABC", "licence"), ("9824516 LP", "licence")]),
    # towns with "of", a Tamil town with an initial, a Tamil side word before an ordinal street, Malaysian places
    ("Addr— 18 Crown Road, Flat B, Bridge of Allan FK9 4AB, Email - x@y.com", "en", None,
     [("18 Crown Road, Flat B", "address"), ("Bridge of Allan", "place"), ("FK9 4AB", "postcode"),
      ("x@y.com", "email")]),
    ("Address: கதவு எண் 45-B, கீழ ராஜ வீதி, கே.புதூர் 630241 / Centre", "ta", None,
     [("கதவு எண் 45-B, கீழ ராஜ வீதி", "address"), ("கே.புதூர்", "place"), ("630241", "postcode")]),
    ("முகவரி = 12/4, மேல 3-ம் வீதி, காரைக்குடி 630001.", "ta", None,
     [("12/4, மேல 3-ம் வீதி", "address"), ("காரைக்குடி", "place"), ("630001", "postcode")]),
    ("இடம்— SJK(T) Ladang Bukit, மருத்துவமனை = Kuil Sri Maha Mariamman Taman Desa;", "ta", None,
     [("SJK(T) Ladang Bukit", "place"), ("Kuil Sri Maha Mariamman Taman Desa", "place")]),
])
def test_rules_from_the_r22_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ("Mood rated 4/10 this week.", "en", None),
    ("Pensé que sería más fácil.", "es", None),
    ("Most of the month was hard.", "en", None),
    ("Por la noche duerme mal.", "es", None),
    ("Couldn't sleep much; walks have helped.", "en", None),
    ("She scored the worksheet herself.", "en", None),
    ("Triage went well | plan next.", "en", None),
    ("அவர் 3-ம் வகுப்பு படிக்கிறார்.", "ta", None),
    ("Cada mañana escribe en su diario.", "es", None),
    ("The first thing she said was sorry.", "en", None),
])
def test_clinical_prose_left_alone_by_the_r22_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# (r23 round) ages after a label saying when the age was taken, Guatemalan ordinal streets and zones, Welsh flats and
# articles inside street names, Tamil door numbers with a letter, relative dates with a time of the day before them or
# a week after them, "on" before a postposed weekday phrase, "the other Friday", a date before a full stop that is no
# street, neighbourhoods and zones named with their lower-case word, fields that hold a place, marae and facilities
# named with their type first, Welsh towns with their article, hyphen-joined licence prefixes, given names that are
# Spanish function words or countries, agencies before their references, Tamil headings and Spanish nouns opening a
# sentence before "de"
@pytest.mark.parametrize("text, lang, roster, expected", [
    # ages after a dated age label
    ("Age on admission: 98 · Ward 4.", "en", None, [("98", "age")]),
    ("Age at time of referral - ninety-one.", "en", None, [("ninety-one", "age")]),
    ("Edad al ingreso: ciento dos; vive sola.", "es", None, [("ciento dos", "age")]),
    ("Pcte. Rosa, 95 a., orientada.", "es", None, [("Rosa", "name"), ("95", "age")]),
    # addresses
    ("Domicilio: 7.ª calle 3-21, zona 4, Mixco 01057.", "es", None,
     [("7.ª calle 3-21, zona 4", "address"), ("Mixco", "place"), ("01057", "postcode")]),
    ("Dirección: Calzada Roosevelt 22-43, zona 11, apto. 2, Chimaltenango.", "es", None,
     [("Calzada Roosevelt 22-43, zona 11, apto. 2", "address"), ("Chimaltenango", "place")]),
    ("Post to Fflat 2, 18 Ffordd y Mor, Aberaeron SA46 0AA.", "en", None,
     [("Fflat 2, 18 Ffordd y Mor", "address"), ("Aberaeron", "place"), ("SA46 0AA", "postcode")]),
    ("முகவரி: 41-D, காமராஜர் சாலை, ஓசூர் - 635109.", "ta", None,
     [("41-D, காமராஜர் சாலை", "address"), ("ஓசூர்", "place"), ("635109", "postcode")]),
    # relative dates
    ("She will ring come Friday week.", "en", None, [("come Friday week", "date")]),
    ("The fall happened late last Sunday.", "en", None, [("late last Sunday", "date")]),
    ("He is due back on Thursday next.", "en", None, [("on Thursday next", "date")]),
    ("They argued the other Saturday evening.", "en", None, [("the other Saturday evening", "date")]),
    ("Review - Tuesday 4 June. Court letter follows.", "en", None, [("Tuesday 4 June", "date")]),
    # places
    ("Vive con su tía en barrio La Esperanza de Comayagua.", "es", None,
     [("barrio La Esperanza de Comayagua", "place")]),
    ("Centro de origen: urbanización Santa Luisa; Tel.", "es", None, [("urbanización Santa Luisa", "place")]),
    ("Placement: Lame Deer — Fax", "en", None, [("Lame Deer", "place")]),
    ("பதிவு முடிந்தது; மருத்துவமனை கெலமங்கலம்; UAN", "ta", None, [("கெலமங்கலம்", "place")]),
    ("She went to Te Herenga Waka Marae for the hui.", "en", None, [("Te Herenga Waka Marae", "place")]),
    ("She now studies at Coleg Menai on Mondays.", "en", None, [("Coleg Menai", "place")]),
    ("He moved to Y Rhyl last year.", "en", None, [("Y Rhyl", "place")]),
    ("Trabaja frente al Instituto Nacional Ramón Rosa.", "es", None, [("Instituto Nacional Ramón Rosa", "place")]),
    # names, a licence, agencies
    ("LCPC lic. MT-LCPC-LIC-2210 on file.", "en", None, [("MT-LCPC-LIC-2210", "licence")]),
    ("HCPC membership no.: 4417 | Seen", "en", None, [("4417", "licence")]),
    ("Psicóloga con colegiatura activa n.º 5521.", "es", None, [("5521", "licence")]),
    ("Lives at 88 Willow Coulee, Apt 2.", "en", None, [("88 Willow Coulee, Apt 2", "address")]),
    ("அவர் வர்ற வெள்ளிக்கிழமை வருவார்.", "ta", None, [("வர்ற வெள்ளிக்கிழமை", "date")]),
    ("Her sponsor Pero Lindqvist called.", "en", None, [("Pero Lindqvist", "name")]),
    ("Chad signed the plan.", "en", None, [("Chad", "name")]),
    ("Gwent Police ref GP-55102; Kainga Ora ref KO-88123.", "en", None,
     [("GP-55102", "id"), ("KO-88123", "id")]),
    ("Seguimiento de Marta Lozano en consulta.", "es", None, [("Marta Lozano", "name")]),
])
def test_rules_from_the_r23_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ("Age at referral: 47; lives with her son.", "en", None),
    ("Age at first drink: 14.", "en", None),
    ("Edad al ingreso: 63 años.", "es", None),
    ("Monday is the hardest day of the week.", "en", None),
    ("She was too late last time.", "en", None),
    ("She comes every other Friday.", "en", None),
    ("Quedó en 4.º lugar de la carrera.", "es", None),
    ("El barrio es tranquilo de noche.", "es", None),
    ("We talked about the marae and what it means to her.", "en", None),
    ("Placement: foster care is still being discussed.", "en", None),
    ("Pcte. con 36 a. de evolución del cuadro.", "es", None),
    ("அவர் பள்ளி முடிந்து வீட்டுக்கு வந்தார்.", "ta", None),
    ("India came up when we talked about travel.", "en", None),
    ("Pero no quiso hablar de eso.", "es", None),
])
def test_clinical_prose_left_alone_by_the_r23_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# (r24 round) ages after an age label naming whose age it is, a time of the day before a weekday alone, "nomás" after
# the days, "N days since", Chilean and Tamil plate cues, a register's letters before its code, police inquiry files,
# Malaysian high-rise addresses, area and facility fields, Tamil areas named with "பகுதி", saints' towns, acronyms of
# institutions one is admitted to; form headings, acronym and utility issuers, a state code after a unit, kept out
@pytest.mark.parametrize("text, lang, roster, expected", [
    ('Housing form — Age (NOK): 96; seen at home.', 'en', None,
     [('96', 'age')]),
    ('Age of carer – ninety-two; lives nearby.', 'en', None,
     [('ninety-two', 'age')]),
    ('Ficha: Edad de la cuidadora – noventa y uno; vive sola.', 'es', None,
     [('noventa y uno', 'age')]),
    ('Her brother phoned late on Tuesday, upset.', 'en', None,
     [('late on Tuesday', 'date')]),
    ('The social worker will ring first thing Thursday about the flat.', 'en', None,
     [('first thing Thursday', 'date')]),
    ('La vio hace tres días nomás en la consulta.', 'es', None,
     [('hace tres días nomás', 'date')]),
    ('The row at the bus depot in Minot eleven days since.', 'en', None,
     [('Minot', 'place'), ('eleven days since', 'date')]),
    ('Registro (placa patente KD·RT·61 | Correo pendiente).', 'es', None,
     [('KD·RT·61', 'licence')]),
    ('Datos del vehículo: PPU HJKL-27; sin multas.', 'es', None,
     [('HJKL-27', 'licence')]),
    ('அவரது கார் நம்பர் WXY 4821; அழைக்கவும்.', 'ta', None,
     [('WXY 4821', 'licence')]),
    ('Sello: diligencias 417/2022; pendiente.', 'es', None,
     [('417/2022', 'id')]),
    ('Mail to: 7-12-3, Pangsapuri Seri Melati, Jalan Kebun 2, 41100 Klang.', 'en', None,
     [('7-12-3, Pangsapuri Seri Melati, Jalan Kebun 2', 'address'), ('41100', 'postcode'), ('Klang', 'place')]),
    ('Tenancy form — District: Lower Ormeau; GP: Dr. Ellis.', 'en', None,
     [('Lower Ormeau', 'place'), ('Ellis', 'name')]),
    ('Held at: Larkfield Community College; plate AB12 CDE.', 'en', None,
     [('Larkfield Community College', 'place'), ('AB12 CDE', 'licence')]),
    ("She lives with her niece near St. Brigid's, NL A1B 2C3.", 'en', None,
     [("St. Brigid's", 'place'), ('A1B 2C3', 'postcode')]),
    ('REFERRAL DESK | Seen: 4 May 2019 | Worker: Anna Reilly.', 'en', None,
     [('4 May 2019', 'date'), ('Anna Reilly', 'name')]),
    ('Welfare check — Foster carer – Bronagh Quill (Callback 028 9044 1234).', 'en', None,
     [('Bronagh Quill', 'name'), ('028 9044 1234', 'phone')]),
    ('Cuenta: cliente AGUAS 77120-3; expediente SENAME SENAME-4471.', 'es', None,
     [('77120-3', 'id'), ('SENAME-4471', 'id')]),
    ('Billing: Bismarck water utility account 44-1234567-8.', 'en', None,
     [('44-1234567-8', 'account')]),
    ('Lives at: 12 Prairie Road, Unit 3, ND 58501.', 'en', None,
     [('12 Prairie Road, Unit 3', 'address'), ('58501', 'postcode')]),
    ('விவரத் திருத்தம் | பி. தேதி: 02.03.1941 | கைப்பேசி – 98421 33017.', 'ta', None,
     [('02.03.1941', 'date'), ('98421 33017', 'phone')]),
    ('வசிக்கும் பகுதி: மேலவீதி; கைப்பேசி 98421 33017.', 'ta', None,
     [('மேலவீதி', 'place'), ('98421 33017', 'phone')]),
    ('முகவரி: எண் 4, கோயில் தெரு, மேலூர் பகுதி - 625 106.', 'ta', None,
     [('எண் 4, கோயில் தெரு', 'address'), ('மேலூர் பகுதி', 'place'), ('625 106', 'postcode')]),
    ('Estuvo internada en el CEDIMAT desde el lunes.', 'es', None,
     [('CEDIMAT', 'place')]),
])
def test_rules_from_the_r24_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ('Age of onset: 14; no family history.', 'en', None),
    ('She arrived late on Monday again.', 'en', None),
    ('We meet early on Mondays.', 'en', None),
    ('She was discharged four days later and felt better.', 'en', None),
    ('She has been counting the days since.', 'en', None),
    ('No más de tres días sin llamar.', 'es', None),
    ('The plan | review next week.', 'en', None),
    ('Team huddle — nothing to add.', 'en', None),
    ('Area: mental health team.', 'en', None),
    ('She was admitted to the ICU overnight.', 'en', None),
    ('வரவேற்பு மேசை | அடுத்த வாரம்.', 'ta', None),
])
def test_clinical_prose_left_alone_by_the_r24_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# --------------------------------------------------------------------------- r25 round
@pytest.mark.parametrize("text, lang, roster, expected", [
    ('Rang the office late Wednesday last about the lease.', 'en', None, [('late Wednesday last', 'date')]),
    ('Rebooked for: Tuesday coming · Copy to: the GP.', 'en', None, [('Tuesday coming', 'date')]),
    ('He was picked up last Friday arvo by his cousin.', 'en', None, [('last Friday arvo', 'date')]),
    ('She rang last thing yesterday to cancel.', 'en', None, [('last thing yesterday', 'date')]),
    ('The letter went out nine days before today.', 'en', None, [('nine days before today', 'date')]),
    ('Review due six days on from today.', 'en', None, [('six days on from today', 'date')]),
    ('Le dieron el alta el jueves próximo pasado.', 'es', None, [('el jueves próximo pasado', 'date')]),
    ('Llamó anteayer en la nochecita para avisar.', 'es', None, [('anteayer en la nochecita', 'date')]),
    ('La vista es el 2019ko maiatzaren 14an en Bilbao.', 'es', None,
     [('2019ko maiatzaren 14an', 'date'), ('Bilbao', 'place')]),
    ('Nació: 1961eko irailaren 3a.', 'es', None, [('1961eko irailaren 3a', 'date')]),
    ('அவர் கடந்த புதனன்று வந்தார்.', 'ta', None, [('கடந்த புதனன்று', 'date')]),
    ('பிறந்த திகதி: ஓகஸ்ட் 12, 1948.', 'ta', None, [('ஓகஸ்ட் 12, 1948', 'date')]),
    ('முறைப்பாட்டு இலக்கம்: CID IV/1207 என்று சொன்னார்.', 'ta', None, [('CID IV/1207', 'id')]),
    ('La referencia es NIG 28079 13 1 2021 0004471.', 'es', None, [('28079 13 1 2021 0004471', 'id')]),
    ('Cortaron la luz; NIC de DelSur: 3252561. Proveedor: la empresa; NIT: 800.123.456-7.', 'es', None,
     [('3252561', 'id'), ('800.123.456-7', 'id')]),
    ('Carer form // Grandmother aged: 96 // GP: Dr. Lee.', 'en', None, [('96', 'age'), ('Lee', 'name')]),
    ('Intake sheet => Peer support worker: Ana Kowalczyk; Born: 2/3/1950.', 'en', None,
     [('Ana Kowalczyk', 'name'), ('2/3/1950', 'date')]),
    ('Registro » Orientador: Íñigo Larrañaga · Nació: 4-5-1966.', 'es', None,
     [('Íñigo Larrañaga', 'name'), ('4-5-1966', 'date')]),
    ('Referral // Tusla ref: TUS/W/19/44718 // Advocate: Maeve Brophy.', 'en', None,
     [('TUS/W/19/44718', 'id'), ('Maeve Brophy', 'name')]),
    ('Rose said: she would call back.', 'en', None, [('Rose', 'name')]),
    ('Met w/ Kaja re: the plan.', 'en', None, [('Kaja', 'name')]),
    ('வீட்டு விஜயம் // சமூக சேவையாளர்: க. ரமேஷ்.', 'ta', None, [('க. ரமேஷ்', 'name')]),
    ('Outreach log » Locality: Rathcoole · Next of kin: Aoife Dunne.', 'en', None,
     [('Rathcoole', 'place'), ('Aoife Dunne', 'name')]),
    ('Vive en: Pasaje Los Almendros, polígono C, casa 7, Apopa.', 'es', None,
     [('Pasaje Los Almendros, polígono C, casa 7', 'address'), ('Apopa', 'place')]),
    ('முகவரி: இல. 41/A, கடற்கரை வீதி, கல்லடி.', 'ta', None,
     [('இல. 41/A, கடற்கரை வீதி', 'address'), ('கல்லடி', 'place')]),
])
def test_rules_from_the_r25_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ('Thursday last year was hard for her.', 'en', None),
    ('He came early on Mondays; arvo sessions suit him.', 'en', None),
    ('El próximo paso es hablar con su madre.', 'es', None),
    ('Hablamos en la tarde sobre el trabajo.', 'es', None),
    ('Tiene 20 años y estudia euskera.', 'es', None),
    ('அடுத்த அமர்வில் பேசுவோம்.', 'ta', None),
    ('The complaint number was never given to her.', 'en', None),
    ('El proceso lleva 3 meses.', 'es', None),
    ('Her grandmother aged quickly after the fall.', 'en', None),
    ('Texts pasted: Mark: see you soon.', 'en', None),
    ('She asked for a reference from her old employer.', 'en', None),
    ('Grace came up twice as a word in the group.', 'en', None),
    ('We used a Timeline and a Body Scan in the session.', 'en', None),
    ('Timeline work continues next week.', 'en', None),
    ('Locality: unknown at present.', 'en', None),
    ('Vive en casa de su tía desde marzo.', 'es', None),
])
def test_clinical_prose_left_alone_by_the_r25_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# --------------------------------------------------------------------------- round 27 tuning (on r26)
@pytest.mark.parametrize("text, lang, roster, expected", [
    # weekday + a following word that places it; counted days from this morning or this one; day parts
    ('Next appointment: the Thursday upcoming + Key worker: Lowri Pryce.', 'en', None,
     [('the Thursday upcoming', 'date'), ('Lowri Pryce', 'name')]),
    ('Call back: Monday first coming ~ Fax: 01382 445566.', 'en', None,
     [('Monday first coming', 'date'), ('01382 445566', 'fax')]),
    ('She phoned the ward on Tuesday there and sounded calmer.', 'en', None, [('on Tuesday there', 'date')]),
    ('Missed: Wednesday of this past week.', 'en', None, [('Wednesday of this past week', 'date')]),
    ('He left the hostel the Saturday just by.', 'en', None, [('the Saturday just by', 'date')]),
    ('The tribunal sits twelve days from this morning.', 'en', None, [('twelve days from this morning', 'date')]),
    ('Last seen: three days before this one :: Area: Whitfield.', 'en', None,
     [('three days before this one', 'date'), ('Whitfield', 'place')]),
    ('Her uncle died four days back now, she said.', 'en', None, [('four days back now', 'date')]),
    ('She rang yesterday forenoon.', 'en', None, [('yesterday forenoon', 'date')]),
    ('Intake received: Oct. 4/71 -> Review due.', 'en', None, [('Oct. 4/71', 'date')]),
    ('பிறந்த தேதி: 9 juillet 1958 | IP: 10.4.4.8', 'ta', None, [('9 juillet 1958', 'date'), ('10.4.4.8', 'ip')]),
    ('Faltó: el domingo que se fue ~ Tutora: Irene Baeza.', 'es', None,
     [('el domingo que se fue', 'date'), ('Irene Baeza', 'name')]),
    ('Lo verá este viernes que llega.', 'es', None, [('este viernes que llega', 'date')]),
    ('Murió seis días atrás justos.', 'es', None, [('seis días atrás justos', 'date')]),
    ('Llamó anteayer de mañana.', 'es', None, [('anteayer de mañana', 'date')]),
    ('அடுத்த சந்திப்பு: அடுத்த வெள்ளி அன்று.', 'ta', None, [('அடுத்த வெள்ளி அன்று', 'date')]),
    ('அடுத்த சந்திப்பு: இன்னும் ஆறு நாள்ல.', 'ta', None, [('இன்னும் ஆறு நாள்ல', 'date')]),
    ('மறுபரிசீலனை: நாளைக்கு மாலையில.', 'ta', None, [('நாளைக்கு மாலையில', 'date')]),
    # addresses: lettered avenues, Ecuadorian buildings and blocks, Tamil blocks and the PIN after them
    ('Lives at: 912 Avenue K North, Unit 4 SK S7L 2B3.', 'en', None,
     [('912 Avenue K North, Unit 4', 'address'), ('S7L 2B3', 'postcode')]),
    ('Vive en: calle Olmedo 214, edificio Los Álamos, dpto. 3C, Manta.', 'es', None,
     [('calle Olmedo 214, edificio Los Álamos, dpto. 3C', 'address'), ('Manta', 'place')]),
    ('Domicilio: Cdla. Las Orquídeas, Mz. 14, villa 9, Milagro.', 'es', None,
     [('Cdla. Las Orquídeas, Mz. 14, villa 9', 'address'), ('Milagro', 'place')]),
    ('Domicilio: calle Rivera 880 bis, Melo.', 'es', None, [('calle Rivera 880 bis', 'address'), ('Melo', 'place')]),
    ('முகவரி: பிளாக் 9, வீடு எண் 41 - 607 802.', 'ta', None,
     [('பிளாக் 9, வீடு எண் 41', 'address'), ('607 802', 'postcode')]),
    # place fields after any separator, ordinary words and all
    ('Fax: 01307 223344 + Community: Onion Lake Cree Nation + Born: 2/2/1962.', 'en', None,
     [('01307 223344', 'fax'), ('Onion Lake Cree Nation', 'place'), ('2/2/1962', 'date')]),
    ('Custody: Grafton Correctional Centre ~ Raised in: Bell Rock.', 'en', None,
     [('Grafton Correctional Centre', 'place'), ('Bell Rock', 'place')]),
    ('Procedencia: la parroquia Tarqui | Acogida en: albergue municipal de Loja.', 'es', None,
     [('parroquia Tarqui', 'place'), ('albergue municipal de Loja', 'place')]),
    ('Su primo está preso en Unidad n.º 7 de varones.', 'es', None, [('Unidad n.º 7 de varones', 'place')]),
    ('பகுதி: பண்ருட்டி வட்டம் + உறவினர்: ரா. கமலா.', 'ta', None,
     [('பண்ருட்டி வட்டம்', 'place'), ('ரா. கமலா', 'name')]),
    # numbers: French plates and mobiles, census and Tamil CSR numbers, ages in a household's field
    ('Sa voiture (plaque GH-214-KL) est au garage.', 'en', None, [('GH-214-KL', 'licence')]),
    ('மருத்துவர்: +33 (0)6 41 52 63 74.', 'ta', None, [('+33 (0)6 41 52 63 74', 'phone')]),
    ('Hopi census no. 441207 + Oldest in household, aged: 97.', 'en', None,
     [('441207', 'id'), ('97', 'age')]),
    ('புகார் விவரம்: CSR எண் 3321/22.', 'ta', None, [('3321/22', 'id')]),
    # labels and issuers kept from names: after " + ", " ~ ", " -> "
    ('Seen at: Ashludie Clinic + Elder: Maren Tollefsen ~ Foster carer: Ilse Brandt.', 'en', None,
     [('Ashludie Clinic', 'place'), ('Maren Tollefsen', 'name'), ('Ilse Brandt', 'name')]),
    ('Whitegate hospital no. W448812 -> Area: Lochside.', 'en', None, [('W448812', 'mrn'), ('Lochside', 'place')]),
])
def test_rules_from_the_r26_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ('It was a day later that she told us.', 'en', None),
    ('On Monday there was a fire drill.', 'en', None),
    ('First we talked about the job.', 'en', None),
    ('She did it for four days back to back.', 'en', None),
    ('El sábado que llega su hija hacen una fiesta.', 'es', None),
    ('Custody: shared with her mother.', 'en', None),
    ('Custody: Grandmother.', 'en', None),
    ('Hope is not a word he uses.', 'en', None),
    ('We tried Compassion-Focused imagery again.', 'en', None),
    ('Terminamos con un Escaneo Corporal.', 'es', None),
    ('Area: not recorded ~ School: not known.', 'en', None),
    ('The oldest in the household was asleep.', 'en', None),
    ('இன்னும் ஒரு நாள் காத்திருந்தார்.', 'ta', None),
    ('Tiene la cita de control en la mañana.', 'es', None),
])
def test_clinical_prose_left_alone_by_the_r26_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


# --------------------------------------------------------------------------- round 28 tuning (on r27)
@pytest.mark.parametrize("text, lang, roster, expected", [
    # relative dates as a grammar: an anchor and the deictic words after it
    ('Rebooked for: the evening after tomorrow.', 'en', None, [('the evening after tomorrow', 'date')]),
    ('She slept badly the afternoon before yesterday.', 'en', None, [('the afternoon before yesterday', 'date')]),
    ('Callback due: last night but one.', 'en', None, [('last night but one', 'date')]),
    ('The hearing falls the Monday after this.', 'en', None, [('the Monday after this', 'date')]),
    ('She came in Tuesday last gone.', 'en', None, [('Tuesday last gone', 'date')]),
    ('Follow-up: four days on from now.', 'en', None, [('four days on from now', 'date')]),
    ('Missed: twelve days previous.', 'en', None, [('twelve days previous', 'date')]),
    ('He will move in ten days flat.', 'en', None, [('in ten days flat', 'date')]),
    ('The letter came three days ago exactly.', 'en', None, [('three days ago exactly', 'date')]),
    ('Her grandson moves in two sleeps.', 'en', None, [('in two sleeps', 'date')]),
    ('The bailiff called tomorrow at noon, she thought.', 'en', None, [('tomorrow at noon', 'date')]),
    ('He rang yesterday at dawn.', 'en', None, [('yesterday at dawn', 'date')]),
    ('She wrote to the landlord five days since and heard nothing.', 'en', None, [('five days since', 'date')]),
    ('Su hija vino este jueves ya pasado.', 'es', None, [('este jueves ya pasado', 'date')]),
    ('Nueva cita: en cinco días a partir de hoy.', 'es', None, [('en cinco días a partir de hoy', 'date')]),
    ('La carta llegó hace nueve días exactamente.', 'es', None, [('hace nueve días exactamente', 'date')]),
    ('Cita movida a: el viernes de la semana que viene.', 'es', None, [('el viernes de la semana que viene', 'date')]),
    ('Cita movida a: el lunes de esta semana que viene.', 'es', None, [('el lunes de esta semana que viene', 'date')]),
    ('வரவில்லை: சரியாக மூன்று நாள் முன்னால்.', 'ta', None, [('சரியாக மூன்று நாள் முன்னால்', 'date')]),
    ('அழைப்பு: நான்கு நாள் கழிச்சு.', 'ta', None, [('நான்கு நாள் கழிச்சு', 'date')]),
    # a day, a full stop and a month's name in German, Dutch, Italian
    ('பிறந்த தேதி: 3. März 1988.', 'ta', None, [('3. März 1988', 'date')]),
    ('Nächster Termin: 21. Oktober.', 'en', None, [('21. Oktober', 'date')]),
    ('Geboren op 9 augustus 1979 in Gent.', 'en', None, [('9 augustus 1979', 'date'), ('Gent', 'place')]),
    ('Nata il 12 luglio 2001.', 'es', None, [('12 luglio 2001', 'date')]),
    # addresses: Costa Rican landmarks and grids, condominiums, Utah grids, a house's name before the street
    ('Domicilio: 200 metros sur y 50 oeste de la escuela Los Ángeles, casa 9, Heredia.', 'es', None,
     [('200 metros sur y 50 oeste de la escuela Los Ángeles, casa 9', 'address'), ('Heredia', 'place')]),
    ('Vive en: Calle 4, avenidas 2 y 6, casa 18, Cartago.', 'es', None,
     [('Calle 4, avenidas 2 y 6, casa 18', 'address'), ('Cartago', 'place')]),
    ('Vive en: Condominio Vista del Valle, casa 7, Heredia.', 'es', None,
     [('Condominio Vista del Valle, casa 7', 'address'), ('Heredia', 'place')]),
    ('Mailing: 1450 E 300 S, Apt 4, Provo.', 'en', None, [('1450 E 300 S, Apt 4', 'address'), ('Provo', 'place')]),
    ('Postal: Bryn y Mor, 12 Harbour Road, Penzance.', 'en', None,
     [('Bryn y Mor, 12 Harbour Road', 'address'), ('Penzance', 'place')]),
    # an age after its label and a relative, no separator
    ('Edad de la abuela materna 97.', 'es', None, [('97', 'age')]),
    ('Age of great-uncle 101 · Email on file.', 'en', None, [('101', 'age')]),
    # places by a field or a verb
    ('Staying at: Harbour Light Housing, Next of kin: Colm Reddy.', 'en', None,
     [('Harbour Light Housing', 'place'), ('Colm Reddy', 'name')]),
    ('Matriculado en: Universidad Nacional de Heredia | Abogado: Lic. Mora.', 'es', None,
     [('Universidad Nacional de Heredia', 'place'), ('Mora', 'name')]),
    ('He volunteers at Temple Beth Shalom on Sundays.', 'en', None, [('Temple Beth Shalom', 'place')]),
    ('Va a misa en la parroquia Santa Teresa de Jesús cada domingo.', 'es', None,
     [('parroquia Santa Teresa de Jesús', 'place')]),
    ('தங்குமிடம்: முதியோர் காப்பகம்.', 'ta', None, [('முதியோர் காப்பகம்', 'place')]),
    # licences and ids
    ('Le quitaron la tablilla HJK-552.', 'es', None, [('HJK-552', 'licence')]),
    ('Aufenthalt: N-Ausweis 77120043.5.', 'en', None, [('77120043.5', 'id')]),
    # issuers and common words no names or places
    ('Lives with her son. Mercy Hospital MRN 4471203.', 'en', None, [('4471203', 'mrn')]),
    ('St. Vincent\'s MRN SV2231004 on file.', 'en', None, [('SV2231004', 'mrn')]),
    ('Trust came up as something hard to rebuild.', 'en', None, []),
    ('Mailing: 22 Wharf Street, NSW / Follow-up: Friday.', 'en', None, [('22 Wharf Street', 'address')]),
])
def test_rules_from_the_r27_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ('She stayed for three days previous to the move.', 'en', None),
    ('He walked in the morning after the rain.', 'en', None),
    ('Caminamos 300 metros norte y descansamos.', 'es', None),
    ('Staying at: home.', 'en', None),
    ('Day centre: Monday and Friday.', 'en', None),
    ('She volunteers at weekends.', 'en', None),
    ('The age of carers 90 and over is rising.', 'en', None),
    ('Hablamos de la lluvia y de la casa.', 'es', None),
    ('A pros and cons list helped her decide.', 'en', None),
    ('Her will power is low this week.', 'en', None),
    ('Durante dos días a partir de entonces no comió.', 'es', None),
    ('ஆழ்ந்த சுவாசப் பயிற்சியை செய்தோம்; தேநீர் கொடுத்தார்.', 'ta', None),
    ('The gap at 4 N 5 was small.', 'en', None),
    ('It has been four days since and she is calmer.', 'en', None),
    ('She took three days\' time off work.', 'en', None),
])
def test_clinical_prose_left_alone_by_the_r27_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []


@pytest.mark.parametrize("text, lang, roster, expected", [
    # ages after a relation, its adjective and joining words, before any separator
    ('Reception slip ~ Great-uncle was: 104 ~ Named carer: Ona Reilly.', 'en', None,
     [('104', 'age'), ('Ona Reilly', 'name')]),
    ('Intake crib: Grandmother is: ninety-eight; From: Clonmany.', 'en', None,
     [('ninety-eight', 'age'), ('Clonmany', 'place')]),
    ('Tía abuela paterna, de: noventa y cuatro + Domicilio: Calle 12 # 4-20.', 'es', None,
     [('noventa y cuatro', 'age'), ('Calle 12 # 4-20', 'address')]),
    ('Bisabuelo, tiene: ciento dos ~ Revisión: mañana.', 'es', None, [('ciento dos', 'age'), ('mañana', 'date')]),
    ('Oldest at home, aged: 99 · Next of kin: Ravi Menon.', 'en', None, [('99', 'age'), ('Ravi Menon', 'name')]),
    # relative dates
    ('She was discharged a good nine days ago.', 'en', None, [('a good nine days ago', 'date')]),
    ('Próxima revisión: ya hace doce días.', 'es', None, [('ya hace doce días', 'date')]),
    ('ஐந்து நாள் முந்தி அவர் வந்தார்.', 'ta', None, [('ஐந்து நாள் முந்தி', 'date')]),
    ('மறு சந்திப்பு: நாளையிண்டைக்கு.', 'ta', None, [('நாளையிண்டைக்கு', 'date')]),
    # a bare domain under a country's second-level domain, with a path
    ('Donations via fundraise.org.nz/p/kai-for-kids now.', 'en', None, [('fundraise.org.nz/p/kai-for-kids', 'url')]),
    # addresses: a named house after an address label, an Irish street after a building, Sri Lankan lanes and
    # housing schemes, a German floor, a New Zealand rural delivery
    ('Lives at: Rose Cottage, Ballyliffin ~ GP: Dr. Ahern.', 'en', None,
     [('Rose Cottage, Ballyliffin', 'address'), ('Ahern', 'name')]),
    ('Send post to: Flat 2, Harbour House, Sráid an Mhuilinn + Fax line: 074 91 22334.', 'en', None,
     [('Flat 2, Harbour House, Sráid an Mhuilinn', 'address'), ('074 91 22334', 'fax')]),
    ('Postal: 14 Na Stáblaí ~ Next review: Friday.', 'en', None, [('14 Na Stáblaí', 'address')]),
    ('முகவரி: இல. 42, ஆஸ்பத்திரி வீதி, நான்காம் ஒழுங்கை, வவுனியா.', 'ta', None,
     [('இல. 42, ஆஸ்பத்திரி வீதி, நான்காம் ஒழுங்கை', 'address'), ('வவுனியா', 'place')]),
    ('முகவரி: 7/2, மாதா கோவில் ஒழுங்கை.', 'ta', None, [('7/2, மாதா கோவில் ஒழுங்கை', 'address')]),
    ('அஞ்சல்: வீட்டுத் திட்டம் 9, கணேசபுரம்.', 'ta', None, [('வீட்டுத் திட்டம் 9, கணேசபுரம்', 'address')]),
    ('அவர் இப்போது Lindenstraße 4, 3. OG என்ற முகவரியில் இருக்கிறார்.', 'ta', None,
     [('Lindenstraße 4, 3. OG', 'address')]),
    ('Postal: RD 2, 418 Kōwhai Road, Katikati 3170.', 'en', None,
     [('RD 2, 418 Kōwhai Road', 'address'), ('Katikati', 'place'), ('3170', 'postcode')]),
    # numbers by their German, Irish, New Zealand and Sri Lankan cues
    ('Reisepass C4KJ7LMN2 ~ Steuer-ID 58312907461.', 'en', None, [('C4KJ7LMN2', 'id'), ('58312907461', 'ssn')]),
    ('Aktenzeichen 4 XVII 2211/22 liegt vor.', 'en', None, [('4 XVII 2211/22', 'id')]),
    ('Kundennummer 771203948 ~ PTK-Mitgliedsnr. 44120.', 'en', None, [('771203948', 'account'), ('44120', 'licence')]),
    ('Garda PULSE incident 55120931 on file.', 'en', None, [('55120931', 'id')]),
    ('வைத்தியசாலைப் பதிவு இலக்கம் 44120/21 உள்ளது.', 'ta', None, [('44120/21', 'mrn')]),
    ('CIB இலக்கம் CIB 7/220/23 பதிவானது.', 'ta', None, [('CIB 7/220/23', 'id')]),
    # places: a court where one is placed, a place one is admitted to or moved out of, field places
    ('Placed at: Hamilton Youth Court.', 'en', None, [('Hamilton Youth Court', 'place')]),
    ('She was admitted to Te Whare o Rehua on Monday.', 'en', None, [('Te Whare o Rehua', 'place')]),
    ('Staying in: Bay of Islands ~ From: Mount Maunganui.', 'en', None,
     [('Bay of Islands', 'place'), ('Mount Maunganui', 'place')]),
    ('Placed at: Charles T. Moore Jr. Hospital.', 'en', None, [('Charles T. Moore Jr. Hospital', 'place')]),
    ('Ingresado en: Hogar San José 12 + Reside en: La Florida.', 'es', None,
     [('Hogar San José 12', 'place'), ('La Florida', 'place')]),
    ('படிக்கும் இடம்: யாழ்ப்பாணம் இந்துக் கல்லூரி.', 'ta', None, [('யாழ்ப்பாணம் இந்துக் கல்லூரி', 'place')]),
    # headings and relations no names
    ('Rota sheet ▸ Session IP: 10.1.4.22', 'en', None, [('10.1.4.22', 'ip')]),
])
def test_rules_from_the_r28_round(text, lang, roster, expected):
    assert found(text, lang=lang, roster=roster) == expected


@pytest.mark.parametrize("text, lang, roster", [
    ('Her grandmother is 92 minutes away by bus.', 'en', None),
    ('Abuela materna, de visita esta semana.', 'es', None),
    ('He was discharged four days later and rested.', 'en', None),
    ('Ya hace frío en la mañana.', 'es', None),
    ('See e.g. the worksheet we made.', 'en', None),
    ('Lives at: home with her sister.', 'en', None),
    ('From: Home.', 'en', None),
    ('Staying in: tonight.', 'en', None),
    ('She was admitted to feeling low.', 'en', None),
    ('We tried a Behavioural Experiment at the shop.', 'en', None),
    ('She attends court in the District Court building.', 'en', None),
    ('அவர் வீட்டுக்குப் போனார்.', 'ta', None),
    ('He moved out of town last year.', 'en', None),
])
def test_clinical_prose_left_alone_by_the_r28_rules(text, lang, roster):
    assert found(text, lang=lang, roster=roster) == []
