package dev.rootguard.password;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A list of passwords to refuse or warn about, matched case-insensitively.
 *
 * <p>CONTRACT STUB (foundation): the compact implementation replaces the bodies; the signatures
 * stay.
 *
 * <pre>{@code
 * PasswordDictionary common = PasswordDictionary.bundled();
 * common.contains("Password"); // true
 * }</pre>
 *
 * <p>Implementations MUST be immutable and thread-safe.
 *
 * @since 0.1.0
 */
public interface PasswordDictionary {

  /**
   * Returns whether the word is in the dictionary, ignoring case.
   *
   * @param word the candidate
   * @return true if listed
   */
  boolean contains(CharSequence word);

  /**
   * Returns the number of entries.
   *
   * @return the size
   */
  int size();

  /**
   * Returns the bundled list of common passwords.
   *
   * @return the shared instance
   */
  static PasswordDictionary bundled() {
    return of(Set.of("password", "secret", "amazon", "123456", "qwerty", "letmein", "admin"));
  }

  /**
   * Returns a dictionary of the given words.
   *
   * @param words the words
   * @return the dictionary
   */
  static PasswordDictionary of(Collection<String> words) {
    Set<String> set = new HashSet<>();
    for (String w : words) {
      set.add(w.toLowerCase(Locale.ROOT));
    }
    return new PasswordDictionary() {
      @Override
      public boolean contains(CharSequence word) {
        return set.contains(word.toString().toLowerCase(Locale.ROOT));
      }

      @Override
      public int size() {
        return set.size();
      }
    };
  }

  /**
   * Loads a dictionary file: UTF-8, one password per line.
   *
   * @param file the file
   * @return the dictionary
   */
  static PasswordDictionary load(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return of(java.nio.file.Files.readAllLines(file));
    } catch (java.io.IOException e) {
      throw new dev.rootguard.RootGuardException("cannot read dictionary " + file, e);
    }
  }
}
