package io.cleanercontext.cleaner.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The well-known names of {@link KnownNames}' lists (brands, places, first names) by how they
 * sound, so that a run of everyday words heard where a name would stand can be compared with the
 * names it sounds like: "harrow gate" with Harrogate, "western super mare" with Weston-super-Mare,
 * "call fax" with Colfax. Nobody in the call said these names, so the run must sound like one
 * phoneme by phoneme ({@link Phones#alikeAlignment}: a vowel for a vowel, a voiced consonant for
 * its twin, a weak sound dropped), never with a consonant heard as an unlike one.
 *
 * <p>Each name is indexed under a coarse sound key (every vowel one class, a voiced consonant with
 * its voiceless twin, m/n/ng one class, r, l, h, w, y left out); a heard run is looked up under its
 * key and every key one class away, and each name found is kept only when its phonemes align with
 * the run's (at most {@link TermSounds#MAX_COST_PER_PHONE} per phoneme of the name). About 50,000
 * names in one map of short keys; a lookup is a few hundred hash probes.
 */
final class NameSounds {

  /** A listed name, how it sounds, and which lists have it ({@link KnownNames#PLACE}...). */
  record Name(String spelling, int kinds, byte[] phones, String[] lower, String joinedKey) {}

  /** One listed name a heard run sounds like. */
  record Match(Name name, double cost) {}

  /** Names of fewer phonemes match too many everyday runs ("Ayr", "Bude"). */
  static final int MIN_PHONES = 5;

  private static final String CLASSES = "aptkfscn";
  private static final char DROPPED = 0;
  private static final char[] CLASS_OF = new char[Phones.ALL.size()];

  static {
    for (int i = 0; i < Phones.ALL.size(); i++) {
      CLASS_OF[i] =
          switch (Phones.ALL.get(i)) {
            case "B", "P" -> 'p';
            case "D", "T", "DH" -> 't';
            case "G", "K" -> 'k';
            case "V", "F", "TH" -> 'f';
            case "Z", "S", "ZH", "SH" -> 's';
            case "JH", "CH" -> 'c';
            case "M", "N", "NG" -> 'n';
            case "R", "L", "HH", "Y", "W" -> DROPPED;
            default -> 'a'; // the fifteen vowels
          };
    }
  }

  private static final class Holder {
    static final NameSounds INSTANCE = new NameSounds(KnownNames.get(), Pronunciations.get());
  }

  private final Map<String, List<Name>> byKey = new HashMap<>();

  private NameSounds(KnownNames names, Pronunciations dictionary) {
    names.forEachListed(
        (spelling, kinds) -> {
          byte[] phones = TermSounds.pronounce(spelling, dictionary);
          if (phones.length >= MIN_PHONES) {
            String[] words = spelling.toLowerCase(Locale.ROOT).split("[\\s\\-]+");
            Name name = new Name(spelling, kinds, phones, words, Tokens.joinedKey(spelling));
            byKey.computeIfAbsent(key(phones), k -> new ArrayList<>(1)).add(name);
          }
        });
  }

  /** The process's one index, built on first use. */
  static NameSounds get() {
    return Holder.INSTANCE;
  }

  /**
   * The names of any of {@code kinds} whose phonemes align with {@code heard} within {@link
   * TermSounds#MAX_COST_PER_PHONE} per phoneme of the name.
   */
  List<Match> matches(byte[] heard, int kinds) {
    List<Match> out = new ArrayList<>();
    String key = key(heard);
    if (key.length() < 3) {
      return out;
    }
    Set<Name> seen = new HashSet<>();
    for (String k : variants(key)) {
      for (Name n : byKey.getOrDefault(k, List.of())) {
        if ((n.kinds() & kinds) == 0 || !seen.add(n)) {
          continue;
        }
        double max = TermSounds.MAX_COST_PER_PHONE * n.phones().length;
        double cost = Phones.alikeAlignment(heard, n.phones(), max);
        if (cost <= max) {
          out.add(new Match(n, cost));
        }
      }
    }
    return out;
  }

  /**
   * The key itself and every key one class inserted, left out or changed (a vowel run made by the
   * change counted as one vowel, as {@link #key} counts it).
   */
  private static Set<String> variants(String key) {
    Set<String> out = new HashSet<>();
    out.add(key);
    for (int i = 0; i <= key.length(); i++) {
      String head = key.substring(0, i);
      for (int c = 0; c < CLASSES.length(); c++) {
        char k = CLASSES.charAt(c);
        out.add(collapsed(head + k + key.substring(i)));
        if (i < key.length() && k != key.charAt(i)) {
          out.add(collapsed(head + k + key.substring(i + 1)));
        }
      }
      if (i < key.length()) {
        out.add(collapsed(head + key.substring(i + 1)));
      }
    }
    return out;
  }

  private static String collapsed(String key) {
    return key.contains("aa") ? key.replaceAll("a{2,}", "a") : key;
  }

  /** The coarse sound key: classes in order, weak consonants left out, a vowel run as one. */
  static String key(byte[] phones) {
    StringBuilder sb = new StringBuilder(phones.length);
    for (byte p : phones) {
      char c = CLASS_OF[p];
      if (c != DROPPED && !(c == 'a' && sb.length() > 0 && sb.charAt(sb.length() - 1) == 'a')) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
