-- Step: complementary suppression of the areas at one $depth (1 province ... 4 village),
-- run from the top down so a parent's final state is known before its children's.
-- Within the children of one parent, for one year, scope and measure:
-- * parent published and exactly one child hidden: the parent minus the other children
--   would give it back, so hide also the smallest other non-zero child;
-- * parent hidden and no child hidden: the children would add up to the parent, so hide
--   the smallest non-zero child.
-- A child hidden this way is itself a hidden parent at the next depth, so the chain goes
-- down to a village and no sum of published counts recovers a hidden one.
-- Ties: the smaller area code. Input and output: pub_cells.
UPDATE pub_cells AS c SET hidden = TRUE, secondary = TRUE
FROM (
    SELECT year, scope, area_code, measure
    FROM (
        SELECT
            ch.year, ch.scope, ch.area_code, ch.measure, ch.value, ch.hidden,
            coalesce(p.hidden, FALSE) AS parent_hidden,
            count(*) FILTER (WHERE ch.hidden) OVER grp AS n_hidden,
            row_number() OVER (
                PARTITION BY ch.year, ch.scope, ch.parent, ch.measure
                ORDER BY (ch.hidden OR ch.value = 0), ch.value, ch.area_code
            ) AS rank_
        FROM pub_cells ch
        LEFT JOIN pub_cells p
            ON p.year = ch.year AND p.scope = ch.scope AND p.measure = ch.measure
           AND p.area_code = ch.parent
        WHERE ch.depth = $depth
        WINDOW grp AS (PARTITION BY ch.year, ch.scope, ch.parent, ch.measure)
    )
    WHERE rank_ = 1 AND NOT hidden AND value > 0
      AND ((NOT parent_hidden AND n_hidden = 1) OR (parent_hidden AND n_hidden = 0))
) s
WHERE c.year = s.year AND c.scope = s.scope AND c.area_code = s.area_code
  AND c.measure = s.measure;
