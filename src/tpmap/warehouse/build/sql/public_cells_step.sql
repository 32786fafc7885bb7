-- Step: complementary suppression of the areas at one $depth (1 province ... 4 village),
-- run from the top down so a parent's final state is known before its children's.
-- Within the children of one parent, for one year, scope and measure:
-- * parent published and exactly one child hidden: the parent minus the other children
--   would give it back, so hide also the smallest other non-zero child;
-- * parent hidden and no child hidden: the children would add up to the parent, so hide
--   the smallest non-zero child.
-- A child hidden this way is itself a hidden parent at the next depth, so the chain goes
-- down to a village and no sum of published counts recovers a hidden one.
-- Ties: the smaller area code. Only the partitions (a parent's children for one year, scope
-- and measure) in one of these two cases are ranked: most are in neither.
-- Input and output: pub_cells.
UPDATE pub_cells AS c SET hidden = TRUE, secondary = TRUE
FROM (
    SELECT year, scope, area_code, measure
    FROM (
        SELECT
            ch.year, ch.scope, ch.area_code, ch.measure, ch.value, ch.hidden,
            row_number() OVER (
                PARTITION BY ch.year, ch.scope, ch.parent, ch.measure
                ORDER BY (ch.hidden OR ch.value = 0), ch.value, ch.area_code
            ) AS rank_
        FROM pub_cells ch
        JOIN (
            SELECT g.year, g.scope, g.parent, g.measure
            FROM (
                SELECT year, scope, parent, measure, count(*) FILTER (WHERE hidden) AS n_hidden
                FROM pub_cells WHERE depth = $depth
                GROUP BY year, scope, parent, measure
            ) g
            LEFT JOIN pub_cells p
                ON p.year = g.year AND p.scope = g.scope AND p.measure = g.measure
               AND p.area_code = g.parent
            WHERE (NOT coalesce(p.hidden, FALSE) AND g.n_hidden = 1)
               OR (coalesce(p.hidden, FALSE) AND g.n_hidden = 0)
        ) q ON q.year = ch.year AND q.scope = ch.scope AND q.parent = ch.parent
           AND q.measure = ch.measure
        WHERE ch.depth = $depth
    )
    WHERE rank_ = 1 AND NOT hidden AND value > 0
) s
WHERE c.year = s.year AND c.scope = s.scope AND c.area_code = s.area_code
  AND c.measure = s.measure;
