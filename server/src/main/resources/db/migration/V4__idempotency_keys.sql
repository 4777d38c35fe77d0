-- Idempotency-Key of a turn submission (HTTP header, or idempotency_key on a bridge submit),
-- scoped per tenant and conversation. Written in the same transaction as the pending turns it
-- accepted, so a retry after a reset connection, a restart or on another node finds the first
-- answer: `turns` holds [{turn_id, job_id, queued_at}] in request order; the seqs are read back
-- from `turns`. `request_hash` tells a retry (same body) from a reuse of the key (another body).
CREATE TABLE idempotency_keys (
  tenant          text        NOT NULL,
  conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  key             text        NOT NULL,
  request_hash    text        NOT NULL,
  turns           jsonb       NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, conversation_id, key)
);

-- The purge of keys older than the window.
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
