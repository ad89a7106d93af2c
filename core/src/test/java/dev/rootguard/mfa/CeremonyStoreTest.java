package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CeremonyStore.Ceremony;
import dev.rootguard.mfa.CeremonyStore.Status;
import dev.rootguard.mfa.CeremonyStore.Taken;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The documented bounds of ceremony ids, kinds and the in-memory store. */
class CeremonyStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");
  private final Principal alice = Principal.of("alice");

  private Ceremony ceremony() {
    return new Ceremony("authentication", alice, T0.plusSeconds(60), "{\"challenge\":\"x\"}");
  }

  @Test
  void requireValidId_lengthBounds16And128() {
    assertThat(CeremonyStore.requireValidId("a".repeat(16))).isEqualTo("a".repeat(16));
    assertThat(CeremonyStore.requireValidId("a".repeat(128))).isEqualTo("a".repeat(128));
    assertThatThrownBy(() -> CeremonyStore.requireValidId("a".repeat(15)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("id:");
    assertThatThrownBy(() -> CeremonyStore.requireValidId("a".repeat(129)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("id:");
  }

  @ParameterizedTest
  @ValueSource(chars = {'A', 'Z', 'a', 'z', '0', '9', '_', '-'})
  void requireValidId_edgesOfEachAllowedRange_accepted(char c) {
    String id = "x".repeat(15) + c;

    assertThat(CeremonyStore.requireValidId(id)).isEqualTo(id);
  }

  @ParameterizedTest
  // the neighbours of each allowed range in ASCII, plus a few usual suspects
  @ValueSource(chars = {'@', '[', '`', '{', '/', ':', '.', '+', '=', ' ', 'é'})
  void requireValidId_neighboursOfTheAllowedRanges_refused(char c) {
    String id = "x".repeat(15) + c;

    assertThatThrownBy(() -> CeremonyStore.requireValidId(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("id:");
  }

  @Test
  void ceremony_kindLength1To32() {
    assertThat(new Ceremony("k".repeat(32), alice, T0, "").kind()).hasSize(32);
    assertThat(new Ceremony("k", alice, T0, "").kind()).isEqualTo("k");
    assertThatThrownBy(() -> new Ceremony("k".repeat(33), alice, T0, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("kind:");
    assertThatThrownBy(() -> new Ceremony("", alice, T0, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("kind:");
  }

  @Test
  void ceremony_toStringNamesKindAndPrincipalButNotPayload() {
    assertThat(ceremony().toString())
        .contains("authentication", "alice", T0.plusSeconds(60).toString())
        .doesNotContain("challenge");
  }

  @Test
  void taken_toStringNamesTheStatusOnly() {
    assertThat(Taken.taken(ceremony()).toString()).contains("TAKEN").doesNotContain("challenge");
    assertThat(Taken.notTaken(Status.USED).toString()).contains("USED");
  }

  @Test
  void inMemory_boundOfOne_refusesTheSecondCeremony() {
    CeremonyStore s = CeremonyStore.inMemory(1);
    assertThat(s.put("A".repeat(16), ceremony())).isTrue();

    assertThatThrownBy(() -> s.put("B".repeat(16), ceremony()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(s.take("B".repeat(16), "authentication", T0).status()).isEqualTo(Status.UNKNOWN);
    assertThat(s.toString()).contains("held=1", "max=1");
  }

  @Test
  void inMemory_boundRange1To10Million() {
    assertThat(CeremonyStore.inMemory(1)).isNotNull();
    assertThat(CeremonyStore.inMemory(10_000_000).toString()).contains("max=10000000");
    assertThatThrownBy(() -> CeremonyStore.inMemory(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxHeld:");
    assertThatThrownBy(() -> CeremonyStore.inMemory(10_000_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxHeld:");
  }
}
