package io.cleanercontext.privacy;

import java.util.List;
import java.util.Set;

/** What the tokens around a number say about it: a separator, a price, a code, a cue. */
final class Context {
  private static final Set<String> SEPARATORS =
      Set.of(",", "-", ".", "(", ")", "/", "–", "slash", "dash", "hyphen");
  private static final Set<String> CURRENCY = Set.of("$", "£", "€", "¥");
  private static final Set<String> MONEY_AFTER =
      Set.of(
          "dollars", "dollar", "pounds", "pound", "euros", "euro", "bucks", "quid", "cents",
          "pence", "percent", "%", "grand", "k", "usd", "gbp", "eur", "p");
  private static final Set<String> GLUE = Set.of("-", "_", "/", "#", ".");

  /** Words before a number that make it a reference rather than personal data. */
  private static final Set<String> REFERENCE =
      Set.of(
          "order",
          "reference",
          "ref",
          "invoice",
          "tracking",
          "confirmation",
          "booking",
          "ticket",
          "case",
          "serial",
          "model",
          "part",
          "sku",
          "item",
          "product",
          "transaction",
          "receipt",
          "batch",
          "lot",
          "version",
          "flight",
          "room",
          "postcode",
          "zip",
          "postal",
          "claim",
          "shipment",
          "parcel",
          "consignment",
          "voucher",
          "promo",
          "discount",
          "coupon",
          "gift",
          "code",
          "#",
          "id",
          "quote",
          "job",
          "membership",
          "member",
          "loyalty",
          "catalogue",
          "catalog",
          "policy",
          "style",
          "unit",
          "extension",
          "ext",
          "pin",
          "vin",
          "registration",
          "imei");

  private Context() {}

  static boolean isSeparator(Token t) {
    return SEPARATORS.contains(t.text());
  }

  /** A comma or point written inside a number the way prices and quantities are: 1,299.99. */
  static boolean isAmountSeparator(List<Token> tokens, int j) {
    Token sep = tokens.get(j);
    if (sep.spaced() || j == 0 || j + 1 >= tokens.size()) {
      return false;
    }
    Token before = tokens.get(j - 1);
    Token after = tokens.get(j + 1);
    if (before.kind() != Token.Kind.DIGITS || after.kind() != Token.Kind.DIGITS || after.spaced()) {
      return false;
    }
    boolean lastOfRun = j + 2 >= tokens.size() || !isSeparator(tokens.get(j + 2));
    return (sep.is(",") && after.text().length() == 3 && before.text().length() <= 3)
        || (sep.is(".") && after.text().length() == 2 && lastOfRun);
  }

  static boolean isMoneyBefore(List<Token> tokens, int first) {
    return first > 0 && CURRENCY.contains(tokens.get(first - 1).text());
  }

  static boolean isMoneyAfter(List<Token> tokens, int end) {
    return end < tokens.size() && MONEY_AFTER.contains(tokens.get(end).text());
  }

  /** "XJ-5551234", "SKU#123": a number written onto a word is a code. */
  static boolean isGluedBefore(List<Token> tokens, int first) {
    if (first == 0 || tokens.get(first).spaced()) {
      return false;
    }
    Token before = tokens.get(first - 1);
    if (before.kind() == Token.Kind.WORD || before.kind() == Token.Kind.ALNUM) {
      return true;
    }
    return GLUE.contains(before.text())
        && (before.is("#")
            || first >= 2 && !before.spaced() && tokens.get(first - 2).kind() != Token.Kind.PUNCT);
  }

  static boolean isGluedAfter(List<Token> tokens, int end) {
    if (end >= tokens.size() || tokens.get(end).spaced()) {
      return false;
    }
    Token after = tokens.get(end);
    if (after.kind() == Token.Kind.WORD || after.kind() == Token.Kind.ALNUM) {
      return true;
    }
    return (after.is("-") || after.is("_"))
        && end + 1 < tokens.size()
        && !tokens.get(end + 1).spaced()
        && (tokens.get(end + 1).kind() == Token.Kind.WORD
            || tokens.get(end + 1).kind() == Token.Kind.ALNUM);
  }

  /** True when a reference word comes within {@code window} tokens before token {@code first}. */
  static boolean referenceBefore(List<Token> tokens, int first, int window) {
    for (int k = first - 1; k >= 0 && k >= first - window; k--) {
      if (REFERENCE.contains(tokens.get(k).text())) {
        return true;
      }
    }
    return false;
  }
}
