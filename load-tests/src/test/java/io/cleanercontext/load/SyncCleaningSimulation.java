package io.cleanercontext.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.holdFor;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.reachRps;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The synchronous turn API ({@code POST /conversations/{id}/turns}: replies with the cleaned turn)
 * under concurrency. Each of {@code concurrency} callers owns one conversation and posts its
 * transcript's turns one after another (AI and User alternate, like a live call) for {@code
 * duration} seconds: a closed model, so throughput = concurrency / latency. With {@code -Drate=R}
 * the total request rate is also capped at R/s.
 *
 * <pre>
 * mvn -pl load-tests test-compile gatling:test -Dgatling.simulationClass=io.cleanercontext.load.SyncCleaningSimulation \
 *     -DbaseUrl=http://127.0.0.1:8080 -Dconcurrency=32 -Dduration=30 -DrampUp=5
 * </pre>
 */
public class SyncCleaningSimulation extends Simulation {
  private final LoadConfig config = new LoadConfig();
  private final Turns turns = new Turns(config.cleaningLevel);
  private final AtomicInteger nextConversation = new AtomicInteger();

  {
    System.out.println("SyncCleaningSimulation: " + config.describe());
    List<String> conversations =
        Conversations.create(config.baseUrl, config.concurrency, "load sync");

    ScenarioBuilder callers =
        scenario("synchronous cleaning")
            .exec(
                session ->
                    session
                        .set(
                            "conversationId",
                            conversations.get(
                                nextConversation.getAndIncrement() % conversations.size()))
                        .set("n", 0L))
            .during(Duration.ofSeconds(config.duration))
            .on(
                exec(session -> session.set("body", turns.nth(session.getLong("n"))))
                    .exec(
                        http("POST turns (sync)")
                            .post("/api/v1/conversations/#{conversationId}/turns")
                            .header("Content-Type", "application/json")
                            .body(StringBody(session -> session.getString("body")))
                            .check(status().is(200), jsonPath("$.status").in("cleaned", "skipped")))
                    .exec(session -> session.set("n", session.getLong("n") + 1)));

    var setUp =
        setUp(callers.injectOpen(rampUsers(config.concurrency).during(Math.max(1, config.rampUp))))
            .protocols(http.baseUrl(config.baseUrl).acceptHeader("application/json"))
            .maxDuration(config.maxDuration(0))
            .assertions(global().failedRequests().percent().lt(1.0));
    if (System.getProperty("rate") != null) {
      setUp.throttle(
          reachRps((int) Math.ceil(config.rate)).in(Math.max(1, config.rampUp)),
          holdFor(Duration.ofSeconds(config.duration)));
    }
  }
}
