package io.cleanercontext;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/ARCHITECTURE.md stays true to the tree: every class of the server is named in it (in its
 * package's row of the table, or where the path of a turn is told), and it links no file outside
 * the repository.
 */
class ArchitectureDocTest {
  private static final Path DOC = Path.of("../docs/ARCHITECTURE.md");

  @Test
  void everyMainClassIsNamedInTheArchitecture() throws IOException {
    String doc = Files.readString(DOC);
    Path sources = Path.of("src/main/java");
    List<String> unnamed;
    try (Stream<Path> files = Files.walk(sources)) {
      unnamed =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .map(p -> sources.relativize(p).toString())
              .filter(p -> !named(doc, className(p)))
              .sorted()
              .toList();
    }
    assertThat(unnamed).as("classes docs/ARCHITECTURE.md does not name").isEmpty();
  }

  @Test
  void itLinksNoFileOutsideTheRepository() throws IOException {
    List<String> outside =
        Pattern.compile("\\]\\(([^)#]+)")
            .matcher(Files.readString(DOC))
            .results()
            .map(m -> m.group(1))
            .filter(link -> !link.startsWith("http"))
            .filter(link -> !insideTheRepository(DOC.getParent().resolve(link)))
            .toList();
    assertThat(outside).as("links to files the repository does not have").isEmpty();
  }

  /** An existing file under the repository's root (the server module's parent). */
  private static boolean insideTheRepository(Path file) {
    Path root = Path.of("..").toAbsolutePath().normalize();
    return file.toAbsolutePath().normalize().startsWith(root) && Files.exists(file);
  }

  private static String className(String path) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    return file.substring(0, file.length() - ".java".length());
  }

  private static boolean named(String doc, String className) {
    return Pattern.compile("\\b" + Pattern.quote(className) + "\\b").matcher(doc).find();
  }
}
