package io.cleanercontext.cleaner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PairTableTest {

  /** Sorted lists of distinct keys, some empty, some long (a common word's followers). */
  private static int[][] lists(Random random, int count) {
    int[][] out = new int[count][];
    for (int l = 0; l < count; l++) {
      int size = l % 7 == 0 ? 0 : l % 50 == 1 ? 3_000 : random.nextInt(40);
      TreeSet<Integer> keys = new TreeSet<>();
      while (keys.size() < size) {
        keys.add(random.nextInt(20_000));
      }
      out[l] = keys.stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  @Test
  void findsWhatABinarySearchFindsInEveryList() {
    Random random = new Random(24);
    int[][] lists = lists(random, 600);
    int[] starts = new int[lists.length + 1];
    for (int l = 0; l < lists.length; l++) {
      starts[l + 1] = starts[l] + lists[l].length;
    }
    int[] keys = new int[starts[lists.length]];
    for (int l = 0; l < lists.length; l++) {
      System.arraycopy(lists[l], 0, keys, starts[l], lists[l].length);
    }
    PairTable table = new PairTable(starts, keys, null);
    assertTrue(table.size() >= keys.length / PairTable.MAX_LOAD, "at most 60 % full");
    assertTrue(table.size() < 2 * keys.length / PairTable.MAX_LOAD, "the least power of two");
    for (int l = 0; l < lists.length; l++) {
      for (int e = starts[l]; e < starts[l + 1]; e++) {
        assertEquals(e, table.find(l, keys[e]));
      }
      for (int probe = 0; probe < 200; probe++) {
        int key = random.nextInt(20_500);
        int i = Arrays.binarySearch(keys, starts[l], starts[l + 1], key);
        assertEquals(i >= 0 ? i : -1, table.find(l, key), "list " + l + " key " + key);
      }
    }
  }

  @Test
  void anEmptyModelFindsNothing() {
    PairTable table = new PairTable(new int[] {0, 0}, new int[0], null);
    assertEquals(-1, table.find(0, 5));
  }

  @Test
  void answersEachEntrysOwnValue() {
    int[] starts = {0, 2, 2, 5};
    int[] keys = {3, 9, 0, 4, 7};
    int[] values = {65_535, 0, 17, 40_000, 1};
    PairTable table = new PairTable(starts, keys, values);
    assertEquals(65_535, table.find(0, 3));
    assertEquals(0, table.find(0, 9));
    assertEquals(17, table.find(2, 0));
    assertEquals(40_000, table.find(2, 4));
    assertEquals(1, table.find(2, 7));
    assertEquals(-1, table.find(1, 3));
    assertEquals(-1, table.find(0, 0));
  }

  @Test
  void aKeyBeyondEveryListsKeysIsInNoList() {
    // keys take 4 bits here: key 16 + 3 would read as list 1, key 3 if its bits spilled over
    int[] starts = {0, 1, 2};
    int[] keys = {15, 3};
    PairTable table = new PairTable(starts, keys, null);
    assertEquals(1, table.find(1, 3));
    assertEquals(-1, table.find(0, 16 + 3));
    assertEquals(-1, table.find(2, 3));
    assertEquals(-1, table.find(-1, 3));
  }

  @Test
  void refusesWhatDoesNotFitInALong() {
    int[] starts = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1}; // nine lists: 4 bits
    int[] keys = {Integer.MAX_VALUE}; // 31 bits
    int[] values = {Integer.MAX_VALUE - 1}; // 31 bits, plus one
    assertThrows(IllegalArgumentException.class, () -> new PairTable(starts, keys, values));
    values[0] = (1 << 28) - 2; // 4 + 31 + 28 bits
    assertEquals((1 << 28) - 2, new PairTable(starts, keys, values).find(0, Integer.MAX_VALUE));
  }
}
