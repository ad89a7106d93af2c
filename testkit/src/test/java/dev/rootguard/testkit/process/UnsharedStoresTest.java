package dev.rootguard.testkit.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.mfa.fido.SecurityKeyStore;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.hardware.YubicoKeyStore;
import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.mfa.totp.TotpCredentialStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness catches a backend that is not shared between processes: with in-memory stores each
 * JVM holds its own state, so each child accepts the round's code once (two acceptances, where a
 * shared store allows one), and a ceremony started in one child is unknown to the other. Each child
 * enrolls the fixtures in its own stores, so the failure is the double acceptance, not a missing
 * credential. The positive side is every real store's subclass (store-jdbc's over PostgreSQL).
 */
class UnsharedStoresTest {

  /** In-memory stores, one set per JVM; enrolls the OTP fixtures for the tag in argument 0. */
  public static final class InMemoryFactory implements SharedStoresFactory {
    /** Instantiated by name in each child. */
    public InMemoryFactory() {}

    @Override
    public SharedStores open(List<String> args, Map<String, String> env, Clock clock, int threads) {
      SharedStores s =
          new SharedStores(
              AttemptLimiter.inMemory(LockoutPolicy.DEFAULT, clock),
              ReplayGuard.inMemory(),
              OtpStateStore.inMemory(),
              TotpCredentialStore.inMemory(),
              CeremonyStore.inMemory(10_000),
              TokenStore.inMemory(),
              YubicoKeyStore.inMemory(),
              SecurityKeyStore.inMemory(),
              () -> {});
      String tag = args.get(0);
      for (String factor : List.of("totp", "hotp", "yubico", "lockout")) {
        CrossProcessFixtures.enroll(
            s, CrossProcessFixtures.principal(tag, factor), CrossProcessFixtures.tag(tag, factor));
      }
      return s;
    }
  }

  /** The OTP contract over per-JVM in-memory stores. */
  static final class UnsharedOtp extends OtpCrossProcessContract {
    @Override
    protected Class<? extends SharedStoresFactory> factory() {
      return InMemoryFactory.class;
    }

    @Override
    protected List<String> factoryArguments() {
      return List.of(tag());
    }

    @Override
    void enrollFixtures(SharedStores stores, String tag) {
      // the factory enrolled them already (in this JVM's own stores)
    }
  }

  /** The FIDO contract over per-JVM in-memory stores. */
  static final class UnsharedFido extends FidoCrossProcessContract {
    @Override
    protected Class<? extends SharedStoresFactory> factory() {
      return InMemoryFactory.class;
    }

    @Override
    protected List<String> factoryArguments() {
      return List.of(tag());
    }
  }

  @Test
  void otpContract_storesNotShared_failsOnTheFirstRoundsDoubleAcceptance() throws Exception {
    UnsharedOtp t = new UnsharedOtp();
    t.startCrossProcessChildren();
    try {
      assertThatThrownBy(
              t::authenticate_sameCodesFromTwoJvms_exactlyOneAcceptancePerRoundAndOneSharedLockout)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("TOTP acceptances in round 0")
          .hasMessageContaining("2");
    } finally {
      t.stopCrossProcessChildren();
    }
  }

  @Test
  void fidoContract_storesNotShared_failsTheHandOver() throws Exception {
    UnsharedFido t = new UnsharedFido();
    t.startCrossProcessChildren();
    try {
      assertThatThrownBy(t::finishRegistration_startedInOtherJvm_registeredOnceThenReplayed)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("fido-rejected");
    } finally {
      t.stopCrossProcessChildren();
    }
  }
}
