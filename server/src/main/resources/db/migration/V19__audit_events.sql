-- Issue 9 item 5: the audit log of operator changes (server/.../audit/README.md).
-- Written after the change committed; never updated or deleted by Tollgate.
CREATE TABLE audit_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor       text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
  action      text NOT NULL CHECK (length(action) BETWEEN 1 AND 300),
  method      text NOT NULL CHECK (length(method) BETWEEN 1 AND 16),
  path        text NOT NULL,
  target      text,
  status      int NOT NULL CHECK (status BETWEEN 100 AND 599),
  details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
-- The listing pages newest first on (occurred_at, id), optionally by actor or target.
CREATE INDEX audit_events_by_time ON audit_events (occurred_at DESC, id DESC);
CREATE INDEX audit_events_by_actor ON audit_events (actor, occurred_at DESC, id DESC);
CREATE INDEX audit_events_by_target ON audit_events (target, occurred_at DESC, id DESC);
