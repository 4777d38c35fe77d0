package io.cleanercontext.api;

import io.cleanercontext.contract.ErrorCode;
import io.cleanercontext.contract.ServiceException;
import io.cleanercontext.intake.Fields;
import io.cleanercontext.security.Scope;
import io.cleanercontext.store.ConversationRow;
import io.cleanercontext.store.ConversationStore;
import io.cleanercontext.store.TurnStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Conversations: create, list, read, delete, and their context and performance. */
final class ConversationRoutes {
  private final ConversationStore conversations;
  private final TurnStore turns;
  private final ApiDeployment config;

  ConversationRoutes(ConversationStore conversations, TurnStore turns, ApiDeployment config) {
    this.conversations = conversations;
    this.turns = turns;
    this.config = config;
  }

  void mount(Router api) {
    api.post("/conversations").handler(Access.require(Scope.WRITE)).handler(this::create);
    api.get("/conversations").handler(Access.require(Scope.READ)).handler(this::list);
    api.get("/conversations/:id").handler(Access.require(Scope.READ)).handler(this::get);
    api.delete("/conversations/:id").handler(Access.require(Scope.WRITE)).handler(this::delete);
    api.get("/conversations/:id/context")
        .handler(Access.require(Scope.READ))
        .handler(this::context);
    api.get("/conversations/:id/performance")
        .handler(Access.require(Scope.READ))
        .handler(this::performance);
    api.get("/conversations/:id/keyterms")
        .handler(Access.require(Scope.READ))
        .handler(this::keyterms);
    api.put("/conversations/:id/keyterms")
        .handler(Access.require(Scope.WRITE))
        .handler(this::replaceKeyterms);
  }

  private void create(RoutingContext ctx) {
    if (Access.principal(ctx).limitedToNamedConversations()) {
      throw new ServiceException(
          ErrorCode.FORBIDDEN,
          "this token is limited to named conversations: it cannot create one");
    }
    JsonObject body = Requests.jsonBody(ctx);
    String name = Fields.requiredString(body, "name").strip();
    if (name.codePointCount(0, name.length()) > 200) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "name must be at most 200 characters", "name");
    }
    Fields.checkText(name, "name", 200);
    Object metadata = body.getValue("metadata");
    if (metadata != null && !(metadata instanceof JsonObject)) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "metadata must be a JSON object", "metadata");
    }
    if (metadata != null && ((JsonObject) metadata).encode().length() > 16_384) {
      throw new ServiceException(
          ErrorCode.PAYLOAD_TOO_LARGE, "metadata must be at most 16384 bytes of JSON", "metadata");
    }
    int defaultWindow = config.defaultWindow();
    Integer window = Fields.optionalInt(body, "sliding_window_size", 1, 100);
    List<String> keyterms =
        body.getValue("keyterms") == null ? List.of() : Keyterms.parse(body.getValue("keyterms"));
    int quota = config.security().maxConversationsPerTenant();
    conversations
        .createWithinQuota(
            Access.tenant(ctx),
            name,
            metadata == null ? new JsonObject() : (JsonObject) metadata,
            window == null ? defaultWindow : window,
            keyterms,
            quota)
        .onSuccess(
            c -> {
              if (c == null) {
                ctx.response().putHeader("Retry-After", "60");
                ctx.fail(
                    new ServiceException(
                        ErrorCode.TOO_MANY_REQUESTS,
                        "the tenant has "
                            + quota
                            + " conversations, its quota (security.max_conversations_per_tenant):"
                            + " delete some first"));
                return;
              }
              ctx.response()
                  .setStatusCode(201)
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Location", "/api/v1/conversations/" + c.id())
                  .end(ConversationBodies.of(c).encode());
            })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    int limit = Requests.intQuery(ctx, "limit", 50, 1, config.api().maxPageSize());
    int offset = Requests.intQuery(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    conversations
        .page(Access.tenant(ctx), Access.principal(ctx).conversations(), limit, offset)
        .onSuccess(page -> Responses.json(ctx, ConversationBodies.page(page)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    conversations
        .find(Access.tenant(ctx), id)
        .map(c -> found(c, id))
        .onSuccess(c -> Responses.json(ctx, ConversationBodies.of(c)))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    conversations
        .delete(Access.tenant(ctx), id)
        .map(deleted -> deleted ? deleted : found(null, id))
        .onSuccess(deleted -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void context(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    String tenant = Access.tenant(ctx);
    answerFor(
        ctx,
        conversations,
        tenant,
        id,
        c ->
            turns
                .context(tenant, id)
                .map(
                    window ->
                        new JsonObject()
                            .put("conversation_id", id.toString())
                            .put("sliding_window_size", c.windowSize())
                            .put("turns", TurnBodies.array(window))));
  }

  private void performance(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    String tenant = Access.tenant(ctx);
    answerFor(
        ctx,
        conversations,
        tenant,
        id,
        c ->
            conversations
                .performance(tenant, id)
                .map(
                    rows ->
                        new JsonObject()
                            .put("conversation_id", id.toString())
                            .put("turn_count", c.turnCount())
                            .put("by_status_and_role", ConversationBodies.performance(rows))));
  }

  private void keyterms(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    conversations
        .keyterms(Access.tenant(ctx), id)
        .map(terms -> found(terms, id))
        .onSuccess(terms -> Responses.json(ctx, keytermsBody(terms)))
        .onFailure(ctx::fail);
  }

  /**
   * Replaces the keyterms as a whole; the conversation's next turn accepted is cleaned with them.
   */
  private void replaceKeyterms(RoutingContext ctx) {
    UUID id = Access.conversation(ctx, Requests.uuidParam(ctx, "id"));
    JsonObject body = Requests.jsonBody(ctx);
    if (!body.containsKey("keyterms")) {
      throw new ServiceException(
          ErrorCode.BAD_REQUEST, "keyterms is required (an empty array clears them)", "keyterms");
    }
    List<String> keyterms = Keyterms.parse(body.getValue("keyterms"));
    conversations
        .replaceKeyterms(Access.tenant(ctx), id, keyterms)
        .map(terms -> found(terms, id))
        .onSuccess(terms -> Responses.json(ctx, keytermsBody(terms)))
        .onFailure(ctx::fail);
  }

  private static JsonObject keytermsBody(List<String> terms) {
    return new JsonObject().put("keyterms", new JsonArray(new ArrayList<>(terms)));
  }

  /** The conversation itself, or a 404 failure naming it. */
  /**
   * Answers with the JSON that {@code body} builds from the tenant's conversation, or 404 when the
   * tenant has no conversation with that id.
   */
  static void answerFor(
      RoutingContext ctx,
      ConversationStore conversations,
      String tenant,
      UUID id,
      Function<ConversationRow, Future<JsonObject>> body) {
    conversations
        .find(tenant, id)
        .compose(c -> body.apply(found(c, id)))
        .onSuccess(json -> Responses.json(ctx, json))
        .onFailure(ctx::fail);
  }

  static <T> T found(T conversation, UUID id) {
    if (conversation == null) {
      throw notFound(id);
    }
    return conversation;
  }

  static ServiceException notFound(UUID id) {
    return new ServiceException(ErrorCode.NOT_FOUND, "conversation " + id + " not found", "id");
  }
}
