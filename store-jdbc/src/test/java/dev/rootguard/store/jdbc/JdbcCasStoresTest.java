package dev.rootguard.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.ReplayGuard;
import dev.rootguard.mfa.totp.TotpState;
import dev.rootguard.mfa.totp.TotpStateStore;
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
    TotpStateStore states = stores.totpStates();
    CredentialId id = fresh();
    for (int round = 0; round < 200; round++) {
      TotpState expected = states.load(id);
      List<Boolean> r =
          Race.collect(
              16,
              i ->
                  states.compareAndSet(
                      id, expected, new TotpState(expected.lastStep() + 1 + i, i % 3)));

      assertThat(r).filteredOn(b -> b).hasSize(1);
    }
  }

  @Test
  void compareAndSet_staleExpected_refusedAndStateKept() {
    TotpStateStore states = stores.totpStates();
    CredentialId id = fresh();

    assertThat(states.load(id)).isEqualTo(TotpState.NEVER_USED);
    assertThat(states.compareAndSet(id, TotpState.NEVER_USED, new TotpState(100, 1))).isTrue();
    assertThat(states.compareAndSet(id, TotpState.NEVER_USED, new TotpState(200, 0))).isFalse();
    assertThat(states.compareAndSet(id, new TotpState(100, 0), new TotpState(200, 0))).isFalse();
    assertThat(states.load(id)).isEqualTo(new TotpState(100, 1));
    assertThat(states.compareAndSet(id, new TotpState(100, 1), new TotpState(101, -1))).isTrue();
    assertThat(states.load(id)).isEqualTo(new TotpState(101, -1));
  }

  @Test
  void compareAndSet_noRowButExpectedUsed_refused() {
    TotpStateStore states = stores.totpStates();
    CredentialId id = fresh();

    assertThat(states.compareAndSet(id, new TotpState(5, 0), new TotpState(6, 0))).isFalse();
    assertThat(states.load(id)).isEqualTo(TotpState.NEVER_USED);
  }

  @Test
  void compareAndSet_sixteenThreadsIncrementing_noLostUpdate() throws Exception {
    TotpStateStore states = stores.totpStates();
    CredentialId id = fresh();
    Race.collect(
        16,
        i -> {
          for (int k = 0; k < 25; k++) {
            while (true) {
              TotpState s = states.load(id);
              long next = s.isNeverUsed() ? 1 : s.lastStep() + 1;
              if (states.compareAndSet(id, s, new TotpState(next, 0))) {
                break;
              }
            }
          }
          return null;
        });

    assertThat(states.load(id).lastStep()).isEqualTo(16 * 25);
  }
}
