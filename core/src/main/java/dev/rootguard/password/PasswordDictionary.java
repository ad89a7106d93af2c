package dev.rootguard.password;

import dev.rootguard.InvalidInputException;
import dev.rootguard.RootGuardException;
import dev.rootguard.password.internal.BundledLists;
import dev.rootguard.password.internal.CompactDictionary;
import java.nio.file.Path;
import java.util.Collection;
import java.util.OptionalInt;

/**
 * A ranked list of passwords to refuse or warn about, matched case-insensitively.
 *
 * <p>{@link #bundled()} is the 30,000 most common passwords of the zxcvbn 4.4.2 frequency list
 * (MIT; see {@code NOTICE}). {@link #load(Path)} reads a larger list, for example 10 million
 * entries, into a compact form: the case-folded UTF-8 bytes of all entries in one {@code byte[]},
 * an {@code int[]} of offsets and an open-addressing hash table of {@code int}s, with no {@code
 * String} per entry. About 12 bytes plus the entry's UTF-8 length per entry; a lookup allocates
 * nothing and costs O(length of the word).
 *
 * <p>Case is folded per code point with {@link Character#toLowerCase(int)}, which is
 * locale-independent ({@code "PASSWORD"}, {@code "Password"} and {@code "password"} are one entry).
 *
 * <pre>{@code
 * PasswordDictionary common = PasswordDictionary.bundled();
 * common.contains("Password");   // true
 * common.rank("password");       // OptionalInt[2]: the second most common
 * PasswordDictionary big = PasswordDictionary.load(Path.of("/srv/lists/top-10-million.txt"));
 * }</pre>
 *
 * <p>Implementations MUST be immutable and thread-safe, MUST match case-insensitively and MUST NOT
 * throw on any {@code CharSequence} (including unpaired surrogates).
 *
 * @since 0.1.0
 */
public interface PasswordDictionary {

  /**
   * Returns whether the word is in the dictionary, ignoring case. The empty word is never listed.
   *
   * @param word the candidate
   * @return true if listed
   * @throws NullPointerException if {@code word} is null
   */
  boolean contains(CharSequence word);

  /**
   * Returns the number of distinct entries (after case folding).
   *
   * @return the size
   */
  int size();

  /**
   * Returns how common the word is: 1 for the most common entry, {@link #size()} for the least. The
   * strength estimate uses it as the number of guesses an attacker needs.
   *
   * <p>The default implementation, for lists without an order, reports every listed word as the
   * least common ({@code size()}).
   *
   * @param word the candidate
   * @return the 1-based rank, or empty if not listed
   * @throws NullPointerException if {@code word} is null
   */
  default OptionalInt rank(CharSequence word) {
    return contains(word) ? OptionalInt.of(Math.max(1, size())) : OptionalInt.empty();
  }

  /**
   * Returns the bundled list of the 30,000 most common passwords, ranked by frequency (zxcvbn
   * 4.4.2, MIT licence). Loaded on first use (about 600 KB of heap) and shared.
   *
   * @return the shared instance
   */
  static PasswordDictionary bundled() {
    return BundledLists.passwords();
  }

  /**
   * Returns a compact dictionary of the given words, ranked in iteration order (first = most
   * common). Empty words are skipped; duplicates (ignoring case) keep their first rank.
   *
   * @param words the words
   * @return the dictionary
   * @throws NullPointerException if {@code words} or one of its elements is null
   */
  static PasswordDictionary of(Collection<String> words) {
    return CompactDictionary.of(words);
  }

  /**
   * Loads a dictionary file into the compact form: UTF-8, one password per line, most common first.
   * {@code \r\n} line ends, a byte-order mark and blank lines are accepted; lines are not trimmed
   * otherwise. No {@code String} is created per line.
   *
   * @param file the file
   * @return the dictionary
   * @throws InvalidInputException (field {@code file}) if the file does not exist, is a directory,
   *     is not valid UTF-8 (the message names the line number, never its content) or holds more
   *     than 2 GiB of entries
   * @throws RootGuardException if reading fails
   */
  static PasswordDictionary load(Path file) {
    return CompactDictionary.load(file);
  }
}
