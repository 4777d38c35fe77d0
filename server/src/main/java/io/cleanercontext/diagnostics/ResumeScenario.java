package io.cleanercontext.diagnostics;

import io.cleanercontext.contract.TurnStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Two turns settle while no one listens; a WebSocket with {@code since} then replays exactly them.
 */
final class ResumeScenario implements DiagnosticScenario {
  @Override
  public String name() {
    return "resume";
  }

  @Override
  public String description() {
    return "reconnecting with since returns exactly the missed turns";
  }

  @Override
  public Future<Void> run(ScenarioContext ctx, ScenarioResult s) {
    DiagnosticsClient client = ctx.client();
    return lastSeq(ctx)
        .compose(
            lastSeq ->
                client
                    .post(ctx.turnsPath() + "/realtime", userTurn("missed turn one"))
                    .compose(
                        r ->
                            client.post(ctx.turnsPath() + "/realtime", userTurn("missed turn two")))
                    .compose(
                        r ->
                            awaitSettled(
                                ctx,
                                lastSeq + 2,
                                System.currentTimeMillis() + client.requestTimeoutMs()))
                    .compose(v -> replayedSeqs(ctx, lastSeq))
                    .map(
                        seqs -> {
                          s.figures
                              .put("resumed_after_seq", lastSeq)
                              .put("replayed_seqs", new JsonArray(seqs));
                          s.expect(
                              seqs.equals(List.of(lastSeq + 1, lastSeq + 2)),
                              "exactly the 2 missed turns, got " + seqs);
                          return null;
                        }));
  }

  private static JsonObject userTurn(String text) {
    return new JsonObject().put("speaker", "User").put("raw_text", text);
  }

  private static Future<Long> lastSeq(ScenarioContext ctx) {
    return ctx.client()
        .get("/api/v1/conversations/" + ctx.conversationId())
        .map(r -> r.bodyAsJsonObject().getLong("last_seq"));
  }

  /**
   * The seqs of the turn events a WebSocket resuming after {@code since} gets before its replay
   * ends.
   */
  private static Future<List<Long>> replayedSeqs(ScenarioContext ctx, long since) {
    List<Long> seqs = new ArrayList<>();
    Promise<Void> complete = Promise.promise();
    long timeout = ctx.client().requestTimeoutMs();
    return ctx.client()
        .subscribe(ctx.conversationId(), since)
        .compose(
            ws -> {
              ws.textMessageHandler(
                  text -> {
                    JsonObject event = new JsonObject(text);
                    if (event.getString("type").startsWith("turn.")) {
                      seqs.add(event.getLong("seq"));
                    } else if ("replay.complete".equals(event.getString("type"))) {
                      complete.tryComplete();
                    }
                  });
              long timer =
                  ctx.vertx()
                      .setTimer(
                          timeout,
                          t -> complete.tryFail("no replay.complete within " + timeout + " ms"));
              return complete
                  .future()
                  .eventually(
                      () -> {
                        ctx.vertx().cancelTimer(timer);
                        return ws.close();
                      });
            })
        .map(v -> seqs);
  }

  private static Future<Void> awaitSettled(ScenarioContext ctx, long seq, long until) {
    return ctx.client()
        .get(ctx.turnsPath() + "?since_seq=" + (seq - 1))
        .compose(
            r -> {
              JsonArray items = r.bodyAsJsonObject().getJsonArray("items");
              boolean done =
                  !items.isEmpty()
                      && !TurnStatus.PENDING
                          .wireName()
                          .equals(items.getJsonObject(0).getString("status"));
              if (done) {
                return Future.succeededFuture();
              }
              if (System.currentTimeMillis() > until) {
                return Future.failedFuture(
                    "turn "
                        + seq
                        + " still pending after "
                        + ctx.client().requestTimeoutMs()
                        + " ms");
              }
              return ctx.vertx().timer(20).compose(t -> awaitSettled(ctx, seq, until));
            });
  }
}
