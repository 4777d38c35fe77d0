package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 24: the engine's rule data lives in one place, {@code resources/cleaning}, each file listed
 * in its README with a header saying what it is, and none of it in Java literals.
 */
class RuleDataTest {

  private static final Path DATA = Path.of("src/main/resources/cleaning");
  private static final Path ENGINE = Path.of("src/main/java/io/cleanercontext/cleaner/engine");

  /** A collection of words written in Java: {@code Set.of("a", ...)}, {@code Map.entry("x", }. */
  private static final Pattern WORD_LITERALS =
      Pattern.compile("\\b(?:Set|List|Map)\\.(?:of|entry|copyOf)\\(\\s*\"");

  @Test
  void everyDataFileIsListedInTheReadmeAndSaysWhatItIs() throws IOException {
    String readme = Files.readString(DATA.resolve("README.md"), StandardCharsets.UTF_8);
    for (Path file : files(DATA)) {
      String name = file.getFileName().toString();
      if (name.equals("README.md")) {
        continue;
      }
      assertThat(readme).as("README.md lists " + name).contains("`" + name + "`");
      if (name.endsWith(".txt")) {
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).get(0))
            .as(name + " starts with a comment saying what it is")
            .startsWith("#");
      }
    }
  }

  @Test
  void noWordListIsWrittenInTheEngineCode() {
    List<String> found =
        files(ENGINE).stream()
            .filter(p -> WORD_LITERALS.matcher(read(p)).find())
            .map(p -> p.getFileName().toString())
            .toList();
    assertThat(found).as("word lists in Java: move them to resources/cleaning").isEmpty();
  }

  @Test
  void theLiteralCheckFindsAWordList() {
    assertThat(WORD_LITERALS.matcher("Set.of(\n      \"in\", \"near\")").find()).isTrue();
    assertThat(WORD_LITERALS.matcher("Map.entry(\"won't\", 3)").find()).isTrue();
    assertThat(WORD_LITERALS.matcher("List.of(text)").find()).isFalse();
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
