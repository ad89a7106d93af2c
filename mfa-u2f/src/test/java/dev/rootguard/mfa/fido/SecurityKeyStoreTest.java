package dev.rootguard.mfa.fido;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.testsupport.Race;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityKeyStoreTest {
  @TempDir Path dir;

  static SecurityKeyCredential credential(String id, String owner, long count) {
    return new SecurityKeyCredential(
        Principal.of(owner),
        CredentialId.of(id),
        "aGFuZGxl",
        "pQECAyYgASFYIA",
        count,
        UUID.fromString("cb69481e-8ff7-4039-93ec-0a2729a154a8"),
        "YubiKey 5",
        "packed",
        true,
        false,
        false,
        true,
        Set.of("usb", "nfc"),
        false,
        Instant.parse("2026-11-28T10:00:00Z"));
  }

  @Test
  void jsonFile_roundTrip_keepsEverything() {
    Path file = dir.resolve("keys.json");
    JsonFileSecurityKeyStore store = JsonFileSecurityKeyStore.open(file);
    SecurityKeyCredential a = credential("AAAA", "alice", 5);
    assertThat(store.add(a)).isTrue();
    assertThat(store.add(a)).isFalse();
    assertThat(store.add(credential("BBBB", "bob", 0))).isTrue();
    assertThat(store.userHandle(Principal.of("alice"), () -> "aGFuZGxl")).isEqualTo("aGFuZGxl");
    assertThat(store.userHandle(Principal.of("alice"), () -> "other")).isEqualTo("aGFuZGxl");
    assertThat(store.updateSignatureCount(a.id(), 5, 9)).isTrue();
    assertThat(store.updateSignatureCount(a.id(), 5, 10)).isFalse();
    assertThat(store.remove(CredentialId.of("BBBB"))).isTrue();

    JsonFileSecurityKeyStore reopened = JsonFileSecurityKeyStore.open(file);
    assertThat(reopened.find(a.id())).contains(a.withSignatureCount(9));
    assertThat(reopened.find(CredentialId.of("BBBB"))).isEmpty();
    assertThat(reopened.findByPrincipal(Principal.of("alice"))).hasSize(1);
    assertThat(reopened.findPrincipalByUserHandle("aGFuZGxl")).contains(Principal.of("alice"));
  }

  @Test
  void counterCompareAndSet_concurrent_exactlyOneWins() throws Exception {
    List<SecurityKeyStore> stores =
        List.of(
            new InMemorySecurityKeyStore(), JsonFileSecurityKeyStore.open(dir.resolve("cas.json")));
    try (Race race = Race.open(8)) {
      for (SecurityKeyStore store : stores) {
        store.add(credential("AAAA", "alice", 0));
        for (long round = 0; round < 10; round++) {
          long expected = round;
          List<Boolean> fs =
              race.collect(
                  i -> store.updateSignatureCount(CredentialId.of("AAAA"), expected, expected + 1));
          int wins = 0;
          for (Boolean f : fs) {
            wins += f ? 1 : 0;
          }
          assertThat(wins).as("%s round %d", store, round).isEqualTo(1);
        }
        assertThat(store.find(CredentialId.of("AAAA")).orElseThrow().signatureCount())
            .isEqualTo(10);
      }
    }
  }

  @Test
  void userHandle_concurrent_onePerPrincipal() throws Exception {
    Path file = dir.resolve("handles.json");
    List<List<SecurityKeyStore>> setups =
        List.of(
            List.of(SecurityKeyStore.inMemory()),
            List.of(JsonFileSecurityKeyStore.open(file), JsonFileSecurityKeyStore.open(file)));
    for (List<SecurityKeyStore> stores : setups) {
      List<String> fs =
          Race.collect(
              16,
              i ->
                  stores
                      .get(i % stores.size())
                      .userHandle(Principal.of("alice"), () -> "aA" + (char) ('a' + i)));
      String first = fs.get(0);
      for (String f : fs) {
        assertThat(f).as("%s", stores).isEqualTo(first);
      }
      for (SecurityKeyStore store : stores) {
        assertThat(store.findPrincipalByUserHandle(first)).contains(Principal.of("alice"));
      }
    }
  }

  @Test
  void credential_badCounter_rejected() {
    assertThatThrownBy(() -> credential("AAAA", "alice", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> credential("AAAA", "alice", 1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonFile_behindVerifier_survivesRestartAndFailedCeremoniesWriteNothing() throws Exception {
    Path file = dir.resolve("keys.json");
    dev.rootguard.testkit.fido.SoftwareAuthenticator key =
        dev.rootguard.testkit.fido.SoftwareAuthenticator.packed();
    SecurityKeyVerifier first =
        SecurityKeyVerifier.builder("example.com", "Example")
            .credentialStore(JsonFileSecurityKeyStore.open(file))
            .build();
    CeremonyRequest reg = first.startRegistration(Principal.of("alice"));
    assertThat(
            first
                .finishRegistration(
                    reg.requestId(), key.register(reg.optionsJson(), Fixture.ORIGIN))
                .isRegistered())
        .isTrue();

    SecurityKeyVerifier restarted =
        SecurityKeyVerifier.builder("example.com", "Example")
            .credentialStore(JsonFileSecurityKeyStore.open(file))
            .build();
    byte[] before = Files.readAllBytes(file);
    CeremonyRequest bad = restarted.startAuthentication(Principal.of("alice"));
    assertThat(
            restarted
                .finishAuthentication(
                    bad.requestId(),
                    key.authenticate(bad.optionsJson(), Fixture.ORIGIN, o -> o.tamperSignature()))
                .isAccepted())
        .isFalse();
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    CeremonyRequest good = restarted.startAuthentication(Principal.of("alice"));
    assertThat(
            restarted
                .finishAuthentication(
                    good.requestId(), key.authenticate(good.optionsJson(), Fixture.ORIGIN))
                .isAccepted())
        .isTrue();
    assertThat(
            JsonFileSecurityKeyStore.open(file)
                .findByPrincipal(Principal.of("alice"))
                .get(0)
                .signatureCount())
        .isEqualTo(3);
  }
}
