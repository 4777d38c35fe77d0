package io.cleanercontext.json;

import io.cleanercontext.bench.ShortRun;
import io.cleanercontext.realtime.HotPathMessages;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.json.JsonCodec;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The JSON every turn goes through: its event, encoded once for all of a conversation's sockets
 * ({@code encodeTurnEvent}), and its queue entry, read back from Redis ({@code decodeJobEntry}),
 * with the codec Vert.x uses here (databind: jackson-databind is on the class path, Flyway brings
 * it) and with Vert.x's jackson-core streaming codec, the one a service-loaded
 * {@code io.vertx.core.spi.JsonFactory} could install instead. Measured 2026-11-26: the streaming
 * codec is no faster (decode the same, encode slower), so the server keeps Vert.x's default; see
 * docs/PERFORMANCE.md. Score: operations per second.
 */
public class JsonCodecBenchmark extends ShortRun {
  @Param({"databind", "streaming"})
  public String codec;

  private JsonCodec json;
  private JsonObject event;
  private String jobEntry;

  @Setup(Level.Trial)
  public void setUp() {
    json = codec.equals("databind") ? new DatabindCodec() : new JacksonCodec();
    event = HotPathMessages.turnEvent();
    jobEntry = HotPathMessages.jobEntry().encode();
  }

  @Benchmark
  public String encodeTurnEvent() {
    return json.toString(event, false);
  }

  @Benchmark
  public Object decodeJobEntry() {
    return json.fromString(jobEntry, Map.class);
  }
}
