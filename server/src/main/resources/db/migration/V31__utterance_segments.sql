-- Deepgram's final segments held until their utterance ends. A speaker's utterance arrives as
-- several is_final Results; it ends at the segment with speech_final, at an UtteranceEnd of its
-- channel, at the end of the stream (Metadata) or after an idle timeout. Each segment is kept
-- here, keyed by the platform's identity of it, so a retried segment is never joined twice and a
-- held segment survives a restart. utterance_key: set (in one statement, to the id of the
-- utterance's last segment) when the utterance ended; its turn's idempotency key derives from it,
-- so a crash between claiming and submitting re-submits the same turn, never a second one.
-- submitted: the turn went through the intake; such rows stay until purged, so that a late retry
-- of one of their segments finds it known.
CREATE TABLE utterance_segments (
  integration_id   uuid        NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  external_call_id text        NOT NULL,
  segment_id       text        NOT NULL,
  line             text        NOT NULL,
  speaker_key      text        NOT NULL,
  conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  start_s          float8      NOT NULL,
  text             text        NOT NULL,
  words            jsonb,
  utterance_key    text,
  submitted        boolean     NOT NULL DEFAULT false,
  received_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (integration_id, external_call_id, segment_id)
);

CREATE INDEX utterance_segments_open
  ON utterance_segments (integration_id, external_call_id, line, start_s) WHERE NOT submitted;
CREATE INDEX utterance_segments_received ON utterance_segments (received_at);
CREATE INDEX utterance_segments_conversation ON utterance_segments (conversation_id);
