package dev.rootguard.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.mfa.AttemptLimiter;
import dev.rootguard.mfa.CeremonyStore;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.LockoutPolicy;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.InMemoryTokenStore;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.mfa.totp.OtpState;
import dev.rootguard.mfa.totp.OtpStateStore;
import dev.rootguard.testkit.store.AttemptLimiterContract;
import dev.rootguard.testkit.store.CeremonyStoreContract;
import dev.rootguard.testkit.store.OtpStateStoreContract;
import dev.rootguard.testkit.store.StoreContract;
import dev.rootguard.testkit.store.TokenStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The contracts catch stores that are wrong in the ways the contracts exist for: check-then-act
 * instead of compare-and-set, a limiter that does not reserve, a batch written piece by piece. Each
 * broken store pauses between its check and its act, so the race is lost every time, not by luck.
 */
class BrokenStoresTest {

  private static void pause() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads, compares, then writes: two callers can both see the expected state. */
  static final class CheckThenActOtpStateStore implements OtpStateStore {
    private final Map<CredentialId, OtpState> states = new ConcurrentHashMap<>();

    @Override
    public OtpState load(CredentialId id) {
      return states.getOrDefault(Objects.requireNonNull(id, "id"), OtpState.NEVER_USED);
    }

    @Override
    public boolean compareAndSet(CredentialId id, OtpState expected, OtpState next) {
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(next, "next");
      if (!load(id).equals(expected)) {
        return false;
      }
      pause();
      states.put(id, next);
      return true;
    }
  }

  /** Counts failures but does not reserve attempts in flight. */
  static final class UnreservedLimiter implements AttemptLimiter {
    private final LockoutPolicy policy;
    private final Clock clock;
    private final Map<Principal, Integer> failures = new ConcurrentHashMap<>();
    private final Map<Principal, Instant> lockedUntil = new ConcurrentHashMap<>();

    UnreservedLimiter(LockoutPolicy policy, Clock clock) {
      this.policy = policy;
      this.clock = clock;
    }

    @Override
    public Optional<Instant> tryAcquire(Principal p) {
      Instant until = lockedUntil.get(Objects.requireNonNull(p, "principal"));
      if (until != null && clock.instant().isBefore(until)) {
        return Optional.of(until);
      }
      pause();
      return Optional.empty();
    }

    @Override
    public void recordSuccess(Principal p) {
      failures.remove(Objects.requireNonNull(p, "principal"));
    }

    @Override
    public void recordFailure(Principal p) {
      if (failures.merge(Objects.requireNonNull(p, "principal"), 1, Integer::sum)
          >= policy.maxConsecutiveFailures()) {
        failures.remove(p);
        lockedUntil.put(p, clock.instant().plus(policy.lockout()));
      }
    }

    @Override
    public void release(Principal p) {
      Objects.requireNonNull(p, "principal");
    }
  }

  /** Takes by reading, then marking used: two callers can both take. */
  static final class CheckThenActCeremonyStore implements CeremonyStore {
    private final Map<String, Ceremony> pending = new ConcurrentHashMap<>();
    private final Map<String, Boolean> used = new ConcurrentHashMap<>();

    @Override
    public boolean put(String id, Ceremony ceremony) {
      return pending.putIfAbsent(CeremonyStore.requireValidId(id), ceremony) == null;
    }

    @Override
    public Taken take(String id, String kind, Instant now) {
      Ceremony c = pending.get(id);
      if (c == null || !c.kind().equals(kind)) {
        return Taken.notTaken(Status.UNKNOWN);
      }
      if (used.containsKey(id)) {
        return Taken.notTaken(Status.USED);
      }
      pause();
      used.put(id, true);
      return Taken.taken(c);
    }

    @Override
    public int purgeExpired(Instant now) {
      return 0;
    }
  }

  /** Adds a batch one token at a time, so a duplicate late in the batch leaves the earlier ones. */
  static final class PiecemealTokenStore implements TokenStore {
    private final InMemoryTokenStore memory = TokenStore.inMemory();

    @Override
    public void add(HardwareToken token) {
      memory.add(token);
    }

    @Override
    public void addAll(Collection<HardwareToken> tokens) {
      tokens.forEach(memory::add);
    }

    @Override
    public Optional<HardwareToken> token(String serial) {
      return memory.token(serial);
    }

    @Override
    public Optional<TokenState> state(String serial) {
      return memory.state(serial);
    }

    @Override
    public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
      return memory.compareAndSet(serial, expected, updated);
    }

    @Override
    public boolean remove(String serial) {
      return memory.remove(serial);
    }

    @Override
    public List<String> serials() {
      return memory.serials();
    }
  }

  @Test
  void totpStateContract_checkThenActStore_raceFails() {
    OtpStateStore broken = new CheckThenActOtpStateStore();
    OtpStateStoreContract contract =
        new OtpStateStoreContract() {
          @Override
          protected OtpStateStore newStore() {
            return broken;
          }

          @Override
          protected int rounds() {
            return StoreContract.MIN_ROUNDS;
          }
        };

    assertThatThrownBy(contract::compareAndSet_racingThreads_exactlyOneWinnerPerRound)
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(contract::compareAndSet_retryLoops_noLostUpdate)
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void limiterContract_limiterWithoutReservations_limitExceeded() {
    AttemptLimiterContract contract =
        new AttemptLimiterContract() {
          @Override
          protected AttemptLimiter newLimiter(LockoutPolicy policy, Clock clock) {
            return new UnreservedLimiter(policy, clock);
          }

          @Override
          protected int rounds() {
            return StoreContract.MIN_ROUNDS;
          }
        };

    assertThatThrownBy(contract::recordFailure_racingThreads_limitNeverExceeded)
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(contract::tryAcquire_budgetReservedInFlight_refusedUntilSettled)
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void ceremonyContract_checkThenActTake_raceFails() {
    CeremonyStoreContract contract =
        new CeremonyStoreContract() {
          @Override
          protected CeremonyStore newStore() {
            return new CheckThenActCeremonyStore();
          }

          @Override
          protected int rounds() {
            return StoreContract.MIN_ROUNDS;
          }
        };

    assertThatThrownBy(contract::take_racingThreads_exactlyOneTakenRestUsed)
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void tokenContract_piecemealBatch_halfWrittenBatchCaught() {
    TokenStoreContract contract =
        new TokenStoreContract() {
          @Override
          protected TokenStore newStore() {
            return new PiecemealTokenStore();
          }
        };

    assertThatThrownBy(contract::addAll_serialAlreadyStored_addsNothing)
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(contract::addAll_serialRepeatedInBatch_addsNothing)
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void anyRace_roundsBelowMinimum_refused() {
    OtpStateStoreContract contract =
        new OtpStateStoreContract() {
          @Override
          protected OtpStateStore newStore() {
            return OtpStateStore.inMemory();
          }

          @Override
          protected int rounds() {
            return StoreContract.MIN_ROUNDS - 1;
          }
        };

    assertThatThrownBy(contract::compareAndSet_racingThreads_exactlyOneWinnerPerRound)
        .isInstanceOf(IllegalStateException.class);
  }
}
