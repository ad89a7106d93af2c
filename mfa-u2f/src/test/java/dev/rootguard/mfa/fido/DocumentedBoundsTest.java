package dev.rootguard.mfa.fido;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Factor;
import dev.rootguard.mfa.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The limits the public Javadoc promises, tested at both edges (the last value accepted and the
 * first refused), and the in-memory store's add/remove answers.
 */
class DocumentedBoundsTest {

  private static SecurityKeyVerifier.Builder builder() {
    return SecurityKeyVerifier.builder("example.com", "Example");
  }

  private static SecurityKeyCredential credential(
      String id, long count, boolean backupEligible, Instant at) {
    return new SecurityKeyCredential(
        Principal.of("alice"),
        CredentialId.of(id),
        "aGFuZGxl",
        "pQECAyYgASFYIA",
        count,
        UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8"),
        "YubiKey 5",
        "packed",
        true,
        backupEligible,
        false,
        true,
        Set.of("usb"),
        false,
        at);
  }

  private static SecurityKeyCredential credential(String id, long count) {
    return credential(id, count, false, Instant.parse("2026-11-28T10:00:00Z"));
  }

  @Test
  void requestTimeout_oneSecondToOneHour() {
    assertThat(builder().requestTimeout(Duration.ofSeconds(1)).build()).isNotNull();
    assertThat(builder().requestTimeout(Duration.ofHours(1)).build()).isNotNull();
    assertThatThrownBy(() -> builder().requestTimeout(Duration.ofMillis(999)))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("requestTimeout");
    assertThatThrownBy(() -> builder().requestTimeout(Duration.ofHours(1).plusNanos(1)))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo("requestTimeout");
  }

  @Test
  void maxPendingRequests_oneToTenMillion() {
    assertThat(builder().maxPendingRequests(1).build()).isNotNull();
    assertThat(builder().maxPendingRequests(10_000_000).build()).isNotNull();
    for (int bad : new int[] {0, 10_000_001}) {
      assertThatThrownBy(() -> builder().maxPendingRequests(bad))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("maxPendingRequests");
    }
  }

  @Test
  void maxPendingRequests_one_secondPendingRequestRefused() {
    SecurityKeyVerifier v = builder().maxPendingRequests(1).build();
    v.startRegistration(Principal.of("alice"));
    assertThatThrownBy(() -> v.startRegistration(Principal.of("bob")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void origins_schemeHostAndPortOnly() {
    assertThat(builder().origins(Set.of("https://example.com:8443")).build().origins())
        .containsExactly("https://example.com:8443");
    for (String bad :
        List.of(
            "https://example.com/login", "https://example.com?x=1", "example.com", "https://")) {
      assertThatThrownBy(() -> builder().origins(Set.of(bad)))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("origins");
    }
  }

  @Test
  void signatureCount_zeroTo2Pow32Minus1() {
    assertThat(credential("AAAA", 0).signatureCount()).isZero();
    assertThat(credential("AAAA", 0xffffffffL).signatureCount()).isEqualTo(0xffffffffL);
    assertThatThrownBy(() -> credential("AAAA", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> credential("AAAA", 0x1_0000_0000L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(credential("AAAA", 3).withSignatureCount(0xffffffffL).signatureCount())
        .isEqualTo(0xffffffffL);
  }

  @Test
  void factor_backupEligibleIsAPasskey_otherwiseASecurityKey() {
    Instant at = Instant.parse("2026-11-28T10:00:00Z");
    assertThat(credential("AAAA", 0, true, at).factor()).isEqualTo(Factor.PASSKEY);
    assertThat(credential("AAAA", 0, false, at).factor()).isEqualTo(Factor.SECURITY_KEY);
  }

  @Test
  void inMemoryStore_addOncePerId_removeOnce_listsByRegistrationTime() {
    InMemorySecurityKeyStore store = new InMemorySecurityKeyStore();
    SecurityKeyCredential later =
        credential("BBBB", 0, false, Instant.parse("2026-12-01T00:00:00Z"));
    SecurityKeyCredential earlier =
        credential("AAAA", 0, false, Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(store.add(later)).isTrue();
    assertThat(store.add(credential("BBBB", 9))).as("same id again").isFalse();
    assertThat(store.find(CredentialId.of("BBBB")).orElseThrow().signatureCount()).isZero();
    assertThat(store.add(earlier)).isTrue();
    assertThat(store.findByPrincipal(Principal.of("alice")))
        .extracting(SecurityKeyCredential::id)
        .containsExactly(CredentialId.of("AAAA"), CredentialId.of("BBBB"));
    assertThat(store.toString()).isEqualTo("InMemorySecurityKeyStore[2 credentials]");

    assertThat(store.remove(CredentialId.of("AAAA"))).isTrue();
    assertThat(store.remove(CredentialId.of("AAAA"))).as("already gone").isFalse();
    assertThat(store.find(CredentialId.of("AAAA"))).isEmpty();
  }
}
