package dev.rootguard.password.internal;

import dev.rootguard.RootGuardException;
import dev.rootguard.password.PasswordDictionary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The lists bundled in this package, loaded lazily and once (holder idiom, so thread-safe without
 * locks). Source: the npm package {@code zxcvbn} 4.4.2, {@code lib/frequency_lists.js}, MIT
 * licence, Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc. (see {@code NOTICE}).
 */
public final class BundledLists {
  private BundledLists() {}

  /** Resource name of the common-password list, most common first. */
  static final String PASSWORDS = "common-passwords.txt";

  /**
   * Returns the bundled common-password dictionary.
   *
   * @return the shared instance
   */
  public static PasswordDictionary passwords() {
    return PasswordsHolder.INSTANCE;
  }

  /** Opens a bundled resource of this package. */
  static InputStream open(String name) {
    InputStream in = BundledLists.class.getResourceAsStream(name);
    if (in == null) {
      throw new RootGuardException("bug: bundled resource missing: " + name);
    }
    return in;
  }

  /** Loads a bundled list into the compact form. */
  static CompactDictionary loadCompact(String name) {
    try (InputStream in = open(name)) {
      return CompactDictionary.read(in, name, 256 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled list " + name, e);
    }
  }

  private static final class PasswordsHolder {
    static final CompactDictionary INSTANCE = loadCompact(PASSWORDS);
  }
}
