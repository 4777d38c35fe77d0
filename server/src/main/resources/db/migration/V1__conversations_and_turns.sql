-- Conversations and their turns. PostgreSQL is the source of truth: a turn is stored as
-- 'pending' before the client hears it was accepted, and leaves 'pending' in the same statement
-- that records its cleaning result.
CREATE TABLE conversations (
  id          uuid PRIMARY KEY,
  name        text        NOT NULL,
  metadata    jsonb       NOT NULL DEFAULT '{}'::jsonb,
  window_size integer     NOT NULL DEFAULT 10 CHECK (window_size > 0),
  last_seq    bigint      NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX conversations_created_at ON conversations (created_at DESC, id);

CREATE TABLE turns (
  id              uuid PRIMARY KEY,
  conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq             bigint      NOT NULL,
  speaker         text        NOT NULL,
  role            text        NOT NULL CHECK (role IN ('ai', 'user')),
  raw_text        text        NOT NULL,
  requested_level text        NOT NULL CHECK (requested_level IN ('none', 'light', 'full', 'auto')),
  window_size     integer     NOT NULL CHECK (window_size > 0),
  status          text        NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'cleaned', 'skipped', 'failed')),
  cleaned_text    text,
  metadata        jsonb,
  error           text,
  attempts        integer     NOT NULL DEFAULT 0,
  reply_to        text,
  received_at     timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  processed_at    timestamptz,
  CONSTRAINT turns_conversation_seq UNIQUE (conversation_id, seq)
);

-- The queue workers' read path: the pending turns of one conversation, in order.
CREATE INDEX turns_pending ON turns (conversation_id, seq) WHERE status = 'pending';
