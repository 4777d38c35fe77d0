-- Caller keyterms: names, products and jargon the caller expects in the call, spelled as they
-- should appear. Replaced as a whole (PUT .../keyterms), each replacement bumping the version.
-- Every turn records the version current when it was accepted (taken under the conversation's
-- row lock with its seq), so the cleaner shard knows when the keyterms it holds are older than
-- a turn's and reads them again. Adding columns with constant defaults rewrites no rows.
ALTER TABLE conversations
  ADD COLUMN keyterms         text[]  NOT NULL DEFAULT '{}',
  ADD COLUMN keyterms_version integer NOT NULL DEFAULT 0;

ALTER TABLE turns ADD COLUMN keyterms_version integer NOT NULL DEFAULT 0;
