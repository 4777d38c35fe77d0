package io.cleanercontext.store;

import io.cleanercontext.privacy.PrivacyRules;
import io.cleanercontext.privacy.PrivacySettings;
import io.cleanercontext.privacy.SpellingRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * A tenant's and a conversation's privacy settings and spelling rules (V10). Every change bumps the
 * version of the cleaning state of the conversations it concerns ({@code keyterms_version}), so the
 * shard that owns one reads the rules again before its next turn.
 */
public final class PrivacyStore {
  private static final String TENANT =
      "SELECT privacy, spelling, retention_days FROM tenant_settings WHERE tenant = $1";
  private static final String UPSERT_TENANT =
      "INSERT INTO tenant_settings (tenant, privacy, spelling, retention_days) VALUES ($1, $2, $3, $4)"
          + " ON CONFLICT (tenant) DO UPDATE SET privacy = $2, spelling = $3, retention_days = $4, updated_at = now()"
          + " RETURNING privacy, spelling, retention_days";
  private static final String BUMP_TENANT =
      "UPDATE conversations SET keyterms_version = keyterms_version + 1 WHERE tenant = $1";
  private static final String CONVERSATION =
      "SELECT privacy, spelling FROM conversations WHERE id = $1 AND tenant = $2";
  private static final String REPLACE_PRIVACY =
      "UPDATE conversations SET privacy = $3, keyterms_version = keyterms_version + 1, updated_at = now()"
          + " WHERE id = $1 AND tenant = $2 RETURNING privacy, spelling";
  private static final String REPLACE_SPELLING =
      "UPDATE conversations SET spelling = $3, keyterms_version = keyterms_version + 1, updated_at = now()"
          + " WHERE id = $1 AND tenant = $2 RETURNING privacy, spelling";
  private static final String RULES =
      "SELECT c.tenant, c.privacy, c.spelling, t.privacy AS tenant_privacy, t.spelling AS tenant_spelling"
          + " FROM conversations c LEFT JOIN tenant_settings t ON t.tenant = c.tenant WHERE c.id = $1";

  private final Pool pool;

  public PrivacyStore(Pool pool) {
    this.pool = pool;
  }

  /** A tenant's settings; {@code retentionDays} null: kept until deleted. */
  public record TenantSettings(
      PrivacySettings privacy, SpellingRules spelling, Integer retentionDays) {
    public static final TenantSettings DEFAULT =
        new TenantSettings(PrivacySettings.UNSET, SpellingRules.NONE, null);

    public JsonObject toJson() {
      return new JsonObject()
          .put("privacy", privacy.toJson())
          .put("spelling", spelling.toJson())
          .put("retention_days", retentionDays);
    }
  }

  /** A conversation's own settings (overrides of its tenant's) and spelling rules. */
  public record ConversationSettings(PrivacySettings privacy, SpellingRules spelling) {}

  public Future<TenantSettings> tenantSettings(String tenant) {
    return pool.preparedQuery(TENANT)
        .execute(Tuple.of(tenant))
        .map(rows -> rows.size() == 0 ? TenantSettings.DEFAULT : tenant(rows.iterator().next()));
  }

  /**
   * Replaces a tenant's settings; every conversation of the tenant takes them from its next turn.
   */
  public Future<TenantSettings> replaceTenantSettings(String tenant, TenantSettings settings) {
    Tuple params =
        Tuple.of(
            tenant,
            settings.privacy().toJson(),
            settings.spelling().toJson(),
            settings.retentionDays());
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(UPSERT_TENANT)
                .execute(params)
                .compose(
                    rows ->
                        conn.preparedQuery(BUMP_TENANT)
                            .execute(Tuple.of(tenant))
                            .map(v -> tenant(rows.iterator().next()))));
  }

  /** A conversation's settings, or null when the tenant has no such conversation. */
  public Future<ConversationSettings> conversationSettings(String tenant, UUID id) {
    return pool.preparedQuery(CONVERSATION)
        .execute(Tuple.of(id, tenant))
        .map(rows -> rows.size() == 0 ? null : conversation(rows.iterator().next()));
  }

  /** Replaces a conversation's privacy overrides; null when the tenant has no such conversation. */
  public Future<ConversationSettings> replacePrivacy(
      String tenant, UUID id, PrivacySettings privacy) {
    return pool.preparedQuery(REPLACE_PRIVACY)
        .execute(Tuple.of(id, tenant, privacy.toJson()))
        .map(rows -> rows.size() == 0 ? null : conversation(rows.iterator().next()));
  }

  /** Replaces a conversation's spelling rules; null when the tenant has no such conversation. */
  public Future<ConversationSettings> replaceSpelling(
      String tenant, UUID id, SpellingRules spelling) {
    return pool.preparedQuery(REPLACE_SPELLING)
        .execute(Tuple.of(id, tenant, spelling.toJson()))
        .map(rows -> rows.size() == 0 ? null : conversation(rows.iterator().next()));
  }

  /**
   * What applies to a conversation's turns (its tenant's settings overridden by its own), for
   * ingest and the cleaner shard; null when there is no such conversation.
   */
  public Future<PrivacyRules> rules(String conversationId) {
    return pool.preparedQuery(RULES)
        .execute(Tuple.of(UUID.fromString(conversationId)))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              Row row = rows.iterator().next();
              return PrivacyRules.of(
                  PrivacySettings.parse(object(row, "tenant_privacy")),
                  PrivacySettings.parse(object(row, "privacy")),
                  SpellingRules.parse(array(row, "tenant_spelling")),
                  SpellingRules.parse(array(row, "spelling")));
            });
  }

  private static TenantSettings tenant(Row row) {
    return new TenantSettings(
        PrivacySettings.parse(object(row, "privacy")),
        SpellingRules.parse(array(row, "spelling")),
        row.getInteger("retention_days"));
  }

  private static ConversationSettings conversation(Row row) {
    return new ConversationSettings(
        PrivacySettings.parse(object(row, "privacy")), SpellingRules.parse(array(row, "spelling")));
  }

  private static JsonObject object(Row row, String column) {
    Object v = row.getValue(column);
    return v instanceof JsonObject o ? o : null;
  }

  private static JsonArray array(Row row, String column) {
    Object v = row.getValue(column);
    return v instanceof JsonArray a ? a : null;
  }
}
