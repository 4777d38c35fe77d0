package io.cleanercontext.load;

import java.time.Duration;

/**
 * The knobs of every simulation, read from system properties ({@code -Dname=value}) and bounded, so
 * no run can grow without limit: a value above its ceiling stops the simulation before it starts.
 *
 * <pre>
 *   baseUrl        http://127.0.0.1:8080   server under test (loopback only)
 *   rate           50        turns posted per second (open model)            max 20000
 *   duration       30        seconds of posting / of the closed-model loop   max 600
 *   rampUp         5         seconds to ramp the posting rate (or subscribers) max 300
 *   conversations  50        conversations created before the run           max 20000
 *   subscribers    100       WebSocket subscribers (FanOutSimulation)        max 20000
 *   concurrency    16        concurrent synchronous callers (SyncCleaningSimulation) max 2000
 *   userRatio      0.5       share of posted turns that are User turns (the rest AI)
 *   cleaningLevel  (unset)   none | light | full | auto; unset = the server's default
 *   drain          10        seconds subscribers keep listening after the last post  max 120
 *   pollMs         250       how often a subscriber drains its received frames (frames are
 *                            timestamped on arrival by Gatling, so this does not bias latency)
 *   batchSize      1         turns per request (TurnIngestSimulation): above 1, each request posts that
 *                            many turns of one conversation to .../turns/realtime/batch; rate stays turns/s  max 100
 *   resultsDir     target/load-results   where the delivery ledger writes its JSON summary
 * </pre>
 */
final class LoadConfig {
  final String baseUrl = str("baseUrl", "http://127.0.0.1:8080");
  final double rate = dbl("rate", 50, 0.1, 20_000);
  final int duration = integer("duration", 30, 1, 600);
  final int rampUp = integer("rampUp", 5, 0, 300);
  final int conversations = integer("conversations", 50, 1, 20_000);
  final int subscribers = integer("subscribers", 100, 0, 20_000);
  final int concurrency = integer("concurrency", 16, 1, 2_000);
  final double userRatio = dbl("userRatio", 0.5, 0, 1);
  final String cleaningLevel = System.getProperty("cleaningLevel");
  final int drain = integer("drain", 10, 0, 120);
  final int pollMs = integer("pollMs", 250, 10, 10_000);
  final int batchSize = integer("batchSize", 1, 1, 100);
  final String resultsDir = str("resultsDir", "target/load-results");

  LoadConfig() {
    String host = java.net.URI.create(baseUrl).getHost();
    if (!("127.0.0.1".equals(host)
        || "localhost".equals(host)
        || "[::1]".equals(host)
        || "::1".equals(host))) {
      throw new IllegalArgumentException(
          "baseUrl must point at this machine (loopback), got " + baseUrl);
    }
  }

  String wsBaseUrl() {
    return baseUrl.replaceFirst("^http", "ws");
  }

  /** Hard stop for a whole simulation: nothing runs past it whatever the injection profile says. */
  Duration maxDuration(int extraSeconds) {
    return Duration.ofSeconds(rampUp + duration + drain + extraSeconds + 60L);
  }

  String describe() {
    return "baseUrl="
        + baseUrl
        + " rate="
        + rate
        + "/s duration="
        + duration
        + "s rampUp="
        + rampUp
        + "s conversations="
        + conversations
        + " subscribers="
        + subscribers
        + " concurrency="
        + concurrency
        + " userRatio="
        + userRatio
        + " cleaningLevel="
        + (cleaningLevel == null ? "(server default)" : cleaningLevel)
        + " drain="
        + drain
        + "s pollMs="
        + pollMs
        + " batchSize="
        + batchSize;
  }

  private static String str(String name, String dflt) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() ? dflt : v.strip();
  }

  private static int integer(String name, int dflt, int min, int max) {
    String v = System.getProperty(name);
    int value = v == null || v.isBlank() ? dflt : Integer.parseInt(v.strip());
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be within [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  private static double dbl(String name, double dflt, double min, double max) {
    String v = System.getProperty(name);
    double value = v == null || v.isBlank() ? dflt : Double.parseDouble(v.strip());
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be within [" + min + ", " + max + "], got " + value);
    }
    return value;
  }
}
