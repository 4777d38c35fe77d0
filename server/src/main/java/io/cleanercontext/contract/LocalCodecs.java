package io.cleanercontext.contract;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Codecs that hand an immutable record to a consumer of the same process as it is: no JSON is
 * built, copied or parsed. Only for messages that never leave their node (local-only addresses, or
 * a consumer deployed beside its sender on every node, as a shard beside its partition's worker).
 */
public final class LocalCodecs {
  private LocalCodecs() {}

  /**
   * Makes {@code type} the default codec's type on this Vert.x instance; a second call (another
   * verticle of the same instance) changes nothing.
   */
  public static <T> void register(Vertx vertx, Class<T> type) {
    try {
      vertx.eventBus().registerDefaultCodec(type, byReference(type));
    } catch (IllegalStateException alreadyRegistered) {
      // another verticle of this Vert.x instance registered it
    }
  }

  /** The codec passing a {@code type} message by reference, for callers that register it. */
  public static <T> MessageCodec<T, T> byReference(Class<T> type) {
    return new ByReference<>(type);
  }

  private static final class ByReference<T> implements MessageCodec<T, T> {
    private final String name;

    ByReference(Class<T> type) {
      this.name = "cc-local:" + type.getName();
    }

    @Override
    public void encodeToWire(Buffer buffer, T message) {
      throw new UnsupportedOperationException(name + " is delivered within its node only");
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException(name + " is delivered within its node only");
    }

    @Override
    public T transform(T message) {
      return message;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
