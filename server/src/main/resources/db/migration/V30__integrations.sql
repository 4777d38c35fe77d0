-- Integrations: a tenant's voice-pipeline sources (Deepgram, AssemblyAI, Vapi, Retell, Twilio),
-- each with the secret its requests are verified with, the mapping of the platform's speakers to
-- the product's labels and its options. The secret must be kept as given: the platforms sign
-- with it (HMAC), so it cannot be stored hashed.
CREATE TABLE integrations (
  id             uuid        PRIMARY KEY,
  tenant         text        NOT NULL,
  source         text        NOT NULL
                             CHECK (source IN ('deepgram', 'assemblyai', 'vapi', 'retell', 'twilio')),
  name           text        NOT NULL,
  secret         text        NOT NULL,
  speakers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  options        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  public_url     text,
  cleaning_level text        NOT NULL DEFAULT 'full'
                             CHECK (cleaning_level IN ('none', 'light', 'full', 'auto')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX integrations_tenant_created_at ON integrations (tenant, created_at DESC, id);

-- A platform's call is one conversation of the integration's tenant, created on its first
-- message. The primary key makes concurrent first messages agree on one conversation; the
-- conversation's row is inserted in the same transaction, after this one (hence the deferred
-- reference). ended_at: the platform said the call is over (Vapi end-of-call-report, Retell
-- call_ended).
CREATE TABLE integration_calls (
  tenant           text        NOT NULL,
  source           text        NOT NULL,
  external_call_id text        NOT NULL,
  integration_id   uuid        NOT NULL REFERENCES integrations (id) ON DELETE CASCADE,
  conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE
                               DEFERRABLE INITIALLY DEFERRED,
  ended_at         timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant, source, external_call_id)
);

CREATE INDEX integration_calls_conversation ON integration_calls (conversation_id);

-- The speech recogniser's words of a turn from a voice pipeline: [{word, confidence, start, end}],
-- null for a turn typed or pasted. Adding a nullable column rewrites no rows.
ALTER TABLE turns ADD COLUMN words jsonb;
