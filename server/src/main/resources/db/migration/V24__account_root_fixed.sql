-- An account's root (and so its parent) is fixed at creation: the hot path remembers roots
-- (usage/AccountRoots), and root_id is the key a distributed PostgreSQL would shard by.
CREATE FUNCTION accounts_root_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the root of account % cannot change', OLD.id USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER accounts_root_fixed BEFORE UPDATE OF root_id, parent_id ON accounts
  FOR EACH ROW WHEN (OLD.root_id IS DISTINCT FROM NEW.root_id OR OLD.parent_id IS DISTINCT FROM NEW.parent_id)
  EXECUTE FUNCTION accounts_root_fixed();
