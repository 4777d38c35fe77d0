package io.cleanercontext.api;

import io.cleanercontext.contract.Addresses;
import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.intake.Fields;
import io.cleanercontext.privacy.InvalidSetting;
import io.cleanercontext.privacy.PrivacySettings;
import io.cleanercontext.privacy.SpellingRules;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.PrivacyStore;
import io.cleanercontext.store.PrivacyStore.ConversationSettings;
import io.cleanercontext.store.PrivacyStore.TenantSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Privacy and tenant controls: the tenant's settings (redaction, raw text, spelling rules,
 * retention; admins change them), a conversation's privacy overrides and spelling rules. Every
 * change is announced on {@code privacy.changed} so ingest stops using the rules it holds.
 */
final class PrivacyRoutes {
  private final Vertx vertx;
  private final PrivacyStore store;

  PrivacyRoutes(Vertx vertx, PrivacyStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void mount(Router api) {
    api.get("/tenant/settings").handler(Access.require(Scope.READ)).handler(this::tenantSettings);
    api.put("/tenant/settings")
        .handler(Access.require(Scope.ADMIN))
        .handler(this::replaceTenantSettings);
    api.get("/conversations/:id/privacy")
        .handler(Access.require(Scope.READ))
        .handler(this::privacy);
    api.put("/conversations/:id/privacy")
        .handler(Access.require(Scope.WRITE))
        .handler(this::replacePrivacy);
    api.get("/conversations/:id/spelling")
        .handler(Access.require(Scope.READ))
        .handler(this::spelling);
    api.put("/conversations/:id/spelling")
        .handler(Access.require(Scope.WRITE))
        .handler(this::replaceSpelling);
  }

  private void tenantSettings(RoutingContext ctx) {
    store
        .tenantSettings(Access.tenant(ctx))
        .onSuccess(s -> Responses.json(ctx, s.toJson()))
        .onFailure(ctx::fail);
  }

  /** Replaces the tenant's settings as a whole; absent fields go back to their defaults. */
  private void replaceTenantSettings(RoutingContext ctx) {
    JsonObject body = Requests.jsonBody(ctx);
    for (String field : body.fieldNames()) {
      if (!field.equals("privacy")
          && !field.equals("spelling")
          && !field.equals("retention_days")) {
        throw new ServiceException(
            ErrorCode.BAD_REQUEST,
            field + ": unknown setting (known: privacy, spelling, retention_days)",
            field);
      }
    }
    TenantSettings settings =
        new TenantSettings(
            checked("privacy", () -> PrivacySettings.parse(object(body, "privacy"))),
            checked("spelling", () -> SpellingRules.parse(array(body, "spelling"))),
            body.getValue("retention_days") == null
                ? null
                : Fields.optionalInt(body, "retention_days", 1, 36_500));
    String tenant = Access.tenant(ctx);
    store
        .replaceTenantSettings(tenant, settings)
        .onSuccess(
            s -> {
              announce(tenant, null);
              Responses.json(ctx, s.toJson());
            })
        .onFailure(ctx::fail);
  }

  private void privacy(RoutingContext ctx) {
    conversationAnswer(
        ctx,
        store::conversationSettings,
        s -> new JsonObject().put("privacy", s.privacy().toJson()));
  }

  private void replacePrivacy(RoutingContext ctx) {
    PrivacySettings privacy =
        checked(
            "privacy", () -> PrivacySettings.parse(object(required(ctx, "privacy"), "privacy")));
    conversationChange(
        ctx,
        (tenant, id) -> store.replacePrivacy(tenant, id, privacy),
        s -> new JsonObject().put("privacy", s.privacy().toJson()));
  }

  private void spelling(RoutingContext ctx) {
    conversationAnswer(
        ctx,
        store::conversationSettings,
        s -> new JsonObject().put("spelling", s.spelling().toJson()));
  }

  private void replaceSpelling(RoutingContext ctx) {
    SpellingRules rules =
        checked(
            "spelling", () -> SpellingRules.parse(array(required(ctx, "spelling"), "spelling")));
    conversationChange(
        ctx,
        (tenant, id) -> store.replaceSpelling(tenant, id, rules),
        s -> new JsonObject().put("spelling", s.spelling().toJson()));
  }

  private interface Read {
    Future<ConversationSettings> apply(String tenant, UUID id);
  }

  private void conversationAnswer(
      RoutingContext ctx, Read read, Function<ConversationSettings, JsonObject> body) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    read.apply(Access.tenant(ctx), id)
        .map(s -> ConversationRoutes.found(s, id))
        .onSuccess(s -> Responses.json(ctx, body.apply(s)))
        .onFailure(ctx::fail);
  }

  private void conversationChange(
      RoutingContext ctx, Read change, Function<ConversationSettings, JsonObject> body) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    String tenant = Access.tenant(ctx);
    change
        .apply(tenant, id)
        .map(s -> ConversationRoutes.found(s, id))
        .onSuccess(
            s -> {
              announce(tenant, id.toString());
              Responses.json(ctx, body.apply(s));
            })
        .onFailure(ctx::fail);
  }

  private void announce(String tenant, String conversationId) {
    vertx
        .eventBus()
        .publish(
            Addresses.PRIVACY_CHANGED,
            new JsonObject().put("tenant", tenant).put("conversation_id", conversationId));
  }

  private static JsonObject required(RoutingContext ctx, String field) {
    JsonObject body = Requests.jsonBody(ctx);
    if (!body.containsKey(field)) {
      throw new ServiceException(ErrorCode.BAD_REQUEST, field + " is required", field);
    }
    return body;
  }

  private static <T> T checked(String field, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidSetting e) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST,
          field
              + (e.getMessage().startsWith("[") || e.getMessage().startsWith(":") ? "" : ".")
              + e.getMessage(),
          field);
    }
  }

  private static JsonObject object(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v != null && !(v instanceof JsonObject)) {
      throw new InvalidSetting(": must be an object");
    }
    return (JsonObject) v;
  }

  private static JsonArray array(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v != null && !(v instanceof JsonArray)) {
      throw new InvalidSetting(": must be an array of rules");
    }
    return (JsonArray) v;
  }
}
