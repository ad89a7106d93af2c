package dev.rootguard.mfa.fido.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.CounterPolicy;
import dev.rootguard.mfa.fido.InMemorySecurityKeyStore;
import dev.rootguard.mfa.fido.SecurityKeyCredential;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** §7.2 step 21 on its own: the compare-and-set counter update and what a regression means. */
class SignatureCounterTest {
  private final InMemorySecurityKeyStore store = new InMemorySecurityKeyStore();

  private SecurityKeyCredential stored(long count) {
    SecurityKeyCredential c =
        new SecurityKeyCredential(
            Principal.of("alice"),
            CredentialId.of("AAEC"),
            "aGFuZGxl",
            "cHVibGlj",
            count,
            new UUID(0, 0),
            "",
            "none",
            false,
            false,
            false,
            false,
            Set.of("usb"),
            false,
            Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(store.add(c)).isTrue();
    return c;
  }

  private long count() {
    return store.find(CredentialId.of("AAEC")).orElseThrow().signatureCount();
  }

  @Test
  void higher_isStored() {
    SignatureCounter.Update u =
        new SignatureCounter(store, CounterPolicy.REJECT).update(stored(4), 5);
    assertThat(u.status()).isEqualTo(SignatureCounter.Status.ADVANCED);
    assertThat(count()).isEqualTo(5);
  }

  @Test
  void equalOrLower_underReject_possibleCloneAndNothingStored() {
    SecurityKeyCredential c = stored(4);
    SignatureCounter step = new SignatureCounter(store, CounterPolicy.REJECT);
    assertThat(step.update(c, 4).status()).isEqualTo(SignatureCounter.Status.POSSIBLE_CLONE);
    assertThat(step.update(c, 3).status()).isEqualTo(SignatureCounter.Status.POSSIBLE_CLONE);
    assertThat(step.update(c, 0).status()).isEqualTo(SignatureCounter.Status.POSSIBLE_CLONE);
    assertThat(count()).isEqualTo(4);
  }

  @Test
  void lower_underWarn_acceptedAndNothingStored() {
    SignatureCounter.Update u =
        new SignatureCounter(store, CounterPolicy.WARN).update(stored(4), 2);
    assertThat(u.status()).isEqualTo(SignatureCounter.Status.REGRESSED_ACCEPTED);
    assertThat(u.credential().signatureCount()).isEqualTo(4);
    assertThat(count()).isEqualTo(4);
  }

  @Test
  void zeroAndZero_noCounterKept_accepted() {
    SignatureCounter.Update u =
        new SignatureCounter(store, CounterPolicy.REJECT).update(stored(0), 0);
    assertThat(u.status()).isEqualTo(SignatureCounter.Status.ADVANCED);
    assertThat(count()).isZero();
  }

  @Test
  void staleRead_retriedWithTheStoredValue() {
    SecurityKeyCredential stale = stored(1);
    assertThat(store.updateSignatureCount(stale.id(), 1, 5)).isTrue(); // another server
    SignatureCounter step = new SignatureCounter(store, CounterPolicy.REJECT);
    SignatureCounter.Update up = step.update(stale, 7);
    assertThat(up.status()).isEqualTo(SignatureCounter.Status.ADVANCED);
    assertThat(up.credential().signatureCount()).isEqualTo(5); // as read before the write
    assertThat(count()).isEqualTo(7);
    SignatureCounter.Update down = step.update(stale, 6);
    assertThat(down.status()).isEqualTo(SignatureCounter.Status.POSSIBLE_CLONE);
    assertThat(count()).isEqualTo(7);
  }

  @Test
  void removedMeanwhile_credentialGone() {
    SecurityKeyCredential c = stored(1);
    assertThat(store.remove(c.id())).isTrue();
    SignatureCounter.Update u = new SignatureCounter(store, CounterPolicy.REJECT).update(c, 2);
    assertThat(u.status()).isEqualTo(SignatureCounter.Status.CREDENTIAL_GONE);
  }
}
