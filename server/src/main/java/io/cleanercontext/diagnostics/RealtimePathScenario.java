package io.cleanercontext.diagnostics;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Real-time turns posted one after the other while a WebSocket listens: each accepted quickly, each
 * delivered once, in seq order, within the delivery target.
 */
final class RealtimePathScenario implements DiagnosticScenario {
  private static final int TURNS = 5;

  @Override
  public String name() {
    return "realtime_path";
  }

  @Override
  public String description() {
    return "real-time accept and post-to-delivery over a WebSocket, in order";
  }

  @Override
  public Future<Void> run(ScenarioContext ctx, ScenarioResult s) {
    List<Long> seqs = new ArrayList<>();
    List<Double> deliveries = new ArrayList<>();
    List<Double> accepts = new ArrayList<>();
    long[] sentAt = new long[TURNS + 1];
    Promise<Void> allDelivered = Promise.promise();
    return ctx.client()
        .subscribe(ctx.conversationId(), null)
        .compose(
            ws -> {
              ws.textMessageHandler(
                  text -> {
                    JsonObject event = new JsonObject(text);
                    if (event.getString("type").startsWith("turn.")) {
                      long now = System.nanoTime();
                      seqs.add(event.getLong("seq"));
                      int index = seqs.size();
                      if (index <= TURNS && sentAt[index] > 0) {
                        deliveries.add((now - sentAt[index]) / 1e6);
                      }
                      if (seqs.size() >= TURNS) {
                        allDelivered.tryComplete();
                      }
                    }
                  });
              return delivered(ctx, ws, allDelivered, seqs, () -> postAll(ctx, s, sentAt, accepts));
            })
        .<Void>map(
            v -> {
              s.within("accept_ms_max", max(accepts), ctx.target("queue_time"));
              s.within(
                  "post_to_delivery_ms_max", max(deliveries), ctx.target("websocket_delivery"));
              long offset = offset();
              s.expect(
                  seqs.equals(
                      List.of(1L + offset, 2L + offset, 3L + offset, 4L + offset, 5L + offset)),
                  "turns delivered once each in seq order, got " + seqs);
              return null;
            })
        .recover(e -> withQueueState(ctx, e));
  }

  /**
   * Posts the turns one after the other, recording when each was sent and how long its 202 took.
   */
  private static Future<Void> postAll(
      ScenarioContext ctx, ScenarioResult s, long[] sentAt, List<Double> accepts) {
    Future<Void> posts = Future.succeededFuture();
    for (int i = 1; i <= TURNS; i++) {
      int n = i;
      posts =
          posts.compose(
              v -> {
                sentAt[n] = System.nanoTime();
                return ctx.client()
                    .post(
                        ctx.turnsPath() + "/realtime",
                        new JsonObject()
                            .put("speaker", n % 2 == 0 ? "AI" : "User")
                            .put("raw_text", "diagnostic real-time turn " + n))
                    .map(
                        resp -> {
                          accepts.add((System.nanoTime() - sentAt[n]) / 1e6);
                          s.expect(
                              resp.statusCode() == 202, "202 Accepted, got " + resp.statusCode());
                          return null;
                        });
              });
    }
    return posts;
  }

  /**
   * Posts the turns and waits, up to the request timeout from the first post, for every turn to be
   * delivered; then closes the socket.
   */
  private static Future<Void> delivered(
      ScenarioContext ctx,
      WebSocket ws,
      Promise<Void> allDelivered,
      List<Long> seqs,
      Supplier<Future<Void>> posts) {
    long wait = ctx.client().requestTimeoutMs();
    long timer =
        ctx.vertx()
            .setTimer(
                wait,
                t ->
                    allDelivered.tryFail(
                        "only "
                            + seqs.size()
                            + " of "
                            + TURNS
                            + " real-time turns delivered within "
                            + wait
                            + " ms"));
    return posts
        .get()
        .compose(v -> allDelivered.future())
        .eventually(
            () -> {
              ctx.vertx().cancelTimer(timer);
              return ws.close();
            });
  }

  /** The failure's reason, saying so when the queue workers are stopped. */
  private static Future<Void> withQueueState(ScenarioContext ctx, Throwable e) {
    return ctx.queueStatus()
        .recover(x -> Future.succeededFuture(new JsonObject()))
        .compose(
            status -> {
              String reason = e.getMessage();
              if (!status.getBoolean("running", true)) {
                reason +=
                    "; the queue workers are stopped (POST /api/v1/conversations/queue/start)";
              }
              return Future.failedFuture(reason);
            });
  }

  /** Seqs already used in the scratch conversation by the synchronous scenarios. */
  private static long offset() {
    return 1 + UserTurnCleaningScenario.NOISY_TURNS.size();
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
