"""Arrow tables of bmn_household and bmn_person for one province and year."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from tpmap.core.indicators import MAX_INDICATORS
from tpmap.synth import ids, vocab
from tpmap.synth.layout import ProvinceLayout
from tpmap.synth.output import (
    IND_COLUMNS,
    coded,
    const,
    dates,
    floats,
    numbers,
    small_numbers,
    table,
)
from tpmap.synth.population import birth_dates
from tpmap.synth.survey import Survey

_BINARY = pa.array(["0", "1"], pa.string())


def household_table(lay: ProvinceLayout, s: Survey) -> pa.Table:
    n = lay.n
    cols: dict[str, pa.Array] = {
        "household_id": ids.to_strings(lay.household_id),
        "village_code": coded(lay.village_ids, [str(v) for v in lay.villages.tolist()]),
        "village_name": coded(lay.village_ids, lay.village_names),
        "house_no": lay.house_no,
        "questionnaire": const(s.questionnaire, n),
    }
    for i in range(MAX_INDICATORS):
        cols[IND_COLUMNS[i]] = coded(s.indicators[:, i], _BINARY)
    cols.update(
        {
            "income_total": numbers(s.income_total),
            "debt_formal": numbers(s.debt_formal),
            "debt_informal": numbers(s.debt_informal),
            "savings": numbers(s.savings),
            "house_tenure": coded(s.tenure, vocab.TENURES),
            "latitude": floats(lay.lat),
            "longitude": floats(lay.lon),
            "surveyed_on": coded(
                (s.surveyed_on - s.surveyed_on.min()).astype(np.int64) if n else s.tenure,
                [str(d) for d in np.arange(s.surveyed_on.min(), s.surveyed_on.max() + 1)]
                if n
                else [],
            ),
        }
    )
    return table("bmn_household", cols)


def person_table(lay: ProvinceLayout, s: Survey) -> pa.Table:
    p = s.people
    hh_ids = ids.to_strings(lay.household_id)
    mode = p.date_mode
    occ = s.occupation
    return table(
        "bmn_person",
        {
            "household_id": hh_ids.take(pa.array(p.hh)),
            "nid": numbers(p.nid, null=p.nid == 0),
            "title": coded(s.title, vocab.TITLES),
            "first_name": coded(p.first_name, vocab.first_name_dictionary()),
            "last_name": coded(p.last_name, list(vocab.last_names())),
            "sex": coded(p.female.astype(np.int8), ["M", "F"]),
            "birth_date": dates(birth_dates(p), null=mode == 2),
            "age": small_numbers(s.age, null=mode == 0),
            "relation": coded(p.relation, vocab.RELATIONS),
            "education": coded(s.education, vocab.EDUCATION),
            "occupation": coded(occ, vocab.OCCUPATIONS),
            "income_year": numbers(s.income_year),
            "is_disabled": coded(p.disabled.astype(np.int8), _BINARY),
            "is_chronic_patient": coded(s.chronic.astype(np.int8), _BINARY),
            "self_reliant": coded(s.self_reliant.astype(np.int8), _BINARY),
        },
    )
