"""Calibration constants of the synthetic generator (INDICATORS.md section 6).

The figures the generator aims at are national; the knobs below were tuned by measuring
200,000-household runs (see tests/synth/test_calibration.py for the measured values).
"""

from __future__ import annotations

from typing import Final

NATIONAL_HOUSEHOLDS: Final = 12_935_866

# Registry sizes at national scale (rows), scaled by households / NATIONAL_HOUSEHOLDS.
WELFARE_ROWS: Final = 14_500_000
WELFARE_NOT_SURVEYED_ACTIVE: Final = 3_581_211  # policy 2566 group 3.2
REVOKED_SHARE: Final = 0.03  # share of welfare card rows that are revoked
ALLOWANCE_ELDERLY_ROWS: Final = 8_100_000
ALLOWANCE_DISABLED_SHARE: Final = 0.85  # of disability registry holders
ALLOWANCE_HIV_ROWS: Final = 50_000
DISABILITY_ROWS: Final = 1_900_000
HEALTH_ROWS: Final = 53_700_000

# Ages are drawn for this data year; other years see the same people older or younger
# (people born after 1 January of a year are not in that year's survey).
REFERENCE_YEAR: Final = 2566

# Household size 1..9 at the reference year (mean about 2.8, as 36.1 M / 12.9 M in 2566).
SIZE_PROBS: Final = (0.19, 0.29, 0.235, 0.16, 0.073, 0.032, 0.013, 0.005, 0.002)
# Former members per household (Poisson mean): people who died or moved out in one of the
# ten years before the reference year; they make 2561-2562 households about 2.83 people.
LEAVERS_PER_HOUSEHOLD: Final = 0.38

# Share of households MPI-poor by questionnaire, before regional and size factors.
POOR_RATE: Final = {"2560": 0.097, "2566": 0.0152}
# Yearly drift within a questionnaire period (relative change per year after its first year).
POOR_TREND_PER_YEAR: Final = -0.02
# Exponent of the size factor: P(poor) grows with household size ** SIZE_EXPONENT.
SIZE_EXPONENT: Final = {"2560": 0.9, "2566": 0.6}

# Dimension shares among MPI-poor persons (target poor 2561: 217,081 / 244,739 / 378,080 /
# 376,091 / 6,490 of 1,032,987) -> primary-dimension weights and extra-dimension chances.
DIMENSION_SHARES: Final = {
    "health": 0.232,
    "living": 0.255,
    "education": 0.42,
    "income": 0.275,
    "access": 0.012,
}

# Welfare card (active) among surveyed persons, overall and among MPI-poor persons.
CARD_SHARE: Final = {"2560": 0.287, "2566": 0.273}
CARD_SHARE_POOR: Final = {"2560": 0.22, "2566": 0.305}
CARD_MIN_AGE: Final = 18

# Income per person thresholds of the income indicator (2560: ind 22, 2566: ind 29).
INCOME_THRESHOLD: Final = {"2560": 38_000, "2566": 40_000}
# Income per person above the threshold: threshold + lognormal(median, sigma).
INCOME_EXCESS_MEDIAN: Final = 55_000.0
INCOME_EXCESS_SIGMA: Final = 0.85

# Province size factor (households per subdistrict relative to the national mean).
PROVINCE_SIZE_FACTOR: Final = {
    "10": 4.0,
    "11": 3.0,
    "12": 3.0,
    "13": 2.5,
    "20": 2.5,
    "21": 2.0,
    "74": 2.5,
    "73": 1.5,
    "83": 3.0,
    "50": 1.3,
    "30": 1.2,
    "40": 1.2,
    "41": 1.2,
    "90": 1.5,
    "84": 1.3,
}


def region_of(province: str) -> str:
    """Region key of a province code, for regional variation."""
    p = int(province)
    if p == 10:
        return "bangkok"
    if p in (94, 95, 96):
        return "deep_south"
    if 11 <= p <= 19:
        return "central"
    if 20 <= p <= 27:
        return "east"
    if 30 <= p <= 49:
        return "northeast"
    if 50 <= p <= 67:
        return "north"
    if 70 <= p <= 77:
        return "west"
    return "south"


# Relative poverty (P(MPI-poor)) by region; normalised nationally at run time.
REGION_POVERTY: Final = {
    "bangkok": 0.3,
    "central": 0.65,
    "east": 0.6,
    "west": 0.85,
    "northeast": 1.3,
    "north": 1.25,
    "south": 0.95,
    "deep_south": 1.9,
}
# Relative income level by region.
REGION_INCOME: Final = {
    "bangkok": 1.7,
    "central": 1.15,
    "east": 1.2,
    "west": 1.0,
    "northeast": 0.78,
    "north": 0.82,
    "south": 1.0,
    "deep_south": 0.75,
}
# Relative welfare-card holding by region; normalised nationally at run time.
REGION_CARD: Final = {
    "bangkok": 0.55,
    "central": 0.85,
    "east": 0.85,
    "west": 0.95,
    "northeast": 1.2,
    "north": 1.15,
    "south": 0.95,
    "deep_south": 1.25,
}

# Share of MPI-poor households deprived in several dimensions at once, enough to be
# Alkire-Foster poor (c >= 1/3, INDICATORS.md §3). Not published: chosen so that demos and
# tests show non-zero H, A and M0 while the union figures above stay as calibrated.
MULTI_DEPRIVED_SHARE: Final = {"2560": 0.03, "2566": 0.03}
