package io.cleanercontext.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Creates the conversations of a run before any load starts (not part of the measured traffic). */
final class Conversations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Conversations() {}

  static List<String> create(String baseUrl, int count, String namePrefix) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Semaphore inFlight = new Semaphore(16);
    List<CompletableFuture<String>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String body = "{\"name\":\"" + namePrefix + " " + i + "\"}";
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/conversations"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      inFlight.acquireUninterruptibly();
      futures.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .whenComplete((r, e) -> inFlight.release())
              .thenApply(
                  response -> {
                    if (response.statusCode() != 201) {
                      throw new IllegalStateException(
                          "POST /api/v1/conversations -> "
                              + response.statusCode()
                              + ": "
                              + response.body());
                    }
                    try {
                      return JSON.readTree(response.body()).get("id").asText();
                    } catch (Exception e) {
                      throw new IllegalStateException(
                          "cannot read the conversation id in " + response.body(), e);
                    }
                  }));
    }
    List<String> ids = new ArrayList<>(count);
    futures.forEach(f -> ids.add(f.join()));
    return List.copyOf(ids);
  }
}
