-- Deleting a conversation (DELETE /conversations/{id} or the retention sweeper) leaves nothing of
-- it behind. Turns and idempotency keys go by their foreign keys (ON DELETE CASCADE); spelling
-- rules and privacy overrides are columns of the conversation. Webhook deliveries (V20) name the
-- conversation without a foreign key (events outside conversations exist too), so they are
-- deleted here, with their attempts by cascade. The table is looked up at run time because this
-- migration runs before the one that creates it.
CREATE FUNCTION delete_conversation_leftovers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('webhook_deliveries') IS NOT NULL THEN
    EXECUTE 'DELETE FROM webhook_deliveries WHERE conversation_id = $1' USING OLD.id;
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER conversations_leftovers
  AFTER DELETE ON conversations
  FOR EACH ROW EXECUTE FUNCTION delete_conversation_leftovers();
