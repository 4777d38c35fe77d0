package io.cleanercontext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Classes a newcomer can hold in their head: no source file of the server over 300 lines. */
class SourceSizeTest {
  private static final int MAX_LINES = 300;

  @Test
  void noMainSourceFileIsLongerThan300Lines() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(sources)) {
      tooLong =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(SourceSizeTest::tooLong)
              .map(p -> sources.relativize(p) + " (" + lines(p) + " lines)")
              .sorted()
              .toList();
    }
    assertThat(tooLong).as("files over " + MAX_LINES + " lines: split them").isEmpty();
  }

  private static boolean tooLong(Path file) {
    return lines(file) > MAX_LINES;
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
