package dev.rootguard.password.internal;

import dev.rootguard.InvalidInputException;

/**
 * The ranges a password policy's numbers must lie in, checked together when a {@code
 * PasswordPolicy.Builder} builds: lengths up to a limit with the minimum not above the maximum, 0
 * to 4 character classes, and AWS's own ranges for reuse prevention (0 to 24) and maximum age (0 to
 * 1095 days). Stateless and thread-safe.
 *
 * <pre>{@code
 * PolicyRanges.check(8, 128, 3, 14, 0, 0, 4096); // throws InvalidInputException naming the field
 * }</pre>
 */
public final class PolicyRanges {
  private PolicyRanges() {}

  /**
   * Checks the values in this order and throws for the first one out of range.
   *
   * @param minLength the minimum length
   * @param maxLength the maximum length
   * @param minCharacterClasses the number of classes required
   * @param recommendedLength the length below which a warning is given
   * @param passwordReusePrevention the number of earlier passwords refused
   * @param maxPasswordAge the maximum age in days, 0 for none
   * @param lengthLimit the largest maximum length allowed
   * @throws InvalidInputException naming the first field out of range
   */
  public static void check(
      int minLength,
      int maxLength,
      int minCharacterClasses,
      int recommendedLength,
      int passwordReusePrevention,
      int maxPasswordAge,
      int lengthLimit) {
    if (maxLength < 1 || maxLength > lengthLimit) {
      throw new InvalidInputException(
          "maxLength", "must be 1.." + lengthLimit + ", was " + maxLength);
    }
    if (minLength < 1 || minLength > maxLength) {
      throw new InvalidInputException(
          "minLength", "must be 1..maxLength (" + maxLength + "), was " + minLength);
    }
    if (minCharacterClasses < 0 || minCharacterClasses > 4) {
      throw new InvalidInputException(
          "minCharacterClasses", "must be 0..4, was " + minCharacterClasses);
    }
    if (recommendedLength < 0 || recommendedLength > lengthLimit) {
      throw new InvalidInputException(
          "recommendedLength", "must be 0.." + lengthLimit + ", was " + recommendedLength);
    }
    if (passwordReusePrevention < 0 || passwordReusePrevention > 24) {
      throw new InvalidInputException(
          "passwordReusePrevention", "must be 0..24, was " + passwordReusePrevention);
    }
    if (maxPasswordAge < 0 || maxPasswordAge > 1095) {
      throw new InvalidInputException(
          "maxPasswordAge", "must be 0..1095 days, was " + maxPasswordAge);
    }
  }
}
