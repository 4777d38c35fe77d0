-- Privacy and tenant controls (issue 26). A tenant's settings: PII redaction (mode, types) and
-- what is kept of the raw text (privacy), custom spelling rules, and how many days its
-- conversations are kept (NULL: until deleted). A conversation may override privacy and add
-- spelling rules of its own; changing either bumps its keyterms_version, the version of the
-- conversation's cleaning state that every turn records (V3), so a shard reads them again.
CREATE TABLE tenant_settings (
  tenant         text        PRIMARY KEY,
  privacy        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  spelling       jsonb       NOT NULL DEFAULT '[]'::jsonb,
  retention_days integer     CHECK (retention_days IS NULL OR retention_days > 0),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE conversations
  ADD COLUMN privacy  jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN spelling jsonb NOT NULL DEFAULT '[]'::jsonb;

-- The retention sweeper's scan: a tenant's conversations by last activity.
CREATE INDEX conversations_tenant_updated_at ON conversations (tenant, updated_at);
