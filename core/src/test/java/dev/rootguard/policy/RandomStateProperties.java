package dev.rootguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.IamPasswordPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random partial facts: every control decides without throwing and never guesses a PASS. */
class RandomStateProperties {
  static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
  static final Source S = Source.of("test", NOW);
  static final RootSecurityPolicy ALL = RootSecurityPolicy.builder().enableAll().build();

  @Property(tries = 300)
  void everyControlDecides_andRendersInEveryFormatAndLanguage(
      @ForAll("states") RootAccountState s) {
    Assessment a = ALL.evaluate(s);
    assertThat(a.findings()).hasSize(Control.values().length);
    for (Assessment.Format f : Assessment.Format.values()) {
      for (Locale l : new Locale[] {Locale.ENGLISH, Locale.JAPANESE}) {
        assertThat(a.render(f, l, true)).isNotBlank();
      }
    }
    assertThat(a.score()).isBetween(0, 100);
  }

  @Property(tries = 300)
  void unknownFactsNeverPass(@ForAll("states") RootAccountState s) {
    Assessment a = ALL.evaluate(s);
    if (!s.mfaEnabled().isKnown() && !s.mfaDevices().isKnown()) {
      assertThat(a.finding(Control.ROOT_MFA_ENABLED).orElseThrow().status())
          .isNotEqualTo(Status.PASS);
    }
    if (!s.accessKeysPresent().isKnown()) {
      assertThat(a.finding(Control.ROOT_NO_ACCESS_KEYS).orElseThrow().status())
          .isNotEqualTo(Status.PASS);
    }
    if (!s.signingCertificatesPresent().isKnown()) {
      assertThat(a.finding(Control.ROOT_NO_SIGNING_CERTIFICATES).orElseThrow().status())
          .isEqualTo(Status.UNKNOWN);
    }
    if (!s.passwordPolicy().isKnown()) {
      assertThat(a.finding(Control.IAM_PASSWORD_POLICY).orElseThrow().status())
          .isEqualTo(Status.UNKNOWN);
    }
    if (!s.iamUserAccessToBilling().isKnown()) {
      assertThat(a.finding(Control.IAM_BILLING_ACCESS_ACTIVATED).orElseThrow().status())
          .isEqualTo(Status.MANUAL);
    }
    if (!s.passwordEnabled().isKnown()) {
      assertThat(a.finding(Control.ROOT_PASSWORD_STRONG).orElseThrow().status())
          .isEqualTo(Status.UNKNOWN);
    }
    if (!s.passwordLastUsed().isKnown()
        && !Boolean.FALSE.equals(s.passwordEnabled().value().orElse(null))) {
      assertThat(a.finding(Control.ROOT_NOT_USED_RECENTLY).orElseThrow().status())
          .isIn(Status.UNKNOWN, Status.FAIL);
    }
    if (!s.mfaDevices().isKnown() && !s.virtualMfaSerials().isKnown()) {
      Finding hw = a.finding(Control.ROOT_HARDWARE_MFA).orElseThrow();
      // the one proven PASS: a root user without password, key or MFA (centralized root access)
      boolean noCredentials =
          s.passwordEnabled().value().equals(Optional.of(false))
              && s.accessKeysPresent().value().equals(Optional.of(false))
              && s.mfaEnabled().value().equals(Optional.of(false));
      if (!noCredentials) {
        assertThat(hw.status()).isNotEqualTo(Status.PASS);
      } else {
        assertThat(hw.evidence().key()).isEqualTo("evidence.hwmfa.noCredentials");
      }
    }
  }

  static <T> Arbitrary<Object> fact(Arbitrary<T> values) {
    return Arbitraries.oneOf(
        values.map(v -> (Object) Fact.known(v, S)),
        Arbitraries.just((Object) Fact.<T>unknown("random", S)));
  }

  @Provide
  Arbitrary<RootAccountState> states() {
    Arbitrary<Boolean> bool = Arbitraries.of(true, false);
    Arbitrary<LastUse> lastUse =
        Arbitraries.oneOf(
            Arbitraries.just(LastUse.never()),
            Arbitraries.longs()
                .between(0, 2_000)
                .map(d -> LastUse.at(NOW.minusSeconds(d * 86_400))));
    Arbitrary<List<MfaDevice>> devices =
        Arbitraries.of(
                "arn:aws:iam::123456789012:mfa/phone",
                "arn:aws:iam::123456789012:u2f/root/Key-1",
                "GAHT0001",
                "arn:aws:iam::123456789012:odd/x")
            .map(MfaDevice::fromSerial)
            .list()
            .ofMaxSize(3);
    Arbitrary<List<AccessKey>> keys =
        Combinators.combine(bool, lastUse)
            .as((act, lu) -> new AccessKey("key-1", act, lu, NOW))
            .list()
            .ofMaxSize(2);
    Arbitrary<Optional<IamPasswordPolicy>> pp =
        Arbitraries.integers()
            .between(6, 30)
            .map(
                len ->
                    Optional.of(
                        new IamPasswordPolicy(
                            len, true, true, false, true, true, 0, len % 25, false)));
    Arbitrary<Optional<IamPasswordPolicy>> ppOrDefault =
        Arbitraries.oneOf(pp, Arbitraries.just(Optional.<IamPasswordPolicy>empty()));
    Arbitrary<RootAccountState.OrganizationRole> role =
        Arbitraries.of(RootAccountState.OrganizationRole.class);
    Arbitrary<List<String>> virtual =
        Arbitraries.of("arn:aws:iam::123456789012:mfa/a", "<b>").list().ofMaxSize(2);
    return Combinators.combine(
            List.<Arbitrary<Object>>of(
                fact(bool),
                fact(lastUse),
                fact(bool),
                fact(devices),
                fact(virtual),
                fact(bool),
                fact(keys),
                fact(bool),
                fact(bool),
                fact(ppOrDefault),
                fact(role),
                fact(bool)))
        .as(
            fs -> {
              @SuppressWarnings("unchecked")
              RootAccountState.Builder b =
                  RootAccountState.builder("123456789012")
                      .collectedAt(NOW)
                      .passwordEnabled((Fact<Boolean>) fs.get(0))
                      .passwordLastUsed((Fact<LastUse>) fs.get(1))
                      .mfaEnabled((Fact<Boolean>) fs.get(2))
                      .mfaDevices((Fact<List<MfaDevice>>) fs.get(3))
                      .virtualMfaSerials((Fact<List<String>>) fs.get(4))
                      .accessKeysPresent((Fact<Boolean>) fs.get(5))
                      .accessKeys((Fact<List<AccessKey>>) fs.get(6))
                      .signingCertificatesPresent((Fact<Boolean>) fs.get(7))
                      .iamUserAccessToBilling((Fact<Boolean>) fs.get(8))
                      .passwordPolicy((Fact<Optional<IamPasswordPolicy>>) fs.get(9))
                      .organizationRole((Fact<RootAccountState.OrganizationRole>) fs.get(10))
                      .centralRootCredentialsManagement((Fact<Boolean>) fs.get(11));
              return b.build();
            });
  }
}
