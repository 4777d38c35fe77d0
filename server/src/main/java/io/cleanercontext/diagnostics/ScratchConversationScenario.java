package io.cleanercontext.diagnostics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Creates the run's scratch conversation and checks that listings do not show it. */
final class ScratchConversationScenario implements DiagnosticScenario {
  @Override
  public String name() {
    return "scratch_conversation";
  }

  @Override
  public String description() {
    return "create a scratch conversation, hidden from listings";
  }

  @Override
  public boolean needsScratchConversation() {
    return false;
  }

  @Override
  public Future<Void> run(ScenarioContext ctx, ScenarioResult s) {
    return ctx.client()
        .post(
            "/api/v1/conversations",
            new JsonObject()
                .put("name", "diagnostics " + ctx.runId())
                .put("metadata", new JsonObject().put("diagnostics", true)))
        .compose(
            resp -> {
              s.expect(resp.statusCode() == 201, "201 Created, got " + resp.statusCode());
              ctx.conversationId(resp.bodyAsJsonObject().getString("id"));
              s.figures.put("conversation_id", ctx.conversationId());
              return ctx.client().get("/api/v1/conversations?limit=500");
            })
        .map(
            list -> {
              boolean listed =
                  list.bodyAsJsonObject().getJsonArray("items").stream()
                      .anyMatch(c -> ctx.conversationId().equals(((JsonObject) c).getString("id")));
              s.expect(!listed, "the scratch conversation not to appear in listings");
              return null;
            });
  }
}
