package io.cleanercontext.cleaner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The phoneme alignment, whole and stopped early at a bound (what the call's names use). */
class PhonesTest {

  private static final List<String> WORDS =
      List.of(
          "karndean",
          "car",
          "and",
          "dean",
          "tamsin",
          "tam",
          "sin",
          "gowing",
          "going",
          "weight",
          "wait",
          "break",
          "brake",
          "jobnimbus",
          "nimbus",
          "appfolio",
          "folio",
          "seven",
          "severn",
          "upton",
          "upon",
          "kingsmead",
          "kings",
          "mead",
          "ringlet",
          "rings",
          "out",
          "trane",
          "train",
          "brightside",
          "bright",
          "side");

  @Test
  void aBoundedAlignmentIsTheWholeOneWithinTheBoundAndAboveTheBoundBeyondIt() {
    List<byte[]> sounds = new ArrayList<>();
    for (String w : WORDS) {
      List<byte[]> known = Pronunciations.get().of(w);
      sounds.add(known.isEmpty() ? LetterToSound.pronounce(w) : known.get(0));
    }
    int within = 0;
    int beyond = 0;
    for (byte[] a : sounds) {
      for (byte[] b : sounds) {
        double whole = Phones.alignment(a, b);
        for (double max : new double[] {0.0, 0.5, 1.0, 1.36, 2.0, 3.5}) {
          double bounded = Phones.alignment(a, b, max);
          if (whole <= max) {
            assertThat(bounded).isEqualTo(whole);
            within++;
          } else {
            assertThat(bounded).isGreaterThan(max);
            beyond++;
          }
        }
      }
    }
    assertThat(within).isPositive();
    assertThat(beyond).isPositive();
    assertThat(Phones.alignment(sounds.get(0), sounds.get(0), 0.0)).isZero();
  }

  @Test
  void boundedAlignmentsOfRandomSoundsAreTheWholeOnesWithinTheBound() {
    java.util.Random random = new java.util.Random(7);
    int within = 0;
    for (int n = 0; n < 20_000; n++) {
      byte[] a = new byte[1 + random.nextInt(12)];
      byte[] b = new byte[1 + random.nextInt(12)];
      int kinds = 2 + random.nextInt(Phones.ALL.size() - 1); // few kinds: near matches too
      for (int i = 0; i < a.length; i++) {
        a[i] = (byte) random.nextInt(kinds);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = i < a.length && random.nextInt(3) > 0 ? a[i] : (byte) random.nextInt(kinds);
      }
      double max = 0.34 * b.length * random.nextDouble() * 2;
      double whole = Phones.alignment(a, b);
      double alike = Phones.alikeAlignment(a, b, Double.POSITIVE_INFINITY);
      double bounded = Phones.alignment(a, b, max);
      double alikeBounded = Phones.alikeAlignment(a, b, max);
      if (whole <= max) {
        assertThat(bounded).isEqualTo(whole);
        within++;
      } else {
        assertThat(bounded).isGreaterThan(max);
      }
      if (alike <= max) {
        assertThat(alikeBounded).isEqualTo(alike);
      } else {
        assertThat(alikeBounded).isGreaterThan(max);
      }
    }
    assertThat(within).isGreaterThan(1000);
  }

  @Test
  void anAlikeAlignmentTakesOnlySimilarSoundsAndWeakOnesDropped() {
    Pronunciations dict = Pronunciations.get();
    byte[] heard = TermSounds.pronounce("western super mare", dict);
    byte[] name = TermSounds.pronounce("Weston-super-Mare", dict);
    // one vowel heard as another: alike, at the cost the whole alignment gives it
    assertThat(Phones.alikeAlignment(heard, name, 10)).isEqualTo(Phones.alignment(heard, name));
    // v heard as j is no similar sound: "easy vet" is never EasyJet, however close the rest
    byte[] easyVet = TermSounds.pronounce("easy vet", dict);
    byte[] easyJet = TermSounds.pronounce("EasyJet", dict);
    assertThat(Phones.alignment(easyVet, easyJet)).isLessThan(1.5);
    assertThat(Phones.alikeAlignment(easyVet, easyJet, 10)).isInfinite();
  }

  @Test
  void theCostsComeFromThePhonemeTable() {
    byte[] b = {Phones.id("B")};
    byte[] p = {Phones.id("P")};
    byte[] k = {Phones.id("K")};
    byte[] ae = {Phones.id("AE")};
    byte[] iy = {Phones.id("IY")};
    byte[] none = {};
    // twins both ways (phones.txt writes "B P" once), a vowel for a vowel, a weak sound dropped
    assertThat(Phones.alignment(b, p)).isEqualTo(0.4);
    assertThat(Phones.alignment(p, b)).isEqualTo(0.4);
    assertThat(Phones.alignment(b, k)).isEqualTo(1.0);
    assertThat(Phones.alignment(ae, iy)).isEqualTo(0.5);
    assertThat(Phones.alignment(new byte[] {Phones.id("R")}, none)).isEqualTo(0.6);
    assertThat(Phones.alignment(b, none)).isEqualTo(1.0);
    assertThat(Phones.ALL).hasSize(39).startsWith("AA").endsWith("ZH");
    assertThat(Phones.keyClass(Phones.id("DH"))).isEqualTo('t');
    assertThat(Phones.keyClass(Phones.id("HH"))).isEqualTo('-');
  }
}
