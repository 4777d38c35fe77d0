-- The webhook sender finds work through its lines, not its deliveries (issue 25: keep up at
-- 1,000 turns/s). A line is an endpoint and a conversation (or an event of its own); it has a row
-- here exactly while it has pending deliveries, so finding due work costs the number of lines
-- with work, never the backlog behind their heads (V20's due-scan walked every pending delivery,
-- each with a probe for an earlier one: 7 ms of PostgreSQL per turn once a backlog formed).
--
-- next_attempt_at: when the line may be sent next: its head's next attempt, or, while a node holds
-- the line, the end of that node's lease (a lease is this column plus `lease`, the lease's token).
-- version: bumped by every delivery that joins the line; the sender removes a line only when it
-- has no pending delivery AND its version is still the one it leased (a delivery committed while
-- the sender looked would otherwise be stranded without a line).
CREATE TABLE webhook_lines (
  endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  line_key         uuid        NOT NULL,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  lease            text,
  version          bigint      NOT NULL DEFAULT 0,
  PRIMARY KEY (endpoint_id, line_key)
);

CREATE INDEX webhook_lines_due ON webhook_lines (next_attempt_at);

-- Lines of the deliveries already pending when this migration runs.
INSERT INTO webhook_lines (endpoint_id, line_key, next_attempt_at)
SELECT DISTINCT ON (endpoint_id, line_key) endpoint_id, line_key,
       CASE WHEN e.enabled THEN d.next_attempt_at ELSE 'infinity' END
  FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
 WHERE d.state = 'pending'
 ORDER BY endpoint_id, line_key, d.seq, d.id;

-- The line's head is found through webhook_deliveries_line; the due index and the per-delivery
-- lease are replaced by the line's.
DROP INDEX webhook_deliveries_due;
ALTER TABLE webhook_deliveries DROP COLUMN leased_until, DROP COLUMN lease_owner;

-- Every way a delivery becomes pending (the turns trigger, conversation.completed, endpoint.disabled,
-- a test event, a resend) puts its line here: one path, whatever writes the delivery.
CREATE FUNCTION webhook_line_join() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- DO UPDATE (not DO NOTHING) takes the line's row lock: a sender removing the line waits for
    -- this transaction and then sees the new version.
    INSERT INTO webhook_lines AS l (endpoint_id, line_key, next_attempt_at)
    VALUES (NEW.endpoint_id, NEW.line_key, NEW.next_attempt_at)
    ON CONFLICT (endpoint_id, line_key) DO UPDATE SET version = l.version + 1;
  ELSE
    -- A resend is due now even on a line waiting for another delivery's retry (unless leased).
    INSERT INTO webhook_lines AS l (endpoint_id, line_key, next_attempt_at)
    VALUES (NEW.endpoint_id, NEW.line_key, NEW.next_attempt_at)
    ON CONFLICT (endpoint_id, line_key) DO UPDATE SET version = l.version + 1,
      next_attempt_at = CASE WHEN l.lease IS NULL
        THEN LEAST(l.next_attempt_at, EXCLUDED.next_attempt_at) ELSE l.next_attempt_at END;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER webhook_deliveries_line_insert
  AFTER INSERT ON webhook_deliveries
  FOR EACH ROW WHEN (NEW.state = 'pending')
  EXECUTE FUNCTION webhook_line_join();

CREATE TRIGGER webhook_deliveries_line_resend
  AFTER UPDATE OF state ON webhook_deliveries
  FOR EACH ROW WHEN (NEW.state = 'pending' AND OLD.state <> 'pending')
  EXECUTE FUNCTION webhook_line_join();
