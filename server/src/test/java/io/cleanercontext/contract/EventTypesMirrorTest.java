package io.cleanercontext.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's copy of the event catalogue ({@code web-ui/src/lib/events.js}) says exactly what
 * {@link EventTypes} says: the same names and types, the same types with a seq, the same close
 * codes. A type added on one side only fails here.
 */
class EventTypesMirrorTest {
  private static final Path EVENTS_JS = Path.of("../web-ui/src/lib/events.js");

  @Test
  void theJavaCatalogueListsEveryTypeItDeclares() throws IllegalAccessException {
    assertThat(Set.copyOf(javaTypes().values())).isEqualTo(EventTypes.ALL);
    assertThat(EventTypes.ALL).containsAll(EventTypes.WITH_SEQ);
    assertThat(EventTypes.carriesSeq(EventTypes.TURN_CLEANED)).isTrue();
    assertThat(EventTypes.carriesSeq(EventTypes.HELLO)).isFalse();
  }

  @Test
  void eventsJsHasTheSameTypes() throws IOException, IllegalAccessException {
    Map<String, String> js = new HashMap<>();
    pairs(block("EVENT_TYPES"), "(\\w+):\\s*'([^']*)'").forEach(js::put);
    assertThat(js).isNotEmpty().isEqualTo(javaTypes());
  }

  @Test
  void eventsJsHasTheSameTypesWithASeq() throws IOException, IllegalAccessException {
    Matcher line = Pattern.compile("export const WITH_SEQ = [^;]*;").matcher(source());
    assertThat(line.find()).as("WITH_SEQ in events.js").isTrue();
    Map<String, String> names = javaTypes();
    Set<String> js = new TreeSet<>();
    Matcher ref = Pattern.compile("EVENT_TYPES\\.(\\w+)").matcher(line.group());
    while (ref.find()) {
      js.add(names.getOrDefault(ref.group(1), "unknown name " + ref.group(1)));
    }
    assertThat(js).isEqualTo(new TreeSet<>(EventTypes.WITH_SEQ));
  }

  @Test
  void eventsJsHasTheSameCloseCodes() throws IOException {
    Map<String, Short> js = new HashMap<>();
    pairs(block("CLOSE_CODES"), "(\\w+):\\s*(\\d+)").forEach((k, v) -> js.put(k, Short.valueOf(v)));
    assertThat(js).isNotEmpty().isEqualTo(EventTypes.CLOSE_CODES);
  }

  /** Name -> value of every public static String constant of EventTypes. */
  private static Map<String, String> javaTypes() throws IllegalAccessException {
    Map<String, String> types = new LinkedHashMap<>();
    for (Field field : EventTypes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        types.put(field.getName(), (String) field.get(null));
      }
    }
    return types;
  }

  private static String source() throws IOException {
    return Files.readString(EVENTS_JS);
  }

  /** The body of {@code export const <name> = Object.freeze({ ... });}. */
  private static String block(String name) throws IOException {
    Matcher m =
        Pattern.compile(
                "export const " + name + " = Object\\.freeze\\(\\{(.*?)\\}\\);", Pattern.DOTALL)
            .matcher(source());
    assertThat(m.find()).as(name + " in " + EVENTS_JS).isTrue();
    return m.group(1);
  }

  private static Map<String, String> pairs(String block, String regex) {
    Map<String, String> pairs = new LinkedHashMap<>();
    Matcher m = Pattern.compile(regex).matcher(block);
    while (m.find()) {
      pairs.put(m.group(1), m.group(2));
    }
    return pairs;
  }
}
