package dev.rootguard.mfa;

import dev.rootguard.InvalidInputException;

/** Shared checks for identifier values. */
final class Identifiers {
  private Identifiers() {}

  static void check(String field, String value, int maxLength) {
    if (value.isEmpty()) {
      throw new InvalidInputException(field, "must not be empty");
    }
    if (value.length() > maxLength) {
      throw new InvalidInputException(
          field, "must be at most " + maxLength + " characters, was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidInputException(
            field, "must not contain control characters (index " + i + ")");
      }
    }
  }
}
