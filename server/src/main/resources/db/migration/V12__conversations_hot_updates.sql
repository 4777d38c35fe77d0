-- Every stored turn moves its conversation's row on (last_seq, updated_at). PostgreSQL can do that
-- as a HOT update (no new index entries, the old version pruned in its page) only while no index
-- covers a column it changes. V10's index on (tenant, updated_at), for the retention sweep, made
-- every one of those updates write an entry into each of the table's indexes: at 3,000 turns/s on
-- 100 conversations the indexes bloat faster than autovacuum trims them, and PostgreSQL's CPU per
-- turn was 2.5 times the one before V10 (docs/PERFORMANCE.md, ninth round). The sweep now narrows
-- by creation time instead (a conversation idle since a moment was created before it), through the
-- (tenant, created_at) index that nothing updates.
DROP INDEX IF EXISTS conversations_tenant_updated_at;
