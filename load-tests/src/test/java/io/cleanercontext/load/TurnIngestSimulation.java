package io.cleanercontext.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Many conversations posting User and AI turns to the real-time endpoint at a target rate (open
 * model: arrivals do not wait for the server). Checks every reply is 202 with a seq. The 202's
 * response time is the accept latency: the pending row is committed and the job enqueued. With
 * {@code -DbatchSize=N} each request carries N turns of one conversation to the batch endpoint
 * (requests per second = rate / N).
 *
 * <pre>
 * mvn -pl load-tests test-compile gatling:test -Dgatling.simulationClass=io.cleanercontext.load.TurnIngestSimulation \
 *     -DbaseUrl=http://127.0.0.1:8080 -Drate=500 -Dduration=30 -DrampUp=5 -Dconversations=200 -DuserRatio=0.5
 * </pre>
 */
public class TurnIngestSimulation extends Simulation {
  private final LoadConfig config = new LoadConfig();
  private final Turns turns = new Turns(config.cleaningLevel);
  private final List<String> conversations;

  {
    System.out.println("TurnIngestSimulation: " + config.describe());
    conversations = Conversations.create(config.baseUrl, config.conversations, "load ingest");

    int batch = config.batchSize;
    Iterator<Map<String, Object>> feeder =
        Stream.generate(
                () ->
                    Map.<String, Object>of(
                        "conversationId",
                        conversations.get(
                            ThreadLocalRandom.current().nextInt(conversations.size())),
                        "body",
                        batch == 1 ? turns.random(config.userRatio) : batchBody(batch)))
            .iterator();

    ScenarioBuilder post =
        scenario("post realtime turns")
            .feed(feeder)
            .exec(
                batch == 1
                    ? http("POST turns/realtime")
                        .post("/api/v1/conversations/#{conversationId}/turns/realtime")
                        .header("Content-Type", "application/json")
                        .body(StringBody(session -> session.getString("body")))
                        .check(status().is(202), jsonPath("$.seq").ofLong().exists())
                    : http("POST turns/realtime/batch")
                        .post("/api/v1/conversations/#{conversationId}/turns/realtime/batch")
                        .header("Content-Type", "application/json")
                        .body(StringBody(session -> session.getString("body")))
                        .check(
                            status().is(202),
                            jsonPath("$.accepted[" + (batch - 1) + "].seq").ofLong().exists()));

    HttpProtocolBuilder protocol =
        http.baseUrl(config.baseUrl)
            .acceptHeader("application/json")
            // Posters behave like a client library with a keep-alive pool, not one TCP connection
            // per turn.
            .shareConnections();

    setUp(
            post.injectOpen(
                openProfile(config.rampUp, config.rate / batch, config.duration)
                    .toArray(OpenInjectionStep[]::new)))
        .protocols(protocol)
        .maxDuration(config.maxDuration(0))
        .assertions(global().failedRequests().percent().lt(1.0));
  }

  private String batchBody(int size) {
    StringBuilder body = new StringBuilder("{\"turns\":[");
    for (int i = 0; i < size; i++) {
      body.append(i == 0 ? "" : ",").append(turns.random(config.userRatio));
    }
    return body.append("]}").toString();
  }

  /** Optional linear ramp to the rate, then the constant rate for the duration. */
  static List<OpenInjectionStep> openProfile(int rampUp, double rate, int duration) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    if (rampUp > 0) {
      steps.add(rampUsersPerSec(Math.min(1.0, rate)).to(rate).during(rampUp));
    }
    steps.add(constantUsersPerSec(rate).during(duration));
    return steps;
  }
}
