-- Postings must belong to an existing journal entry. The foreign key checked that once per
-- posting: a lookup and a row lock (FOR KEY SHARE) on the entry for every row, two per settled
-- call. The lock guards against the entry being deleted meanwhile, which cannot happen: the
-- journal is append-only (journal_entries_append_only). So the check moves into the
-- statement-level trigger that already reads each INSERT's postings: one anti-join per statement,
-- no locks. Same guarantee, same moment (the end of the INSERT), same SQL state (23503).
ALTER TABLE postings DROP CONSTRAINT postings_root_id_entry_id_fkey;

CREATE OR REPLACE FUNCTION postings_refuse_unbalanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  -- One primary-key probe per posting (LATERAL … LIMIT 1 cannot become a hash join over the whole
  -- journal, which a plan made while the journal was small would choose).
  SELECT n.root_id, n.entry_id INTO bad
    FROM new_postings n
    LEFT JOIN LATERAL (SELECT true AS found FROM journal_entries j
                        WHERE j.root_id = n.root_id AND j.id = n.entry_id LIMIT 1) e ON true
   WHERE e.found IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'posting refers to journal entry % of % which does not exist', bad.entry_id, bad.root_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT n.entry_id, n.unit, sum(n.amount) AS total INTO bad
    FROM new_postings n
   GROUP BY n.root_id, n.entry_id, n.unit
  HAVING sum(n.amount) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % does not sum to zero in %: %', bad.entry_id, bad.unit, bad.total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
