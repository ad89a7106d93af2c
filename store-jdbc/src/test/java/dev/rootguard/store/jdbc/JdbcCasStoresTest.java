package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.testsupport.Race;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The replay guard and the TOTP state store: single-statement compare-and-set. */
class JdbcCasStoresTest {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  private final JdbcStores stores =
      JdbcStores.builder(PG.dataSource(), Fixtures.sealer("k1", 1)).build();

  private static CredentialId fresh() {
    return CredentialId.of("cred-" + UUID.randomUUID());
  }

  @Test
  void tryAccept_sameSequenceSixteenThreads_exactlyOneWinnerEveryRound() throws Exception {
    ReplayGuard guard = stores.replayGuard();
    CredentialId id = fresh();
    for (long round = 1; round <= 200; round++) {
      long seq = round;
      List<Boolean> r = Race.collect(16, i -> guard.tryAccept(id, seq));

      assertThat(r).filteredOn(b -> b).hasSize(1);
    }
    assertThat(guard.lastAccepted(id)).hasValue(200);
  }

  @Test
  void tryAccept_olderOrEqualSequence_refused() {
    ReplayGuard guard = stores.replayGuard();
    CredentialId id = fresh();

    assertThat(guard.lastAccepted(id)).isEmpty();
    assertThat(guard.tryAccept(id, 10)).isTrue();
    assertThat(guard.tryAccept(id, 10)).isFalse();
    assertThat(guard.tryAccept(id, 9)).isFalse();
    assertThat(guard.tryAccept(id, 11)).isTrue();
    assertThat(guard.tryAccept(id, Long.MIN_VALUE)).isFalse();
  }

  @Test
  void compareAndSet_sixteenThreadsSameExpected_exactlyOneWinnerEveryRound() throws Exception {
    OtpStateStore states = stores.totpStates();
    CredentialId id = fresh();
    for (int round = 0; round < 200; round++) {
      OtpState expected = states.load(id);
      List<Boolean> r =
          Race.collect(
              16,
              i ->
                  states.compareAndSet(
                      id, expected, new OtpState(expected.lastStep() + 1 + i, i % 3)));

      assertThat(r).filteredOn(b -> b).hasSize(1);
    }
  }

  @Test
  void compareAndSet_staleExpected_refusedAndStateKept() {
    OtpStateStore states = stores.totpStates();
    CredentialId id = fresh();

    assertThat(states.load(id)).isEqualTo(OtpState.NEVER_USED);
    assertThat(states.compareAndSet(id, OtpState.NEVER_USED, new OtpState(100, 1))).isTrue();
    assertThat(states.compareAndSet(id, OtpState.NEVER_USED, new OtpState(200, 0))).isFalse();
    assertThat(states.compareAndSet(id, new OtpState(100, 0), new OtpState(200, 0))).isFalse();
    assertThat(states.load(id)).isEqualTo(new OtpState(100, 1));
    assertThat(states.compareAndSet(id, new OtpState(100, 1), new OtpState(101, -1))).isTrue();
    assertThat(states.load(id)).isEqualTo(new OtpState(101, -1));
  }

  @Test
  void compareAndSet_noRowButExpectedUsed_refused() {
    OtpStateStore states = stores.totpStates();
    CredentialId id = fresh();

    assertThat(states.compareAndSet(id, new OtpState(5, 0), new OtpState(6, 0))).isFalse();
    assertThat(states.load(id)).isEqualTo(OtpState.NEVER_USED);
  }

  @Test
  void compareAndSet_sixteenThreadsIncrementing_noLostUpdate() throws Exception {
    OtpStateStore states = stores.totpStates();
    CredentialId id = fresh();
    Race.collect(
        16,
        i -> {
          for (int k = 0; k < 25; k++) {
            while (true) {
              OtpState s = states.load(id);
              long next = s.isNeverUsed() ? 1 : s.lastStep() + 1;
              if (states.compareAndSet(id, s, new OtpState(next, 0))) {
                break;
              }
            }
          }
          return null;
        });

    assertThat(states.load(id).lastStep()).isEqualTo(16 * 25);
  }
}
