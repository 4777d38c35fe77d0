package io.cleanercontext.privacy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Custom spelling: {@code {"from": ["hailee", "haley"], "to": "Hailey"}} replaces each "from" word
 * or phrase, matched whole and case-insensitively, by "to". Rules are rules, not evidence (unlike
 * keyterms): applied after cleaning, as written. All rules run as one regular expression, longest
 * phrase first, so "new york city" wins over "new york".
 */
public final class SpellingRules {
  /** The most rules a tenant or a conversation may have. */
  public static final int MAX_RULES = 200;

  static final int MAX_FROM = 20;
  static final int MAX_LENGTH = 100;

  /** No rules. */
  public static final SpellingRules NONE = new SpellingRules(List.of());

  /** One rule as given. */
  public record Rule(List<String> from, String to) {
    public JsonObject toJson() {
      return new JsonObject().put("from", new JsonArray(from)).put("to", to);
    }
  }

  private final List<Rule> rules;
  private final Map<String, String> replacements;
  private final Pattern pattern;

  private SpellingRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    this.replacements = new HashMap<>();
    for (Rule r : rules) {
      r.from().forEach(f -> replacements.put(key(f), r.to()));
    }
    List<String> phrases = new ArrayList<>(replacements.keySet());
    phrases.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder alternation = new StringBuilder();
    for (String phrase : phrases) {
      if (alternation.length() > 0) {
        alternation.append('|');
      }
      List<String> words = List.of(phrase.split(" "));
      alternation.append(String.join("\\s+", words.stream().map(Pattern::quote).toList()));
    }
    this.pattern =
        phrases.isEmpty()
            ? null
            : Pattern.compile(
                "(?<![\\p{L}\\p{N}])(?:" + alternation + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The rules in order. */
  public List<Rule> rules() {
    return rules;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The text with every rule applied. */
  public String apply(String text) {
    if (pattern == null || text == null || text.isEmpty()) {
      return text;
    }
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    do {
      out.append(text, last, m.start()).append(replacements.get(key(m.group())));
      last = m.end();
    } while (m.find());
    return out.append(text, last, text.length()).toString();
  }

  /** These rules, then {@code more}'s: a "from" in both takes {@code more}'s "to". */
  public SpellingRules overriddenBy(SpellingRules more) {
    if (more.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return more;
    }
    Map<String, Rule> byFrom = new LinkedHashMap<>();
    for (Rule r : rules) {
      for (String f : r.from()) {
        byFrom.put(key(f), new Rule(List.of(f), r.to()));
      }
    }
    for (Rule r : more.rules) {
      for (String f : r.from()) {
        byFrom.put(key(f), new Rule(List.of(f), r.to()));
      }
    }
    return new SpellingRules(new ArrayList<>(byFrom.values()));
  }

  public JsonArray toJson() {
    JsonArray out = new JsonArray();
    rules.forEach(r -> out.add(r.toJson()));
    return out;
  }

  /**
   * Reads and checks rules; the first problem is thrown naming the rule by its index: {@code
   * [3].from[1]: "haley" is already in [0]} (the caller prefixes the field, e.g. {@code spelling}).
   */
  public static SpellingRules parse(JsonArray json) {
    if (json == null) {
      return NONE;
    }
    if (json.size() > MAX_RULES) {
      throw new InvalidSetting(": at most " + MAX_RULES + " spelling rules, got " + json.size());
    }
    List<Rule> rules = new ArrayList<>(json.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < json.size(); i++) {
      String name = "[" + i + "]";
      if (!(json.getValue(i) instanceof JsonObject rule)) {
        throw new InvalidSetting(name + ": must be an object {\"from\": [...], \"to\": \"...\"}");
      }
      String to = text(rule.getValue("to"), name + ".to");
      if (!(rule.getValue("from") instanceof JsonArray from)
          || from.isEmpty()
          || from.size() > MAX_FROM) {
        throw new InvalidSetting(
            name + ".from: must be an array of 1 to " + MAX_FROM + " words or phrases");
      }
      List<String> froms = new ArrayList<>(from.size());
      for (int j = 0; j < from.size(); j++) {
        String f = text(from.getValue(j), name + ".from[" + j + "]");
        Integer before = seen.putIfAbsent(key(f), i);
        if (before != null) {
          throw new InvalidSetting(
              name + ".from[" + j + "]: \"" + f + "\" is already in [" + before + "]");
        }
        froms.add(f);
      }
      rules.add(new Rule(froms, to));
    }
    return new SpellingRules(rules);
  }

  private static String text(Object value, String name) {
    if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_LENGTH) {
      throw new InvalidSetting(
          name + ": must be a non-blank string of at most " + MAX_LENGTH + " characters");
    }
    if (!s.strip().equals(s) || s.chars().anyMatch(c -> Character.isISOControl(c))) {
      throw new InvalidSetting(
          name + ": must not start or end with spaces nor hold control characters");
    }
    return s;
  }

  private static String key(String phrase) {
    return String.join(" ", phrase.toLowerCase(Locale.ROOT).trim().split("\\s+"));
  }
}
