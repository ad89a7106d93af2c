package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.CeremonyStore.Ceremony;
import dev.rootguard.mfa.CeremonyStore.Status;
import dev.rootguard.testsupport.Race;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryCeremonyStoreTest {
  private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");
  private final Principal alice = Principal.of("alice");
  private final String id = "AAAAAAAAAAAAAAAAAAAAAAAA";

  private Ceremony ceremony(Instant expires) {
    return new Ceremony("authentication", alice, expires, "{\"challenge\":\"x\"}");
  }

  @Test
  void take_onceThenUsed() {
    CeremonyStore s = CeremonyStore.inMemory(10);
    assertThat(s.put(id, ceremony(T0.plusSeconds(60)))).isTrue();
    CeremonyStore.Taken t = s.take(id, "authentication", T0);
    assertThat(t.status()).isEqualTo(Status.TAKEN);
    assertThat(t.ceremony().orElseThrow().payload()).isEqualTo("{\"challenge\":\"x\"}");
    assertThat(s.take(id, "authentication", T0).status()).isEqualTo(Status.USED);
  }

  @Test
  void take_atExpiry_expired() {
    CeremonyStore s = CeremonyStore.inMemory(10);
    s.put(id, ceremony(T0.plusSeconds(60)));
    assertThat(s.take(id, "authentication", T0.plusSeconds(60)).status()).isEqualTo(Status.EXPIRED);
  }

  @Test
  void take_otherKindOrUnknownId_unknown() {
    CeremonyStore s = CeremonyStore.inMemory(10);
    s.put(id, ceremony(T0.plusSeconds(60)));
    assertThat(s.take(id, "registration", T0).status()).isEqualTo(Status.UNKNOWN);
    assertThat(s.take("BBBBBBBBBBBBBBBBBBBBBBBB", "authentication", T0).status())
        .isEqualTo(Status.UNKNOWN);
    assertThat(s.take(id, "authentication", T0).status()).isEqualTo(Status.TAKEN);
  }

  @Test
  void put_sameIdTwice_neverReplaces() {
    CeremonyStore s = CeremonyStore.inMemory(10);
    assertThat(s.put(id, ceremony(T0.plusSeconds(60)))).isTrue();
    assertThat(s.put(id, new Ceremony("authentication", alice, T0.plusSeconds(60), "other")))
        .isFalse();
    assertThat(s.take(id, "authentication", T0).ceremony().orElseThrow().payload())
        .contains("challenge");
  }

  @Test
  void put_badId_rejected() {
    CeremonyStore s = CeremonyStore.inMemory(10);
    assertThatThrownBy(() -> s.put("short", ceremony(T0))).hasMessageStartingWith("id:");
    assertThatThrownBy(() -> s.put("AAAAAAAAAAAAAAAAAAAAAAA.", ceremony(T0)))
        .hasMessageStartingWith("id:");
  }

  @Test
  void put_full_dropsTombstonesThenRefuses() {
    CeremonyStore s = CeremonyStore.inMemory(2);
    s.put(id, ceremony(T0.plusSeconds(60)));
    s.put("CCCCCCCCCCCCCCCCCCCCCCCC", ceremony(T0.plusSeconds(60)));
    s.take(id, "authentication", T0);
    assertThat(s.put("DDDDDDDDDDDDDDDDDDDDDDDD", ceremony(T0.plusSeconds(60)))).isTrue();
    assertThatThrownBy(() -> s.put("EEEEEEEEEEEEEEEEEEEEEEEE", ceremony(T0.plusSeconds(60))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void purgeExpired_removesOnlyExpired() {
    CeremonyStore s = CeremonyStore.inMemory(10);
    s.put(id, ceremony(T0.plusSeconds(10)));
    s.put("CCCCCCCCCCCCCCCCCCCCCCCC", ceremony(T0.plusSeconds(100)));
    assertThat(s.purgeExpired(T0.plusSeconds(50))).isEqualTo(1);
    assertThat(s.take("CCCCCCCCCCCCCCCCCCCCCCCC", "authentication", T0.plusSeconds(50)).status())
        .isEqualTo(Status.TAKEN);
  }

  @Test
  void take_16ThreadsRacing_exactlyOneTaken() throws Exception {
    try (Race race = Race.open(16)) {
      for (int round = 0; round < 300; round++) {
        CeremonyStore s = CeremonyStore.inMemory(10);
        s.put(id, ceremony(T0.plusSeconds(60)));
        List<Status> fs = race.collect(t -> s.take(id, "authentication", T0).status());
        int taken = 0;
        for (Status st : fs) {
          if (st == Status.TAKEN) {
            taken++;
          } else {
            assertThat(st).isEqualTo(Status.USED);
          }
        }
        assertThat(taken).as("round %d", round).isEqualTo(1);
      }
    }
  }

  @Test
  void ceremonyToString_hidesPayload() {
    assertThat(ceremony(T0).toString()).doesNotContain("challenge");
  }
}
