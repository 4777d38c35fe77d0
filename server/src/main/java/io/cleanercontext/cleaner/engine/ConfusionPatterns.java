package io.cleanercontext.cleaner.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Confusable words and the neighbours that call for the other one ("it was to expensive": too, "in
 * peek season": peak): confusion pairs with context patterns, read once from the data file {@code
 * cleaning/confusions.txt} on the class path, whose header documents the pattern syntax. The
 * structure follows LanguageTool's English confusion rules: a pair of words and the context that
 * picks one, parts of speech from {@link EnglishDictionary}. A matching pattern decides nothing: it
 * is a candidate with a cue for {@link EvidenceStage}, whose scorer decides.
 */
final class ConfusionPatterns {

  static final String RESOURCE = "/cleaning/confusions.txt";

  private static final Map<String, List<Rule>> RULES = load(RESOURCE);

  private ConfusionPatterns() {}

  /** One condition on one word of the context. */
  record Condition(
      Set<String> words,
      int wordClass,
      boolean adjectiveOnly,
      boolean negated,
      boolean any,
      boolean number) {

    boolean matches(Tokens.Token t) {
      if (t == null) {
        return negated;
      }
      String w = t.lower().replace('\u2019', '\'');
      boolean hit;
      if (any) {
        hit = !w.isEmpty();
      } else if (number) {
        hit = t.hasDigit() || EnglishDictionary.get().can(w, EnglishDictionary.NUMBER);
      } else if (words != null) {
        hit = words.contains(w);
      } else if (adjectiveOnly) {
        hit = EnglishDictionary.get().only(w, EnglishDictionary.ADJECTIVE);
      } else {
        // digits are a number in a union of classes too ("@PLURAL|@NUMBER": "about there 1099s")
        hit =
            EnglishDictionary.get().can(w, wordClass)
                || (wordClass & EnglishDictionary.NUMBER) != 0 && t.hasDigit();
      }
      return negated != hit;
    }
  }

  /**
   * A pair and its pattern: conditions on the words before (nearest last) and after the wrong word.
   */
  record Rule(
      String wrong,
      String right,
      List<Condition> before,
      boolean startBefore,
      List<Condition> after,
      boolean endAfter,
      boolean targetEnds,
      List<Condition> sentence,
      String source) {}

  /**
   * The word the first pattern matching at token {@code i} calls for (lower case), or null when no
   * pattern of the heard word matches there.
   */
  static String replacement(List<Tokens.Token> tokens, int i) {
    List<Rule> rules = RULES.get(tokens.get(i).lower());
    if (rules != null) {
      for (Rule r : rules) {
        if (matches(r, tokens, i)) {
          return r.right().toLowerCase(Locale.ROOT);
        }
      }
    }
    return null;
  }

  static boolean matches(Rule r, List<Tokens.Token> tokens, int i) {
    Tokens.Token target = tokens.get(i);
    boolean targetEnds = target.endsSentence() || i == tokens.size() - 1;
    if (r.targetEnds() && !targetEnds) {
      return false;
    }
    // punctuation right after the word leaves the words after it unreachable (see below)
    if (!target.lead().isEmpty() && (!r.before().isEmpty() || r.startBefore())) {
      return false;
    }
    // words before, nearest first, with no punctuation between
    for (int k = 0; k < r.before().size(); k++) {
      int j = i - 1 - k;
      Tokens.Token t =
          j >= 0
                  && tokens.get(j).trail().isEmpty()
                  && (k == r.before().size() - 1 || tokens.get(j).lead().isEmpty())
              ? tokens.get(j)
              : null;
      if (!r.before().get(k).matches(t)) {
        return false;
      }
    }
    if (r.startBefore()) {
      int j = i - 1 - r.before().size();
      if (j >= 0 && !tokens.get(j).endsSentence()) {
        return false;
      }
    }
    int last = i;
    for (int k = 0; k < r.after().size(); k++) {
      int j = i + 1 + k;
      boolean reachable =
          j < tokens.size()
              && tokens.get(j - 1).trail().isEmpty()
              && tokens.get(j).lead().isEmpty();
      Tokens.Token t = reachable ? tokens.get(j) : null;
      if (!r.after().get(k).matches(t)) {
        return false;
      }
      if (t != null) {
        last = j;
      }
    }
    if (r.endAfter()) {
      Tokens.Token t = tokens.get(last);
      if (last != tokens.size() - 1 && !t.endsSentence()) {
        return false;
      }
    }
    return r.sentence().stream().allMatch(c -> sentenceHolds(c, tokens, i));
  }

  /**
   * A "~" condition on the words before token {@code i} back to its sentence's start (and through
   * the sentence before, when the word starts one): negated, none of them may match; else one must.
   * Never on a turn's first word: what it answers is out of sight ("Than ever.").
   */
  static boolean sentenceHolds(Condition c, List<Tokens.Token> tokens, int i) {
    if (i == 0) {
      return false;
    }
    boolean starts = i == 0 || tokens.get(i - 1).endsSentence();
    for (int j = i - 1; j >= 0; j--) {
      if (tokens.get(j).endsSentence() && !(starts && j == i - 1)) {
        break;
      }
      if (c.matches(tokens.get(j)) != c.negated()) {
        return !c.negated();
      }
    }
    return c.negated();
  }

  // --- the data file ---

  static Map<String, List<Rule>> load(String resource) {
    try (InputStream in = ConfusionPatterns.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "confusion rules " + resource + " are not on the class path");
      }
      Map<String, List<Rule>> rules = new HashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        Rule r = parse(s, resource + ":" + number);
        rules.computeIfAbsent(r.wrong(), k -> new ArrayList<>()).add(r);
      }
      return Map.copyOf(rules);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  static Rule parse(String line, String where) {
    int arrow = line.indexOf("->");
    int colon = line.indexOf(':', arrow + 2);
    if (arrow < 0 || colon < 0) {
      throw new IllegalArgumentException(where + ": expected 'wrong -> right : PATTERN'");
    }
    String wrong = line.substring(0, arrow).strip().toLowerCase(Locale.ROOT);
    String right = line.substring(arrow + 2, colon).strip();
    String[] parts = line.substring(colon + 1).strip().split("\\s+");
    int target = -1;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals("_") || parts[i].equals("_$")) {
        target = i;
      }
    }
    if (target < 0) {
      throw new IllegalArgumentException(where + ": the pattern has no '_'");
    }
    List<Condition> before = new ArrayList<>();
    List<Condition> sentence = new ArrayList<>();
    boolean start = false;
    for (int i = target - 1; i >= 0; i--) {
      if (parts[i].startsWith("~")) {
        sentence.add(condition(parts[i].substring(1), where));
      } else if (parts[i].equals("^")) {
        if (i != 0) {
          throw new IllegalArgumentException(where + ": '^' must come first");
        }
        start = true;
      } else {
        before.add(condition(parts[i], where));
      }
    }
    List<Condition> after = new ArrayList<>();
    boolean end = false;
    for (int i = target + 1; i < parts.length; i++) {
      if (parts[i].equals("$")) {
        if (i != parts.length - 1) {
          throw new IllegalArgumentException(where + ": '$' must come last");
        }
        end = true;
      } else {
        after.add(condition(parts[i], where));
      }
    }
    return new Rule(
        wrong,
        right,
        List.copyOf(before),
        start,
        List.copyOf(after),
        end,
        parts[target].equals("_$"),
        List.copyOf(sentence),
        where);
  }

  static Condition condition(String token, String where) {
    boolean negated = token.startsWith("!");
    String body = negated ? token.substring(1) : token;
    if (body.equals("*")) {
      return new Condition(null, 0, false, negated, true, false);
    }
    if (body.startsWith("@")) {
      String name = body.substring(1);
      return switch (name) {
        case "ADJONLY" -> new Condition(null, 0, true, negated, false, false);
        case "NUMBER" -> new Condition(null, 0, false, negated, false, true);
        default ->
            new Condition(null, WordClasses.named(name, where), false, negated, false, false);
      };
    }
    if (body.contains("@") || body.contains("$") || body.contains("^")) {
      // a class or an edge inside a word list would be read as a word and never match
      throw new IllegalArgumentException(where + ": a word list cannot hold a class: " + token);
    }
    return new Condition(
        Set.copyOf(Arrays.asList(body.toLowerCase(Locale.ROOT).split("\\|"))),
        0,
        false,
        negated,
        false,
        false);
  }
}
