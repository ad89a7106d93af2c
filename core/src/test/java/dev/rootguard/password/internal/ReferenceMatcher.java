package dev.rootguard.password.internal;

import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.internal.CommonPasswordMatcher.Variation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An independent oracle for {@link CommonPasswordMatcher}, written from its documented rules and
 * sharing no code with it: the cores come from regular expressions over a {@code String}, the
 * leetspeak letters from a hand-written copy of zxcvbn's documented table, and the readings of the
 * ambiguous characters from enumerating every assignment of letters as a map. It builds the whole
 * set of strings the rules look up and asks the dictionary about each. Slow and allocating; for
 * tests only.
 */
final class ReferenceMatcher {
  private ReferenceMatcher() {}

  /** zxcvbn 4.4.2's l33t table, inverted by hand: character to the letters it may stand for. */
  static final Map<Character, String> LEET =
      Map.ofEntries(
          Map.entry('4', "a"),
          Map.entry('@', "a"),
          Map.entry('8', "b"),
          Map.entry('(', "c"),
          Map.entry('{', "c"),
          Map.entry('[', "c"),
          Map.entry('<', "c"),
          Map.entry('3', "e"),
          Map.entry('6', "g"),
          Map.entry('9', "g"),
          Map.entry('1', "il"),
          Map.entry('!', "i"),
          Map.entry('|', "il"),
          Map.entry('7', "lt"),
          Map.entry('0', "o"),
          Map.entry('$', "s"),
          Map.entry('5', "s"),
          Map.entry('+', "t"),
          Map.entry('%', "x"),
          Map.entry('2', "z"));

  /** A run of ASCII digits, ASCII punctuation and spaces (the documented "digits and symbols"). */
  private static final String DIGITS_OR_SYMBOLS = "[0-9\\p{Punct} ]";

  /**
   * Returns how the candidate matches a listed password, per the documented rules.
   *
   * @param candidate the password
   * @param dictionary the list
   * @return the match, or empty
   */
  static Optional<Variation> find(CharSequence candidate, PasswordDictionary dictionary) {
    Objects.requireNonNull(dictionary, "dictionary");
    String s = candidate.toString();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (dictionary.contains(s)) {
      return Optional.of(Variation.EXACT);
    }
    for (String probe : lookups(s)) {
      if (!probe.equals(s) && dictionary.contains(probe)) {
        return Optional.of(Variation.VARIATION);
      }
    }
    return Optional.empty();
  }

  /**
   * Every string the documented rules look up for a candidate: the candidate, its cores of at least
   * 4 characters, and every leetspeak reading of each such core that has an ASCII letter.
   *
   * @param s the candidate
   * @return the strings, the candidate first
   */
  static Set<String> lookups(String s) {
    Set<String> out = new LinkedHashSet<>();
    out.add(s);
    if (s.length() > 256) { // documented: longer candidates are only checked exactly
      return out;
    }
    for (String core : cores(s)) {
      if (core.length() < 4) {
        continue;
      }
      out.add(core);
      if (core.matches("(?s).*[A-Za-z].*")) {
        out.addAll(readings(core));
      }
    }
    return out;
  }

  /** The cores: stripped runs of digits and symbols at either end, or up to four cut one by one. */
  static List<String> cores(String s) {
    List<String> cores = new ArrayList<>();
    String noTrailing = s.replaceFirst(DIGITS_OR_SYMBOLS + "+\\z", "");
    String noLeading = s.replaceFirst("\\A" + DIGITS_OR_SYMBOLS + "+", "");
    cores.add(s);
    cores.add(s.replaceFirst("[\\p{Punct} ]+\\z", ""));
    cores.add(noTrailing);
    cores.add(noLeading);
    cores.add(noLeading.replaceFirst(DIGITS_OR_SYMBOLS + "+\\z", ""));
    for (int k = 1; k <= 4 && k <= s.length(); k++) {
      if (s.substring(s.length() - k).matches(DIGITS_OR_SYMBOLS + "+")) {
        cores.add(s.substring(0, s.length() - k));
      }
      if (s.substring(0, k).matches(DIGITS_OR_SYMBOLS + "+")) {
        cores.add(s.substring(k));
      }
    }
    return cores;
  }

  /**
   * Every reading of a core: each l33t character replaced by its letter, an ambiguous one by the
   * same one of its letters everywhere; one reading per assignment of letters to the ambiguous
   * characters present.
   */
  static List<String> readings(String core) {
    List<Character> ambiguous = new ArrayList<>();
    for (char c : core.toCharArray()) {
      String letters = LEET.get(c);
      if (letters != null && letters.length() > 1 && !ambiguous.contains(c)) {
        ambiguous.add(c);
      }
    }
    List<Map<Character, Character>> assignments = new ArrayList<>();
    assign(ambiguous, 0, new java.util.HashMap<>(), assignments);
    List<String> out = new ArrayList<>();
    for (Map<Character, Character> chosen : assignments) {
      StringBuilder sb = new StringBuilder();
      for (char c : core.toCharArray()) {
        String letters = LEET.get(c);
        sb.append(letters == null ? c : chosen.getOrDefault(c, letters.charAt(0)));
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static void assign(
      List<Character> ambiguous,
      int k,
      Map<Character, Character> chosen,
      List<Map<Character, Character>> out) {
    if (k == ambiguous.size()) {
      out.add(Map.copyOf(chosen));
      return;
    }
    char c = ambiguous.get(k);
    for (char letter : LEET.get(c).toCharArray()) {
      chosen.put(c, letter);
      assign(ambiguous, k + 1, chosen, out);
    }
    chosen.remove(c);
  }
}
