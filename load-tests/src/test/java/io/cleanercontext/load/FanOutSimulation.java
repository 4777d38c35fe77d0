package io.cleanercontext.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket subscribers on a set of conversations while turns are posted to them.
 *
 * <p>First {@code subscribers} sockets connect to {@code GET /ws/conversations/{id}} (spread evenly
 * over {@code conversations}, ramped over {@code subscriberRampUp} seconds), each waiting for the
 * {@code hello} frame (a Gatling ws check: its time is the "subscribe" request in the report). Then
 * posters send turns at {@code rate}/s (open model) round-robin over the conversations, checking
 * 202s (the "POST turns/realtime" request: accept latency). Each subscriber drains its socket's
 * received frames every {@code pollMs} into the {@link DeliveryLedger}, which checks every accepted
 * seq of its conversation arrives once and in order and measures post-to-delivery latency from the
 * frames' arrival timestamps (see there). The ledger is printed at the end and written as JSON.
 *
 * <pre>
 * mvn -pl load-tests test-compile gatling:test -Dgatling.simulationClass=io.cleanercontext.load.FanOutSimulation \
 *     -DbaseUrl=http://127.0.0.1:8080 -Dconversations=20 -Dsubscribers=200 -Drate=100 -Dduration=30
 * </pre>
 */
public class FanOutSimulation extends Simulation {
  private static final int SETTLE_SECONDS = 3;

  private final LoadConfig config = new LoadConfig();
  private final Turns turns = new Turns(config.cleaningLevel);
  private final DeliveryLedger ledger = new DeliveryLedger();
  private final AtomicLong nextSubscriber = new AtomicLong();
  private final AtomicLong nextPost = new AtomicLong();
  private final int subscriberRampUp =
      Integer.getInteger(
          "subscriberRampUp", Math.max(1, (int) Math.ceil(config.subscribers / 500.0)));
  private volatile long startedAt = System.currentTimeMillis();

  {
    if (subscriberRampUp < 1 || subscriberRampUp > 300) {
      throw new IllegalArgumentException("subscriberRampUp must be within [1, 300]");
    }
    System.out.println(
        "FanOutSimulation: " + config.describe() + " subscriberRampUp=" + subscriberRampUp + "s");
    List<String> conversations =
        Conversations.create(config.baseUrl, config.conversations, "load fan-out");
    long postingSeconds = subscriberRampUp + SETTLE_SECONDS + config.rampUp + config.duration;

    ScenarioBuilder subscribe =
        scenario("subscribers")
            .exec(
                session ->
                    session.set(
                        "conversationId",
                        conversations.get(
                            (int) (nextSubscriber.getAndIncrement() % conversations.size()))))
            .exec(
                ws("subscribe")
                    .connect("/ws/conversations/#{conversationId}")
                    .await(Duration.ofSeconds(30))
                    .on(ws.checkTextMessage("hello").check(jsonPath("$.type").is("hello"))))
            .exec(
                session -> {
                  if (session.isFailed()) {
                    ledger.connectFailures.incrementAndGet();
                  } else {
                    ledger.subscribed(session.userId(), session.getString("conversationId"));
                  }
                  return session;
                })
            .exitHereIfFailed()
            .asLongAs(session -> !listeningDone(postingSeconds))
            .on(
                pause(Duration.ofMillis(config.pollMs))
                    .exec(
                        ws.processUnmatchedMessages(
                            (messages, session) -> {
                              ledger.received(session.userId(), messages);
                              return session;
                            })))
            .exec(
                ws.processUnmatchedMessages(
                    (messages, session) -> {
                      ledger.received(session.userId(), messages);
                      return session;
                    }))
            .exec(ws("close").close());

    ScenarioBuilder post =
        scenario("posters")
            .exec(
                session -> {
                  long n = nextPost.getAndIncrement();
                  return session
                      .set("conversationId", conversations.get((int) (n % conversations.size())))
                      .set("body", turns.random(config.userRatio))
                      .set("sentAt", System.currentTimeMillis());
                })
            .exec(
                http("POST turns/realtime")
                    .post("/api/v1/conversations/#{conversationId}/turns/realtime")
                    .header("Content-Type", "application/json")
                    .body(StringBody(session -> session.getString("body")))
                    .check(status().is(202), jsonPath("$.seq").ofLong().saveAs("seq")))
            .exec(
                session -> {
                  if (session.isFailed() || !session.contains("seq")) {
                    ledger.postsRejected.incrementAndGet();
                  } else {
                    ledger.accepted(
                        session.getString("conversationId"),
                        session.getLong("seq"),
                        session.getLong("sentAt"));
                  }
                  return session;
                });

    List<OpenInjectionStep> posting = new ArrayList<>();
    posting.add(nothingFor(Duration.ofSeconds(subscriberRampUp + SETTLE_SECONDS)));
    if (config.rampUp > 0) {
      posting.add(
          rampUsersPerSec(Math.min(1.0, config.rate)).to(config.rate).during(config.rampUp));
    }
    posting.add(constantUsersPerSec(config.rate).during(config.duration));

    HttpProtocolBuilder subscriberProtocol =
        http.baseUrl(config.baseUrl)
            .wsBaseUrl(config.wsBaseUrl())
            .wsUnmatchedInboundMessageBufferSize(10_000);
    HttpProtocolBuilder posterProtocol =
        http.baseUrl(config.baseUrl).acceptHeader("application/json").shareConnections();

    List<io.gatling.javaapi.core.PopulationBuilder> populations = new ArrayList<>();
    if (config.subscribers > 0) {
      populations.add(
          subscribe
              .injectOpen(rampUsers(config.subscribers).during(subscriberRampUp))
              .protocols(subscriberProtocol));
    }
    populations.add(
        post.injectOpen(posting.toArray(OpenInjectionStep[]::new)).protocols(posterProtocol));
    setUp(populations)
        .maxDuration(config.maxDuration(subscriberRampUp + SETTLE_SECONDS))
        .assertions(global().failedRequests().percent().lt(1.0));
  }

  /**
   * Posting is over (plus 2 s for replies in flight) and the drain time has passed, or all arrived.
   */
  private boolean listeningDone(long postingSeconds) {
    long now = System.currentTimeMillis();
    long postingEnds = startedAt + postingSeconds * 1000 + 2000;
    return now > postingEnds + config.drain * 1000L;
  }

  @Override
  public void before() {
    startedAt = System.currentTimeMillis();
  }

  @Override
  public void after() {
    System.out.println(DeliveryLedger.render(ledger.summarize("FanOutSimulation", config)));
  }
}
