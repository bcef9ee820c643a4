-- A hold is found by its request (authorise's replay check, settle's release) or by its id alone
-- (holds_by_id: a gateway names it by id); nothing looks one up by (root_id, id). That primary key
-- was a sixth index written on every authorise and again on every release (a release moves the row
-- out of the partial indexes, so the new version enters every full index): the request key, which
-- already carried root_id for sharding, becomes the primary key instead.
ALTER TABLE holds DROP CONSTRAINT holds_pkey;
ALTER TABLE holds DROP CONSTRAINT holds_root_id_request_id_key;
ALTER TABLE holds ADD PRIMARY KEY (root_id, request_id);
