-- Outbound webhooks (issue 25). A tenant's endpoints, the deliveries owed to them (an outbox) and
-- a log of every attempt.
--
-- Durability without touching the hot path: a turn's delivery rows are written by a trigger on
-- `turns`, in the same transaction (the same statement) that moves the turn out of 'pending'. A
-- crash between storing a result and recording its delivery is therefore impossible, and the
-- queue workers' code does not know webhooks exist. A tenant without endpoints pays one index
-- probe of webhook_endpoints per stored result.
CREATE TABLE webhook_endpoints (
  id                          uuid        PRIMARY KEY,
  tenant                      text        NOT NULL,
  url                         text        NOT NULL,
  description                 text        NOT NULL DEFAULT '',
  events                      text[]      NOT NULL,
  secret                      text        NOT NULL,
  -- The secret before the last rotation, still signed with until it expires (overlap window).
  previous_secret             text,
  previous_secret_expires_at  timestamptz,
  enabled                     boolean     NOT NULL DEFAULT true,
  disabled_reason             text,
  -- First failed attempt since the last success: an endpoint failing for long is disabled.
  failing_since               timestamptz,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant) WHERE enabled;

-- One event owed to one endpoint. `line_key` + `seq` order a conversation's events for one
-- endpoint (events outside a conversation get a line of their own); a delivery is attempted only
-- when no earlier delivery of its line is still pending. The payload of a turn event is read from
-- `turns` when it is sent (a stored result never changes), so the trigger writes only keys.
CREATE TABLE webhook_deliveries (
  id               bigserial   PRIMARY KEY,
  message_id       text        NOT NULL UNIQUE,
  endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  tenant           text        NOT NULL,
  event_type       text        NOT NULL,
  conversation_id  uuid,
  turn_id          uuid,
  line_key         uuid        NOT NULL,
  seq              bigint      NOT NULL DEFAULT 0,
  payload          jsonb,
  state            text        NOT NULL DEFAULT 'pending'
                               CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts         integer     NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  leased_until     timestamptz,
  lease_owner      text,
  last_status      integer,
  last_error       text,
  accepted_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  -- Start of the retry window (creation, or the last manual resend).
  retry_from       timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz
);

-- The sender's two lookups: due heads, and "is an earlier delivery of this line still pending".
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_line ON webhook_deliveries (endpoint_id, line_key, seq, id)
  WHERE state = 'pending';
-- The dashboard's recent deliveries of an endpoint.
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id DESC);

CREATE TABLE webhook_attempts (
  id               bigserial   PRIMARY KEY,
  delivery_id      bigint      NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt          integer     NOT NULL,
  status           integer,
  error            text,
  latency_ms       integer     NOT NULL,
  response_excerpt text,
  attempted_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

-- conversation.completed: asked for (route, platform end-of-call, idle timeout) with the last seq
-- accepted at that moment; fired (completed_at) once every turn up to that seq has left 'pending'.
ALTER TABLE conversations
  ADD COLUMN completion_requested_at timestamptz,
  ADD COLUMN completion_seq          bigint,
  ADD COLUMN completion_reason       text,
  ADD COLUMN completed_at            timestamptz;

CREATE INDEX conversations_completion_waiting ON conversations (completion_requested_at)
  WHERE completion_requested_at IS NOT NULL AND completed_at IS NULL;

-- The outbox trigger: one row per stored result and endpoint that wants its event, in order.
CREATE FUNCTION webhook_turn_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event text := CASE WHEN NEW.status = 'failed' THEN 'turn.failed' ELSE 'turn.cleaned' END;
BEGIN
  INSERT INTO webhook_deliveries
    (message_id, endpoint_id, tenant, event_type, conversation_id, turn_id, line_key, seq,
     accepted_at)
  SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.id, e.tenant, event,
         NEW.conversation_id, NEW.id, NEW.conversation_id, NEW.seq, NEW.received_at
    FROM conversations c
    JOIN webhook_endpoints e ON e.tenant = c.tenant AND e.enabled
   WHERE c.id = NEW.conversation_id AND event = ANY (e.events);
  RETURN NULL;
END
$$;

CREATE TRIGGER turns_webhook_outbox
  AFTER UPDATE OF status ON turns
  FOR EACH ROW
  WHEN (OLD.status = 'pending' AND NEW.status <> 'pending')
  EXECUTE FUNCTION webhook_turn_outbox();
