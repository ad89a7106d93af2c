package dev.rootguard.policy.internal;

import dev.rootguard.password.IamPasswordPolicy;
import dev.rootguard.policy.AccessKey;
import dev.rootguard.policy.Control;
import dev.rootguard.policy.Evidence;
import dev.rootguard.policy.Fact;
import dev.rootguard.policy.Finding;
import dev.rootguard.policy.LastUse;
import dev.rootguard.policy.MfaDevice;
import dev.rootguard.policy.PasswordPolicyBaseline;
import dev.rootguard.policy.RootAccountState;
import dev.rootguard.policy.RootAccountState.OrganizationRole;
import dev.rootguard.policy.Source;
import dev.rootguard.policy.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The logic of every {@link Control}. Each method reads only the facts it needs, never guesses an
 * unknown fact, and names the sources it used.
 *
 * <p>Stateless and thread-safe.
 */
public final class ControlEvaluator {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private ControlEvaluator() {}

  /**
   * Evaluates one control.
   *
   * @param c the control
   * @param s the facts
   * @param now the reference time
   * @param maxDays the policy's {@code maxDaysSinceRootUse}
   * @param baseline the policy's password baseline
   * @return the finding
   */
  public static Finding evaluate(
      Control c, RootAccountState s, Instant now, int maxDays, PasswordPolicyBaseline baseline) {
    return switch (c) {
      case ROOT_PASSWORD_STRONG -> password(s);
      case ROOT_MFA_ENABLED -> mfa(s);
      case ROOT_NO_ACCESS_KEYS -> noAccessKeys(s);
      case IAM_BILLING_ACCESS_ACTIVATED -> billing(s);
      case ROOT_HARDWARE_MFA -> hardwareMfa(s);
      case ROOT_NOT_USED_RECENTLY -> recentUse(s, now, maxDays);
      case ROOT_NO_SIGNING_CERTIFICATES -> signingCertificates(s);
      case ROOT_ACCESS_KEYS_INACTIVE -> keysInactive(s, now, maxDays);
      case IAM_PASSWORD_POLICY -> passwordPolicy(s, baseline);
      case ORG_ROOT_CREDENTIALS_CENTRALIZED -> centralized(s);
    };
  }

  /** Formats an instant for evidence. */
  static String when(Instant at) {
    return DATE_TIME.format(at);
  }

  private static <T> T val(Fact<T> f) {
    return f instanceof Fact.Known<T> k ? k.get() : null;
  }

  private static List<Source> src(Fact<?>... facts) {
    List<Source> out = new ArrayList<>(facts.length);
    for (Fact<?> f : facts) {
      if (f instanceof Fact.Unknown<?> u && u.source().origin().equals("not collected")) {
        continue; // carries no information
      }
      if (!out.contains(f.source())) {
        out.add(f.source());
      }
    }
    return out;
  }

  private static Finding f(Control c, Status st, Evidence e, List<Source> sources) {
    return new Finding(c, st, e, sources);
  }

  // --- facts derived from several sources -------------------------------------------------

  /** Whether the root has MFA: AccountMFAEnabled, else the device list. Null if unknown. */
  private static Boolean hasMfa(RootAccountState s) {
    Boolean m = val(s.mfaEnabled());
    if (m != null) {
      return m;
    }
    List<MfaDevice> d = val(s.mfaDevices());
    return d == null ? null : !d.isEmpty();
  }

  /** Whether any root key exists: AccountAccessKeysPresent, else an active key seen. */
  private static Boolean hasKeys(RootAccountState s) {
    Boolean p = val(s.accessKeysPresent());
    if (p != null) {
      return p;
    }
    List<AccessKey> keys = val(s.accessKeys());
    if (keys != null && keys.stream().anyMatch(AccessKey::active)) {
      return true;
    }
    return null;
  }

  /** True when the root provably has no password and no access key. */
  private static boolean noRootCredentials(RootAccountState s) {
    return Boolean.FALSE.equals(val(s.passwordEnabled())) && Boolean.FALSE.equals(hasKeys(s));
  }

  // --- controls -----------------------------------------------------------------------------

  private static Finding password(RootAccountState s) {
    Control c = Control.ROOT_PASSWORD_STRONG;
    List<Source> sources = src(s.passwordEnabled(), s.passwordLastUsed());
    Boolean enabled = val(s.passwordEnabled());
    if (enabled == null) {
      return f(c, Status.UNKNOWN, Evidence.of("evidence.password.unknown"), sources);
    }
    if (!enabled) {
      return f(c, Status.PASS, Evidence.of("evidence.password.none"), sources);
    }
    LastUse lu = val(s.passwordLastUsed());
    if (lu == null) {
      return f(c, Status.MANUAL, Evidence.of("evidence.password.present"), sources);
    }
    if (lu.isNever()) {
      return f(c, Status.MANUAL, Evidence.of("evidence.password.presentNeverUsed"), sources);
    }
    return f(
        c,
        Status.MANUAL,
        Evidence.of("evidence.password.presentUsed", when(lu.instant().orElseThrow())),
        sources);
  }

  private static Finding mfa(RootAccountState s) {
    Control c = Control.ROOT_MFA_ENABLED;
    List<Source> sources = src(s.mfaEnabled(), s.mfaDevices());
    Boolean m = hasMfa(s);
    if (m == null) {
      return f(c, Status.UNKNOWN, Evidence.of("evidence.mfa.unknown"), sources);
    }
    if (m) {
      return f(c, Status.PASS, Evidence.of("evidence.mfa.enabled"), sources);
    }
    if (noRootCredentials(s)) {
      sources = src(s.mfaEnabled(), s.passwordEnabled(), s.accessKeysPresent());
      return f(c, Status.PASS, Evidence.of("evidence.mfa.noCredentials"), sources);
    }
    return f(c, Status.FAIL, Evidence.of("evidence.mfa.disabled"), sources);
  }

  private static Finding noAccessKeys(RootAccountState s) {
    Control c = Control.ROOT_NO_ACCESS_KEYS;
    List<Source> sources = src(s.accessKeysPresent(), s.accessKeys());
    Boolean present = val(s.accessKeysPresent());
    List<AccessKey> keys = val(s.accessKeys());
    long active = keys == null ? -1 : keys.stream().filter(AccessKey::active).count();
    if (present != null) {
      if (!present) {
        return f(c, Status.PASS, Evidence.of("evidence.keys.none"), sources);
      }
      if (active > 0) {
        return f(
            c,
            Status.FAIL,
            Evidence.of("evidence.keys.presentActive", Long.toString(active)),
            sources);
      }
      if (active == 0) {
        return f(c, Status.FAIL, Evidence.of("evidence.keys.presentInactive"), sources);
      }
      return f(c, Status.FAIL, Evidence.of("evidence.keys.present"), sources);
    }
    if (active > 0) {
      return f(
          c,
          Status.FAIL,
          Evidence.of("evidence.keys.presentActive", Long.toString(active)),
          sources);
    }
    if (active == 0) {
      return f(c, Status.UNKNOWN, Evidence.of("evidence.keys.onlyActiveVisible"), sources);
    }
    return f(c, Status.UNKNOWN, Evidence.of("evidence.keys.unknown"), sources);
  }

  private static Finding billing(RootAccountState s) {
    Control c = Control.IAM_BILLING_ACCESS_ACTIVATED;
    Fact<Boolean> b = s.iamUserAccessToBilling();
    List<Source> sources = src(b);
    Boolean v = val(b);
    if (v == null) {
      return f(c, Status.MANUAL, Evidence.of("evidence.billing.manual"), sources);
    }
    return v
        ? f(c, Status.PASS, Evidence.of("evidence.billing.on", b.source().origin()), sources)
        : f(c, Status.FAIL, Evidence.of("evidence.billing.off", b.source().origin()), sources);
  }

  private static Finding hardwareMfa(RootAccountState s) {
    Control c = Control.ROOT_HARDWARE_MFA;
    Boolean m = hasMfa(s);
    if (Boolean.FALSE.equals(m) && noRootCredentials(s)) {
      return f(
          c,
          Status.PASS,
          Evidence.of("evidence.hwmfa.noCredentials"),
          src(s.mfaEnabled(), s.passwordEnabled(), s.accessKeysPresent()));
    }
    List<MfaDevice> devices = val(s.mfaDevices());
    if (devices != null) {
      List<Source> sources = src(s.mfaDevices());
      if (devices.isEmpty()) {
        return f(c, Status.FAIL, Evidence.of("evidence.hwmfa.noDevices"), sources);
      }
      List<String> virtual = new ArrayList<>();
      List<String> unclassified = new ArrayList<>();
      int keys = 0;
      for (MfaDevice d : devices) {
        switch (d.kind()) {
          case VIRTUAL -> virtual.add(d.serial());
          case UNKNOWN -> unclassified.add(d.serial());
          case SECURITY_KEY -> keys++;
          default -> {}
        }
      }
      if (!virtual.isEmpty()) {
        return f(
            c,
            Status.FAIL,
            Evidence.of("evidence.hwmfa.virtual", String.join(", ", virtual)),
            sources);
      }
      if (!unclassified.isEmpty()) {
        return f(
            c,
            Status.UNKNOWN,
            Evidence.of("evidence.hwmfa.unclassified", String.join(", ", unclassified)),
            sources);
      }
      return f(
          c,
          Status.PASS,
          Evidence.of(
              keys > 0 ? "evidence.hwmfa.allHardwareKeys" : "evidence.hwmfa.allHardware",
              Integer.toString(devices.size())),
          sources);
    }
    // Heuristic of AWS Config root-account-hardware-mfa-enabled / Security Hub IAM.6 / Prowler.
    List<Source> sources = src(s.mfaEnabled(), s.virtualMfaSerials());
    List<String> virtual = val(s.virtualMfaSerials());
    if (Boolean.FALSE.equals(m)) {
      return f(c, Status.FAIL, Evidence.of("evidence.hwmfa.noMfa"), sources);
    }
    if (virtual != null && !virtual.isEmpty()) {
      return f(
          c,
          Status.FAIL,
          Evidence.of("evidence.hwmfa.virtual", String.join(", ", virtual)),
          sources);
    }
    if (Boolean.TRUE.equals(m) && virtual != null) {
      return f(c, Status.PASS, Evidence.of("evidence.hwmfa.heuristic"), sources);
    }
    return f(c, Status.UNKNOWN, Evidence.of("evidence.hwmfa.unknown"), sources);
  }

  private record Use(String what, Instant at) {}

  private static long daysBetween(Instant at, Instant now) {
    return at.isAfter(now) ? 0 : Duration.between(at, now).toDays();
  }

  private static Finding recentUse(RootAccountState s, Instant now, int maxDays) {
    Control c = Control.ROOT_NOT_USED_RECENTLY;
    List<Source> sources = src(s.passwordLastUsed(), s.accessKeys());
    Use latest = null;
    List<String> unknown = new ArrayList<>();
    LastUse pw = val(s.passwordLastUsed());
    if (pw == null) {
      if (!Boolean.FALSE.equals(val(s.passwordEnabled()))) {
        unknown.add("@noun.password");
      }
    } else if (!pw.isNever()) {
      latest = new Use("@noun.password", pw.instant().orElseThrow());
    }
    List<AccessKey> keys = val(s.accessKeys());
    if (keys == null) {
      if (!Boolean.FALSE.equals(val(s.accessKeysPresent()))) {
        unknown.add("@noun.accessKeys");
      }
    } else {
      for (AccessKey k : keys) {
        Optional<Instant> at = k.lastUsed().instant();
        if (at.isPresent() && (latest == null || at.get().isAfter(latest.at()))) {
          latest = new Use(k.label(), at.get());
        }
      }
    }
    if (latest != null) {
      long days = daysBetween(latest.at(), now);
      Evidence e =
          Evidence.of(
              days < maxDays ? "evidence.usage.recent" : "evidence.usage.old",
              latest.what(),
              when(latest.at()),
              Long.toString(days),
              Integer.toString(maxDays));
      if (days < maxDays) {
        return f(c, Status.FAIL, e, sources);
      }
      if (unknown.isEmpty()) {
        return f(c, Status.PASS, e, sources);
      }
    }
    if (!unknown.isEmpty()) {
      return f(
          c,
          Status.UNKNOWN,
          Evidence.of("evidence.usage.unknown", String.join(", ", unknown)),
          sources);
    }
    return f(c, Status.PASS, Evidence.of("evidence.usage.never"), sources);
  }

  private static Finding signingCertificates(RootAccountState s) {
    Control c = Control.ROOT_NO_SIGNING_CERTIFICATES;
    List<Source> sources = src(s.signingCertificatesPresent());
    Boolean v = val(s.signingCertificatesPresent());
    if (v == null) {
      return f(c, Status.UNKNOWN, Evidence.of("evidence.certs.unknown"), sources);
    }
    return v
        ? f(c, Status.FAIL, Evidence.of("evidence.certs.present"), sources)
        : f(c, Status.PASS, Evidence.of("evidence.certs.none"), sources);
  }

  private static Finding keysInactive(RootAccountState s, Instant now, int maxDays) {
    Control c = Control.ROOT_ACCESS_KEYS_INACTIVE;
    List<Source> sources = src(s.accessKeysPresent(), s.accessKeys());
    Boolean present = val(s.accessKeysPresent());
    if (Boolean.FALSE.equals(present)) {
      return f(c, Status.PASS, Evidence.of("evidence.keys.none"), sources);
    }
    List<AccessKey> keys = val(s.accessKeys());
    if (keys == null) {
      return f(c, Status.UNKNOWN, Evidence.of("evidence.keysoft.unknown"), sources);
    }
    List<String> active = new ArrayList<>();
    AccessKey recent = null;
    for (AccessKey k : keys) {
      if (k.active()) {
        active.add(k.label());
      }
      Optional<Instant> at = k.lastUsed().instant();
      if (at.isPresent()
          && daysBetween(at.get(), now) < maxDays
          && (recent == null || at.get().isAfter(recent.lastUsed().instant().orElseThrow()))) {
        recent = k;
      }
    }
    if (!active.isEmpty()) {
      return f(
          c,
          Status.FAIL,
          Evidence.of("evidence.keysoft.active", String.join(", ", active)),
          sources);
    }
    if (recent != null) {
      Instant at = recent.lastUsed().instant().orElseThrow();
      return f(
          c,
          Status.WARN,
          Evidence.of(
              "evidence.keysoft.recentlyUsed", recent.label(), when(at), Integer.toString(maxDays)),
          sources);
    }
    if (Boolean.TRUE.equals(present)) {
      return f(c, Status.WARN, Evidence.of("evidence.keysoft.inactive"), sources);
    }
    return f(c, Status.PASS, Evidence.of("evidence.keysoft.noneActive"), sources);
  }

  private static Finding passwordPolicy(RootAccountState s, PasswordPolicyBaseline baseline) {
    Control c = Control.IAM_PASSWORD_POLICY;
    List<Source> sources = src(s.passwordPolicy());
    Optional<IamPasswordPolicy> p = val(s.passwordPolicy());
    if (p == null) {
      return f(c, Status.UNKNOWN, Evidence.of("evidence.pwpolicy.unknown"), sources);
    }
    if (p.isEmpty()) {
      return f(c, Status.FAIL, Evidence.of("evidence.pwpolicy.default", baseline.name()), sources);
    }
    List<String> short_ = baseline.shortfalls(p.get());
    if (short_.isEmpty()) {
      return f(
          c,
          Status.PASS,
          Evidence.of(
              "evidence.pwpolicy.meets",
              baseline.name(),
              Integer.toString(p.get().minimumPasswordLength()),
              Integer.toString(p.get().passwordReusePrevention())),
          sources);
    }
    return f(
        c,
        Status.FAIL,
        Evidence.of("evidence.pwpolicy.short", baseline.name(), String.join("; ", short_)),
        sources);
  }

  private static Finding centralized(RootAccountState s) {
    Control c = Control.ORG_ROOT_CREDENTIALS_CENTRALIZED;
    OrganizationRole role = val(s.organizationRole());
    if (role == null) {
      return f(
          c, Status.UNKNOWN, Evidence.of("evidence.org.roleUnknown"), src(s.organizationRole()));
    }
    if (role == OrganizationRole.STANDALONE) {
      return f(
          c,
          Status.NOT_APPLICABLE,
          Evidence.of("evidence.org.standalone"),
          src(s.organizationRole()));
    }
    List<Source> sources = src(s.organizationRole(), s.centralRootCredentialsManagement());
    Boolean central = val(s.centralRootCredentialsManagement());
    if (central == null) {
      return f(c, Status.UNKNOWN, Evidence.of("evidence.org.centralUnknown"), sources);
    }
    if (!central) {
      return f(c, Status.FAIL, Evidence.of("evidence.org.notEnabled"), sources);
    }
    if (role == OrganizationRole.MANAGEMENT) {
      return f(c, Status.PASS, Evidence.of("evidence.org.enabledManagement"), sources);
    }
    sources =
        src(
            s.organizationRole(),
            s.centralRootCredentialsManagement(),
            s.passwordEnabled(),
            s.accessKeysPresent(),
            s.mfaEnabled());
    List<String> held = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    classify(val(s.passwordEnabled()), "@noun.password", held, unknown);
    classify(hasKeys(s), "@noun.accessKeys", held, unknown);
    classify(hasMfa(s), "@noun.mfa", held, unknown);
    if (!held.isEmpty()) {
      return f(
          c,
          Status.FAIL,
          Evidence.of("evidence.org.memberHasCredentials", String.join(", ", held)),
          sources);
    }
    if (!unknown.isEmpty()) {
      return f(
          c,
          Status.UNKNOWN,
          Evidence.of("evidence.org.memberUnknown", String.join(", ", unknown)),
          sources);
    }
    return f(c, Status.PASS, Evidence.of("evidence.org.memberClean"), sources);
  }

  private static void classify(Boolean v, String noun, List<String> held, List<String> unknown) {
    if (v == null) {
      unknown.add(noun);
    } else if (v) {
      held.add(noun);
    }
  }
}
