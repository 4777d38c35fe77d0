-- Every conversation belongs to a tenant (the `tenant` claim of the caller's token); rows from
-- before authentication existed belong to 'default', the tenant of the loopback-only no-auth mode.
-- Every query of conversations and turns is scoped by it.
ALTER TABLE conversations ADD COLUMN tenant text NOT NULL DEFAULT 'default';

DROP INDEX conversations_created_at;
CREATE INDEX conversations_tenant_created_at ON conversations (tenant, created_at DESC, id);
