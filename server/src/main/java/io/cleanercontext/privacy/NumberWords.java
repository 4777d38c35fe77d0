package io.cleanercontext.privacy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** English number, ordinal and month words as speech-to-text writes them. */
final class NumberWords {
  private static final Map<String, Integer> DIGITS = new HashMap<>();
  private static final Map<String, Integer> TEENS = new HashMap<>();
  private static final Map<String, Integer> TENS = new HashMap<>();
  private static final Map<String, Integer> ORDINALS = new HashMap<>();
  private static final Map<String, Integer> MONTHS = new HashMap<>();

  /** Words without which a turn with no digit and no '@' holds nothing to redact. */
  static final Set<String> TRIGGERS = new HashSet<>();

  static {
    String[] units = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    for (int i = 0; i < units.length; i++) {
      DIGITS.put(units[i], i + 1);
    }
    for (String zero : new String[] {"zero", "oh", "o", "nought", "nil"}) {
      DIGITS.put(zero, 0);
    }
    String[] teens = {
      "ten",
      "eleven",
      "twelve",
      "thirteen",
      "fourteen",
      "fifteen",
      "sixteen",
      "seventeen",
      "eighteen",
      "nineteen"
    };
    for (int i = 0; i < teens.length; i++) {
      TEENS.put(teens[i], 10 + i);
    }
    String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    for (int i = 0; i < tens.length; i++) {
      TENS.put(tens[i], 20 + 10 * i);
    }
    String[] ordinals = {
      "first",
      "second",
      "third",
      "fourth",
      "fifth",
      "sixth",
      "seventh",
      "eighth",
      "ninth",
      "tenth",
      "eleventh",
      "twelfth",
      "thirteenth",
      "fourteenth",
      "fifteenth",
      "sixteenth",
      "seventeenth",
      "eighteenth",
      "nineteenth",
      "twentieth"
    };
    for (int i = 0; i < ordinals.length; i++) {
      ORDINALS.put(ordinals[i], i + 1);
    }
    ORDINALS.put("thirtieth", 30);
    String[] months = {
      "january",
      "february",
      "march",
      "april",
      "may",
      "june",
      "july",
      "august",
      "september",
      "october",
      "november",
      "december"
    };
    for (int i = 0; i < months.length; i++) {
      MONTHS.put(months[i], i + 1);
      if (!months[i].equals("may")) {
        MONTHS.put(months[i].substring(0, 3), i + 1);
      }
    }
    MONTHS.put("sept", 9);
    TRIGGERS.addAll(DIGITS.keySet());
    TRIGGERS.addAll(TEENS.keySet());
    TRIGGERS.addAll(TENS.keySet());
    TRIGGERS.addAll(ORDINALS.keySet());
    TRIGGERS.addAll(Set.of("born", "birth", "birthday", "hundred", "thousand", "double"));
    TRIGGERS.addAll(Set.of("triple", "dob"));
  }

  private NumberWords() {}

  /** 0-9 for a digit word ("oh" and "o" are zero), else -1. */
  static int digit(String w) {
    return DIGITS.getOrDefault(w, -1);
  }

  /** 10-19 for a teen word, else -1. */
  static int teen(String w) {
    return TEENS.getOrDefault(w, -1);
  }

  /** 20, 30 ... 90 for a tens word, else -1. */
  static int tens(String w) {
    return TENS.getOrDefault(w, -1);
  }

  /** 1-20 and 30 for an ordinal word, else -1. */
  static int ordinal(String w) {
    return ORDINALS.getOrDefault(w, -1);
  }

  /** 1-12 for a month name or its abbreviation, else -1. */
  static int month(String w) {
    return MONTHS.getOrDefault(w, -1);
  }

  /** True for a word that is a number word of any kind. */
  static boolean isNumberWord(String w) {
    return DIGITS.containsKey(w) || TEENS.containsKey(w) || TENS.containsKey(w);
  }
}
