package dev.rootguard.cli;

import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootSecurityPolicy;
import java.util.function.Supplier;

/**
 * The closed options of {@code rootguard audit}: {@code --policy}, {@code --organization-role},
 * {@code --central-root-access} and {@code --billing-access}, each an enum with its picocli
 * converter ({@link CliChoice}). Immutable and thread-safe.
 *
 * <pre>{@code
 * RootSecurityPolicy p = AuditChoices.Policy.CIS2.policy();
 * }</pre>
 */
final class AuditChoices {
  private AuditChoices() {}

  /** {@code --policy}: the root security policy preset. */
  enum Policy implements CliChoice {
    RECOMMENDED("recommended", RootSecurityPolicy::recommended),
    CIS1("cis1", RootSecurityPolicy::cisLevel1),
    CIS2("cis2", RootSecurityPolicy::cisLevel2);

    private final String label;
    private final Supplier<RootSecurityPolicy> preset;

    Policy(String label, Supplier<RootSecurityPolicy> preset) {
      this.label = label;
      this.preset = preset;
    }

    @Override
    public String label() {
      return label;
    }

    RootSecurityPolicy policy() {
      return preset.get();
    }

    static final class Converter extends CliChoice.Converter<Policy> {
      Converter() {
        super(Policy.class, "--policy", "must be recommended, cis1 or cis2");
      }
    }
  }

  /** {@code --organization-role}: the account's place in AWS Organizations. */
  enum OrganizationRole implements CliChoice {
    STANDALONE("standalone", RootAccountState.OrganizationRole.STANDALONE),
    MANAGEMENT("management", RootAccountState.OrganizationRole.MANAGEMENT),
    MEMBER("member", RootAccountState.OrganizationRole.MEMBER);

    private final String label;
    private final RootAccountState.OrganizationRole role;

    OrganizationRole(String label, RootAccountState.OrganizationRole role) {
      this.label = label;
      this.role = role;
    }

    @Override
    public String label() {
      return label;
    }

    RootAccountState.OrganizationRole role() {
      return role;
    }

    static final class Converter extends CliChoice.Converter<OrganizationRole> {
      Converter() {
        super(
            OrganizationRole.class,
            "--organization-role",
            "must be standalone, management or member");
      }
    }
  }

  /** {@code --central-root-access}: whether the organization centralizes root access. */
  enum CentralRootAccess implements CliChoice {
    ENABLED("enabled"),
    DISABLED("disabled");

    private final String label;

    CentralRootAccess(String label) {
      this.label = label;
    }

    @Override
    public String label() {
      return label;
    }

    boolean on() {
      return this == ENABLED;
    }

    static final class Converter extends CliChoice.Converter<CentralRootAccess> {
      Converter() {
        super(CentralRootAccess.class, "--central-root-access", "must be enabled or disabled");
      }
    }
  }

  /** {@code --billing-access}: IAM user and role access to Billing. */
  enum BillingAccess implements CliChoice {
    ACTIVATED("activated"),
    NOT_ACTIVATED("not-activated");

    private final String label;

    BillingAccess(String label) {
      this.label = label;
    }

    @Override
    public String label() {
      return label;
    }

    boolean on() {
      return this == ACTIVATED;
    }

    static final class Converter extends CliChoice.Converter<BillingAccess> {
      Converter() {
        super(BillingAccess.class, "--billing-access", "must be activated or not-activated");
      }
    }
  }
}
