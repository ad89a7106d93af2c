package dev.rootguard.password;

import java.util.List;
import java.util.Objects;

/**
 * A user's previous passwords, as salted hashes only: the SPI behind IAM's {@code
 * PasswordReusePrevention}. The validator asks for the last {@code n} hashes and compares the
 * candidate itself with {@link PasswordHasher#matches(CharSequence, PasswordHash)}; a history never
 * sees a password in plain text.
 *
 * <pre>{@code
 * PasswordHistory history = n -> store.lastHashes(userId, n);    // your storage
 * PasswordContext ctx = PasswordContext.builder().userName("alice").history(history).build();
 * PasswordCheck c = PasswordValidator.of(PasswordPolicy.cisAwsFoundations()).check(pw, ctx);
 * // c.has(PasswordRule.PASSWORD_REUSED) when pw is one of alice's last 24 passwords
 * }</pre>
 *
 * <p>Implementations MUST be thread-safe and MUST NOT return null.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PasswordHistory {

  /**
   * Returns the hashes of the user's most recent passwords, newest first, at most {@code limit}.
   *
   * @param limit how many the policy remembers, 1 to 24
   * @return at most {@code limit} hashes; empty when there are none
   */
  List<PasswordHash> recent(int limit);

  /**
   * Returns a fixed history.
   *
   * @param newestFirst the hashes, newest first
   * @return the history
   */
  static PasswordHistory of(List<PasswordHash> newestFirst) {
    List<PasswordHash> copy = List.copyOf(Objects.requireNonNull(newestFirst, "newestFirst"));
    return limit -> copy.subList(0, Math.min(Math.max(limit, 0), copy.size()));
  }
}
