package dev.rootguard.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A fluent assertion for unit tests of internal platforms (account vending, landing zones): does an
 * account's root user comply with a policy? Plain Java, no test-library dependency; a failure
 * throws {@link AssertionError} whose message lists every control that broke compliance with its
 * status and evidence.
 *
 * <pre>{@code
 * import static dev.rootguard.policy.RootSecurityAssertions.assertThat;
 *
 * assertThat(state).compliesWith(RootSecurityPolicy.recommended());
 * assertThat(state).passes(RootSecurityPolicy.cisLevel2(), Control.ROOT_HARDWARE_MFA);
 * // java.lang.AssertionError: account 123456789012 does not comply with policy recommended
 * //   (2 findings):
 * //   - ROOT_MFA_ENABLED [FAIL, critical]: The root user has no MFA device.
 * //   - ...
 * }</pre>
 *
 * <p>Messages are English. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class RootSecurityAssertions {
  private RootSecurityAssertions() {}

  /**
   * Starts an assertion on an account's facts.
   *
   * @param state the facts
   * @return the assertion
   */
  public static StateAssert assertThat(RootAccountState state) {
    return new StateAssert(Objects.requireNonNull(state, "state"));
  }

  /**
   * Assertions on one {@link RootAccountState}. Immutable and thread-safe.
   *
   * @since 0.1.0
   */
  public static final class StateAssert {
    private final RootAccountState state;

    private StateAssert(RootAccountState state) {
      this.state = state;
    }

    /**
     * Asserts that the account complies with the policy ({@link Assessment#isCompliant()}: no FAIL
     * and no UNKNOWN finding).
     *
     * @param policy the policy
     * @return this, for chaining
     * @throws AssertionError listing each FAIL and UNKNOWN finding with its evidence
     */
    public StateAssert compliesWith(RootSecurityPolicy policy) {
      Assessment a = Objects.requireNonNull(policy, "policy").evaluate(state);
      List<Finding> bad = a.blockingFindings();
      if (!bad.isEmpty()) {
        throw new AssertionError(message(a, bad, "does not comply with policy " + policy.name()));
      }
      return this;
    }

    /**
     * Asserts that the named controls of the policy pass (status PASS; the policy's settings, such
     * as {@code maxDaysSinceRootUse}, apply). Controls the policy does not enable are evaluated
     * with its settings too.
     *
     * @param policy the policy whose settings to use
     * @param controls the controls that must pass
     * @return this, for chaining
     * @throws AssertionError listing each control that did not pass
     */
    public StateAssert passes(RootSecurityPolicy policy, Control... controls) {
      Objects.requireNonNull(policy, "policy");
      if (controls.length == 0) {
        throw new IllegalArgumentException("controls: name at least one");
      }
      Assessment a = policy.toBuilder().enable(controls).build().evaluate(state);
      List<Finding> bad = new ArrayList<>();
      for (Control c : controls) {
        Finding f = a.finding(c).orElseThrow();
        if (f.status() != Status.PASS) {
          bad.add(f);
        }
      }
      if (!bad.isEmpty()) {
        throw new AssertionError(message(a, bad, "does not pass the expected controls"));
      }
      return this;
    }

    private static String message(Assessment a, List<Finding> bad, String what) {
      StringBuilder sb = new StringBuilder();
      sb.append("account ")
          .append(a.accountId())
          .append(' ')
          .append(what)
          .append(" (")
          .append(bad.size())
          .append(bad.size() == 1 ? " finding):" : " findings):");
      for (Finding f : bad) {
        sb.append("\n  - ")
            .append(f.control().name())
            .append(" [")
            .append(f.status())
            .append(", ")
            .append(f.severity().name().toLowerCase(Locale.ROOT))
            .append("]: ")
            .append(f.evidence().text(Locale.ENGLISH));
      }
      return sb.toString();
    }
  }
}
