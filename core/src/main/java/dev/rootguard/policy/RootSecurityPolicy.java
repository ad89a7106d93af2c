package dev.rootguard.policy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.policy.internal.ControlEvaluator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A set of root-user {@link Control}s with their settings; {@link #evaluate(RootAccountState)}
 * judges one account's facts and returns an {@link Assessment}.
 *
 * <p>Presets:
 *
 * <ul>
 *   <li>{@link #recommended()}: the four duties of the root user (password, MFA, no access keys,
 *       IAM access to billing), hardware MFA, and no recent root use.
 *   <li>{@link #cisLevel1()}: CIS AWS Foundations Level 1 root items: MFA, no access keys, no
 *       recent root use, IAM password policy (length 14, reuse 24), centralized root access in
 *       Organizations (CIS v7.0.0 2.1.1).
 *   <li>{@link #cisLevel2()}: Level 1 plus hardware MFA.
 * </ul>
 *
 * <p>Recent use: a root credential used less than {@link #maxDaysSinceRootUse()} whole days before
 * the assessment's reference time fails {@link Control#ROOT_NOT_USED_RECENTLY}. Default 90 days:
 * CIS only asks to review the last-used columns and Security Hub's alarm ({@code CloudWatch.1})
 * fires on every use, so RootGuard follows Steampipe's 90-day rule, which tolerates the rare
 * root-only task (closing an account, changing the support plan) but flags regular use. Prowler
 * uses 1 day; set {@code maxDaysSinceRootUse(1)} to match it. The reference time is the state's
 * {@link RootAccountState#collectedAt()} (so re-rendering an old report gives the same result), or
 * the policy's clock when the state has none (the epoch).
 *
 * <pre>{@code
 * RootSecurityPolicy policy = RootSecurityPolicy.recommended().toBuilder()
 *     .maxDaysSinceRootUse(30)
 *     .enable(Control.ROOT_NO_SIGNING_CERTIFICATES)
 *     .build();
 * Assessment a = policy.evaluate(state);
 * if (!a.isCompliant()) { System.out.println(a.render(Assessment.Format.TEXT, Locale.ENGLISH)); }
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class RootSecurityPolicy {
  /** Default of {@link Builder#maxDaysSinceRootUse(int)}. */
  public static final int DEFAULT_MAX_DAYS_SINCE_ROOT_USE = 90;

  /** Maximum of {@link Builder#maxDaysSinceRootUse(int)}. */
  public static final int MAX_DAYS_SINCE_ROOT_USE_LIMIT = 3650;

  private final String name;
  private final Set<Control> controls;
  private final List<Control> ordered;
  private final int maxDaysSinceRootUse;
  private final PasswordPolicyBaseline passwordBaseline;
  private final Clock clock;

  private RootSecurityPolicy(Builder b) {
    this.name = b.name;
    EnumSet<Control> set = EnumSet.copyOf(b.controls);
    this.controls = Collections.unmodifiableSet(set);
    this.ordered = List.copyOf(set);
    this.maxDaysSinceRootUse = b.maxDaysSinceRootUse;
    this.passwordBaseline = b.passwordBaseline;
    this.clock = b.clock;
  }

  /**
   * Returns the recommended policy: {@link Control#ROOT_PASSWORD_STRONG}, {@link
   * Control#ROOT_MFA_ENABLED}, {@link Control#ROOT_NO_ACCESS_KEYS}, {@link
   * Control#IAM_BILLING_ACCESS_ACTIVATED}, {@link Control#ROOT_HARDWARE_MFA}, {@link
   * Control#ROOT_NOT_USED_RECENTLY}.
   *
   * @return the policy
   */
  public static RootSecurityPolicy recommended() {
    return builder()
        .name("recommended")
        .enable(
            Control.ROOT_PASSWORD_STRONG,
            Control.ROOT_MFA_ENABLED,
            Control.ROOT_NO_ACCESS_KEYS,
            Control.IAM_BILLING_ACCESS_ACTIVATED,
            Control.ROOT_HARDWARE_MFA,
            Control.ROOT_NOT_USED_RECENTLY)
        .build();
  }

  /**
   * Returns the CIS AWS Foundations Level 1 root policy: {@link Control#ROOT_MFA_ENABLED}, {@link
   * Control#ROOT_NO_ACCESS_KEYS}, {@link Control#ROOT_NOT_USED_RECENTLY}, {@link
   * Control#IAM_PASSWORD_POLICY} ({@link PasswordPolicyBaseline#cis()}), {@link
   * Control#ORG_ROOT_CREDENTIALS_CENTRALIZED}.
   *
   * @return the policy
   */
  public static RootSecurityPolicy cisLevel1() {
    return builder()
        .name("cis-level-1")
        .enable(
            Control.ROOT_MFA_ENABLED,
            Control.ROOT_NO_ACCESS_KEYS,
            Control.ROOT_NOT_USED_RECENTLY,
            Control.IAM_PASSWORD_POLICY,
            Control.ORG_ROOT_CREDENTIALS_CENTRALIZED)
        .build();
  }

  /**
   * Returns the CIS AWS Foundations Level 2 root policy: {@link #cisLevel1()} plus {@link
   * Control#ROOT_HARDWARE_MFA}.
   *
   * @return the policy
   */
  public static RootSecurityPolicy cisLevel2() {
    return cisLevel1().toBuilder().name("cis-level-2").enable(Control.ROOT_HARDWARE_MFA).build();
  }

  /**
   * Starts an empty builder (no control enabled, defaults for the settings).
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this policy's controls and settings.
   *
   * @return a builder; not thread-safe
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.controls.addAll(controls);
    b.maxDaysSinceRootUse = maxDaysSinceRootUse;
    b.passwordBaseline = passwordBaseline;
    b.clock = clock;
    return b;
  }

  /**
   * Evaluates every enabled control against the account's facts.
   *
   * @param state the facts
   * @return the assessment, findings in {@link Control} order
   */
  public Assessment evaluate(RootAccountState state) {
    Objects.requireNonNull(state, "state");
    Instant evaluatedAt = clock.instant();
    Instant reference =
        Instant.EPOCH.equals(state.collectedAt()) ? evaluatedAt : state.collectedAt();
    List<Finding> findings = new ArrayList<>(ordered.size());
    for (Control c : ordered) {
      findings.add(
          ControlEvaluator.evaluate(c, state, reference, maxDaysSinceRootUse, passwordBaseline));
    }
    return new Assessment(state, this, findings, evaluatedAt, reference);
  }

  /**
   * Returns the policy's name ({@code recommended}, {@code cis-level-1}, ...), shown in reports.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the enabled controls.
   *
   * @return an unmodifiable set in {@link Control} order
   */
  public Set<Control> controls() {
    return controls;
  }

  /**
   * Returns whether a control is enabled.
   *
   * @param c the control
   * @return true if enabled
   */
  public boolean isEnabled(Control c) {
    return controls.contains(c);
  }

  /**
   * Returns how many days must pass since the last root use. Default 90.
   *
   * @return the days
   */
  public int maxDaysSinceRootUse() {
    return maxDaysSinceRootUse;
  }

  /**
   * Returns the baseline {@link Control#IAM_PASSWORD_POLICY} checks against. Default CIS.
   *
   * @return the baseline
   */
  public PasswordPolicyBaseline passwordBaseline() {
    return passwordBaseline;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RootSecurityPolicy p
        && name.equals(p.name)
        && controls.equals(p.controls)
        && maxDaysSinceRootUse == p.maxDaysSinceRootUse
        && passwordBaseline.equals(p.passwordBaseline)
        && clock.equals(p.clock);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, controls, maxDaysSinceRootUse, passwordBaseline);
  }

  @Override
  public String toString() {
    return "RootSecurityPolicy["
        + name
        + ", "
        + controls
        + ", maxDaysSinceRootUse="
        + maxDaysSinceRootUse
        + ", passwordBaseline="
        + passwordBaseline.name()
        + "]";
  }

  /**
   * Builds a {@link RootSecurityPolicy}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String name = "custom";
    private final EnumSet<Control> controls = EnumSet.noneOf(Control.class);
    private int maxDaysSinceRootUse = DEFAULT_MAX_DAYS_SINCE_ROOT_USE;
    private PasswordPolicyBaseline passwordBaseline = PasswordPolicyBaseline.cis();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the name shown in reports. Default: {@code custom} for {@link #builder()}, the preset's
     * name for {@link #toBuilder()}.
     *
     * @param name a short name, not blank
     * @return this builder
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new InvalidInputException("name", "must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * Enables controls.
     *
     * @param cs the controls
     * @return this builder
     */
    public Builder enable(Control... cs) {
      for (Control c : cs) {
        controls.add(Objects.requireNonNull(c, "control"));
      }
      return this;
    }

    /**
     * Enables every control RootGuard knows.
     *
     * @return this builder
     */
    public Builder enableAll() {
      controls.addAll(EnumSet.allOf(Control.class));
      return this;
    }

    /**
     * Disables controls.
     *
     * @param cs the controls
     * @return this builder
     */
    public Builder disable(Control... cs) {
      for (Control c : cs) {
        controls.remove(Objects.requireNonNull(c, "control"));
      }
      return this;
    }

    /**
     * Sets how many whole days must pass since the root user's last use (password or access key)
     * for {@link Control#ROOT_NOT_USED_RECENTLY} to pass; also used by {@link
     * Control#ROOT_ACCESS_KEYS_INACTIVE}. Default: 90. Minimum 1, maximum 3650.
     *
     * @param days the days
     * @return this builder
     * @throws InvalidInputException if out of range
     */
    public Builder maxDaysSinceRootUse(int days) {
      if (days < 1 || days > MAX_DAYS_SINCE_ROOT_USE_LIMIT) {
        throw new InvalidInputException(
            "maxDaysSinceRootUse", "must be 1.." + MAX_DAYS_SINCE_ROOT_USE_LIMIT + ", was " + days);
      }
      this.maxDaysSinceRootUse = days;
      return this;
    }

    /**
     * Sets the baseline for {@link Control#IAM_PASSWORD_POLICY}. Default: {@link
     * PasswordPolicyBaseline#cis()}.
     *
     * @param baseline the baseline
     * @return this builder
     */
    public Builder passwordBaseline(PasswordPolicyBaseline baseline) {
      this.passwordBaseline = Objects.requireNonNull(baseline, "passwordBaseline");
      return this;
    }

    /**
     * Sets the clock for {@link Assessment#evaluatedAt()} and for the reference time of states
     * without a collection time. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws InvalidInputException ({@code controls}) if no control is enabled
     */
    public RootSecurityPolicy build() {
      if (controls.isEmpty()) {
        throw new InvalidInputException("controls", "enable at least one control");
      }
      return new RootSecurityPolicy(this);
    }
  }
}
