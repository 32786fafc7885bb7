-- Audit: every additive count of an area equals the sum of its child areas' counts (country
-- = provinces, province = districts, ... subdistrict = villages), per year and scope, in the
-- wide, the indicator and the group statistics. Counts of persons placed in groups or
-- targets are exempt at the country only: registry-only card holders without a village are
-- counted there and nowhere below.
-- Scope: build
-- Inputs: area_stats, area_indicator_stats, area_group_stats (all years).
WITH cells AS (
    SELECT year, scope, area_code, measure, value, person_target AS country_only
    FROM (
        SELECT year, scope, area_code, measure, value,
            measure LIKE '%target_persons' AS person_target
        FROM (
            UNPIVOT (
                SELECT year, scope, area_code, households_surveyed, persons_surveyed,
                    mpi_poor_households, mpi_poor_persons, target_persons, target_households,
                    af_poor_persons,
                    health_households, health_persons, health_target_persons,
                    living_households, living_persons, living_target_persons,
                    education_households, education_persons, education_target_persons,
                    income_households, income_persons, income_target_persons,
                    access_households, access_persons, access_target_persons
                FROM area_stats
            )
            ON households_surveyed, persons_surveyed, mpi_poor_households, mpi_poor_persons,
                target_persons, target_households, af_poor_persons,
                health_households, health_persons, health_target_persons,
                living_households, living_persons, living_target_persons,
                education_households, education_persons, education_target_persons,
                income_households, income_persons, income_target_persons,
                access_households, access_persons, access_target_persons
            INTO NAME measure VALUE value
        )
    )
    UNION ALL
    SELECT year, scope, area_code, 'indicator ' || indicator || ' households', households, FALSE
    FROM area_indicator_stats
    UNION ALL
    SELECT year, scope, area_code, 'indicator ' || indicator || ' persons', persons, FALSE
    FROM area_indicator_stats
    UNION ALL
    SELECT year, scope, area_code, 'group ' || group_id || ' first_match', first_match, TRUE
    FROM area_group_stats
),
parents AS (
    SELECT * FROM cells WHERE length(area_code) < 8
),
child_sums AS (
    SELECT year, scope,
        CASE WHEN length(area_code) = 2 THEN 'TH' ELSE left(area_code, length(area_code) - 2) END
            AS parent_code,
        measure, sum(value) AS children_sum
    FROM cells
    WHERE area_code <> 'TH'
    GROUP BY year, scope, parent_code, measure
)
SELECT
    coalesce(p.year, k.year) AS year,
    coalesce(p.scope, k.scope) AS scope,
    coalesce(p.area_code, k.parent_code) AS area_code,
    coalesce(p.measure, k.measure) AS measure,
    coalesce(p.value, 0) AS area_value,
    coalesce(k.children_sum, 0) AS children_sum
FROM parents p
FULL JOIN child_sums k
    ON k.year = p.year AND k.scope = p.scope AND k.parent_code = p.area_code
    AND k.measure = p.measure
WHERE coalesce(p.value, 0) <> coalesce(k.children_sum, 0)
    AND NOT (coalesce(p.area_code, k.parent_code) = 'TH' AND coalesce(p.country_only, FALSE))
ORDER BY year, scope, area_code, measure
