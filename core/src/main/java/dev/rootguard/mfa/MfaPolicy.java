package dev.rootguard.mfa;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which factors a principal may use. Root-grade accounts typically allow only hardware factors
 * ({@link #hardwareOnly()}), matching CIS Level 2 and Security Hub {@code IAM.6}.
 *
 * <pre>{@code
 * MfaPolicy rootGrade = MfaPolicy.hardwareOnly();
 * MfaPolicy everyday = MfaPolicy.allowing(Factor.TOTP_APP, Factor.SECURITY_KEY, Factor.PASSKEY);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param allowed the factors allowed; never empty
 * @since 0.1.0
 */
public record MfaPolicy(Set<Factor> allowed) {

  /** Checks and copies the argument. */
  public MfaPolicy {
    Objects.requireNonNull(allowed, "allowed");
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("allowed: must name at least one factor");
    }
    allowed = Set.copyOf(allowed);
  }

  /**
   * Returns a policy allowing every factor.
   *
   * @return the policy
   */
  public static MfaPolicy any() {
    return new MfaPolicy(EnumSet.allOf(Factor.class));
  }

  /**
   * Returns a policy allowing only factors that count as hardware ({@link Factor#isHardware()}).
   *
   * @return the policy
   */
  public static MfaPolicy hardwareOnly() {
    EnumSet<Factor> set = EnumSet.noneOf(Factor.class);
    for (Factor f : Factor.values()) {
      if (f.isHardware()) {
        set.add(f);
      }
    }
    return new MfaPolicy(set);
  }

  /**
   * Returns a policy allowing exactly the given factors.
   *
   * @param first a factor
   * @param more more factors
   * @return the policy
   */
  public static MfaPolicy allowing(Factor first, Factor... more) {
    return new MfaPolicy(EnumSet.of(first, more));
  }

  /**
   * Returns whether the factor is allowed.
   *
   * @param factor the factor
   * @return true if allowed
   */
  public boolean allows(Factor factor) {
    return allowed.contains(Objects.requireNonNull(factor, "factor"));
  }
}
