package io.cleanercontext.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TCP bridge's frame reader never hands a frame on twice: a frame is consumed before its
 * handler runs, so a handler that throws cannot make the next chunk replay it (the attack run: one
 * SEND stored 6 turns) or read its body as a length prefix.
 */
class FrameReaderTest {
  private static Buffer frame(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer().appendInt(bytes.length).appendBytes(bytes);
  }

  @Test
  void aThrowingHandlerNeverReplaysEarlierFrames() {
    FrameReader reader = new FrameReader(1024);
    List<String> seen = new ArrayList<>();
    Buffer first = frame("{\"n\":1}").appendBuffer(frame("{\"n\":2}"));
    assertThatThrownBy(
            () ->
                reader.read(
                    first,
                    bytes -> {
                      String text = new String(bytes, StandardCharsets.UTF_8);
                      seen.add(text);
                      if (text.contains("2")) {
                        throw new IllegalStateException("a bug in a frame handler");
                      }
                    },
                    () -> false))
        .isInstanceOf(IllegalStateException.class);
    for (int i = 3; i <= 7; i++) {
      assertThat(reader.read(frame("{\"n\":" + i + "}"), b -> seen.add(new String(b)), () -> false))
          .isNull();
    }
    assertThat(seen)
        .containsExactly(
            "{\"n\":1}",
            "{\"n\":2}",
            "{\"n\":3}",
            "{\"n\":4}",
            "{\"n\":5}",
            "{\"n\":6}",
            "{\"n\":7}");
  }

  @Test
  void framesSplitAnywhereAreReadOnce() {
    FrameReader reader = new FrameReader(1024);
    List<String> seen = new ArrayList<>();
    Buffer all = Buffer.buffer();
    for (int i = 0; i < 20; i++) {
      all.appendBuffer(frame("{\"n\":" + i + "}"));
    }
    for (int at = 0; at < all.length(); at += 3) {
      reader.read(
          all.getBuffer(at, Math.min(all.length(), at + 3)),
          b -> seen.add(new String(b, StandardCharsets.UTF_8)),
          () -> false);
    }
    assertThat(seen).hasSize(20).doesNotHaveDuplicates();
  }
}
