-- CPF eligibility declared only in the formation's extras is now read by the indexer into each action's
-- cpf_eligible (catalog-indexer/src/lheo/formation.ts, cpfEligibility: the one list of words); the search
-- read it from the extras in SQL until then. This one-time copy of the rule fills catalogues imported
-- before, in the actions and in each source's stored copy (JSON written by JSON.stringify), so that
-- merges of copies agree.
UPDATE actions SET cpf_eligible = (
  SELECT v FROM (
    SELECT CASE WHEN lower(trim(json_extract(x.value, '$.value'))) IN ('1', 'oui', 'o', 'true', 'vrai', 'yes', 'y') THEN 1
                WHEN lower(trim(json_extract(x.value, '$.value'))) IN ('0', 'non', 'n', 'false', 'faux', 'no') THEN 0 END AS v,
           lower(coalesce(json_extract(x.value, '$.group'), '') || ' ' || coalesce(json_extract(x.value, '$.key'), '')) AS label
    FROM formations f, json_each(f.extras) x WHERE f.id = actions.formation_id)
  WHERE label LIKE '%cpf%' AND (label LIKE '%eligib%' OR label LIKE '%éligib%') AND v IS NOT NULL LIMIT 1)
WHERE cpf_eligible IS NULL;--> statement-breakpoint
UPDATE source_records SET record = replace(record, '"cpfEligible":null', '"cpfEligible":' || (
  SELECT CASE v WHEN 1 THEN 'true' ELSE 'false' END FROM (
    SELECT CASE WHEN lower(trim(json_extract(x.value, '$.value'))) IN ('1', 'oui', 'o', 'true', 'vrai', 'yes', 'y') THEN 1
                WHEN lower(trim(json_extract(x.value, '$.value'))) IN ('0', 'non', 'n', 'false', 'faux', 'no') THEN 0 END AS v,
           lower(coalesce(json_extract(x.value, '$.group'), '') || ' ' || coalesce(json_extract(x.value, '$.key'), '')) AS label
    FROM json_each(json_extract(source_records.record, '$.extras')) x)
  WHERE label LIKE '%cpf%' AND (label LIKE '%eligib%' OR label LIKE '%éligib%') AND v IS NOT NULL LIMIT 1))
WHERE record LIKE '%"cpfEligible":null%' AND (
  SELECT count(*) FROM json_each(json_extract(source_records.record, '$.extras')) x
  WHERE lower(coalesce(json_extract(x.value, '$.group'), '') || ' ' || coalesce(json_extract(x.value, '$.key'), '')) LIKE '%cpf%'
    AND lower(trim(json_extract(x.value, '$.value'))) IN ('1', 'oui', 'o', 'true', 'vrai', 'yes', 'y', '0', 'non', 'n', 'false', 'faux', 'no')) > 0;
