package dev.rootguard.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.TokenStore;
import dev.rootguard.testsupport.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TokenStore} must pass: tokens come back whole (seed and settings, after
 * a reopen too), {@link TokenStore#addAll} is all or nothing (a serial already stored or repeated
 * in the batch adds nothing, also when {@value #THREADS} batches race), {@link
 * TokenStore#compareAndSet} is atomic by version (one winner per round, no lost update), and seeds
 * never show in {@code toString}.
 *
 * <pre>{@code
 * class MyTokenStoreTest extends TokenStoreContract {
 *   @Override protected TokenStore newStore() { return new MyTokenStore(dataSource, sealer); }
 * }
 * }</pre>
 *
 * <p>A new instance per test method (JUnit's default); not thread-safe.
 *
 * @since 0.2.0
 */
public abstract class TokenStoreContract extends StoreContract {

  /** Creates the contract; for subclasses. */
  protected TokenStoreContract() {}

  /**
   * Returns a store under test. Each call may return a new store or one sharing data with earlier
   * calls; the tests use fresh random serials.
   *
   * @return the store
   */
  protected abstract TokenStore newStore();

  /**
   * Returns a second store over the same data as {@code store} (a new connection, a re-read file),
   * to check that tokens and states are kept. Default: {@code store} itself, right for an in-memory
   * store.
   *
   * @param store a store from {@link #newStore()}
   * @return a store reading the same data
   */
  protected TokenStore reopen(TokenStore store) {
    return store;
  }

  /** Checks every field of {@code actual} against {@code expected}, the seed included. */
  static void assertSameToken(HardwareToken actual, HardwareToken expected) {
    assertThat(actual.serial()).isEqualTo(expected.serial());
    assertThat(actual.keyId()).isEqualTo(expected.keyId());
    assertThat(actual.manufacturer()).isEqualTo(expected.manufacturer());
    assertThat(actual.issuer()).isEqualTo(expected.issuer());
    assertThat(actual.type()).isEqualTo(expected.type());
    assertThat(actual.algorithm()).isEqualTo(expected.algorithm());
    assertThat(actual.digits()).isEqualTo(expected.digits());
    assertThat(actual.timeStep()).isEqualTo(expected.timeStep());
    assertThat(actual.t0()).isEqualTo(expected.t0());
    assertThat(actual.counter()).isEqualTo(expected.counter());
    assertThat(actual.timeDrift()).isEqualTo(expected.timeDrift());
    assertThat(actual.validFrom()).isEqualTo(expected.validFrom());
    assertThat(actual.validUntil()).isEqualTo(expected.validUntil());
    assertThat(actual.revealSecret()).as("seed").isEqualTo(expected.revealSecret());
    assertThat(actual.sameSecretAs(expected)).as("sameSecretAs").isTrue();
  }

  private static List<String> mine(TokenStore store, List<String> serials) {
    List<String> out = new ArrayList<>(store.serials());
    out.retainAll(serials);
    return out;
  }

  /** A new token is stored whole, with a fresh state whose drift is the vendor's. */
  @Test
  public void add_newToken_storedWholeWithFreshState() {
    TokenStore store = newStore();
    HardwareToken totp = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    HardwareToken hotp = StoreFixtures.hotpToken(StoreFixtures.tokenSerial());

    store.add(totp);
    store.add(hotp);

    TokenStore again = reopen(store);
    assertSameToken(again.token(totp.serial()).orElseThrow(), totp);
    assertSameToken(again.token(hotp.serial()).orElseThrow(), hotp);
    TokenState s = again.state(totp.serial()).orElseThrow();
    assertThat(s.owner()).isEmpty();
    assertThat(s.disabled()).isFalse();
    assertThat(s.driftSteps()).isEqualTo(totp.timeDrift());
    assertThat(s.lastSequence()).isEmpty();
  }

  /** An unknown serial has neither token nor state. */
  @Test
  public void tokenAndState_unknownSerial_empty() {
    TokenStore store = newStore();
    String serial = StoreFixtures.tokenSerial();

    assertThat(store.token(serial)).isEmpty();
    assertThat(store.state(serial)).isEmpty();
  }

  /** Adding a serial twice fails naming field {@code serial}, and the first seed stays. */
  @Test
  public void add_duplicateSerial_throwsAndKeepsFirst() {
    TokenStore store = newStore();
    String serial = StoreFixtures.tokenSerial();
    HardwareToken first = StoreFixtures.totpToken(serial);
    store.add(first);

    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class, () -> store.add(StoreFixtures.totpToken(serial)));

    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("serial");
    assertSameToken(reopen(store).token(serial).orElseThrow(), first);
  }

  /** A batch of new tokens is added whole. */
  @Test
  public void addAll_newTokens_allAdded() {
    TokenStore store = newStore();
    List<HardwareToken> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(StoreFixtures.totpToken(StoreFixtures.tokenSerial()));
    }
    List<String> serials = batch.stream().map(HardwareToken::serial).sorted().toList();

    store.addAll(batch);

    TokenStore again = reopen(store);
    assertThat(mine(again, serials)).containsExactlyElementsOf(serials);
    for (HardwareToken t : batch) {
      assertSameToken(again.token(t.serial()).orElseThrow(), t);
    }
  }

  /** A batch holding a serial already stored adds nothing and names field {@code serial}. */
  @Test
  public void addAll_serialAlreadyStored_addsNothing() {
    TokenStore store = newStore();
    HardwareToken existing = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    store.add(existing);
    HardwareToken a = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    HardwareToken b = StoreFixtures.hotpToken(StoreFixtures.tokenSerial());
    HardwareToken dup = StoreFixtures.totpToken(existing.serial());

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> store.addAll(List.of(a, b, dup)));

    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("serial");
    TokenStore again = reopen(store);
    assertThat(again.token(a.serial())).isEmpty();
    assertThat(again.token(b.serial())).isEmpty();
    assertSameToken(again.token(existing.serial()).orElseThrow(), existing);
  }

  /** A batch naming one serial twice adds nothing and names field {@code serial}. */
  @Test
  public void addAll_serialRepeatedInBatch_addsNothing() {
    TokenStore store = newStore();
    String serial = StoreFixtures.tokenSerial();
    HardwareToken other = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    List<HardwareToken> batch =
        List.of(StoreFixtures.totpToken(serial), other, StoreFixtures.hotpToken(serial));

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> store.addAll(batch));

    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("serial");
    assertThat(reopen(store).token(serial)).isEmpty();
    assertThat(reopen(store).token(other.serial())).isEmpty();
  }

  /**
   * {@value #THREADS} threads each add a batch of three tokens at once, all batches sharing one
   * serial: exactly one batch is added, whole, and nothing of the others. Repeated for a tenth of
   * {@link #rounds()} rounds.
   */
  @Test
  public void addAll_racingOverlappingBatches_exactlyOneWholeBatch() {
    TokenStore store = newStore();
    int rounds = Math.max(10, checkedRounds() / 10);
    String[] shared = new String[rounds];
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < rounds * THREADS; i++) {
      batches.add(List.of(StoreFixtures.tokenSerial(), StoreFixtures.tokenSerial()));
    }
    AtomicInteger[] winner = new AtomicInteger[rounds];

    int[] winners =
        Race.rounds(
            THREADS,
            rounds,
            r -> {
              shared[r] = StoreFixtures.tokenSerial();
              winner[r] = new AtomicInteger(-1);
            },
            (r, t) -> {
              List<String> own = batches.get(r * THREADS + t);
              List<HardwareToken> batch =
                  List.of(
                      StoreFixtures.totpToken(own.get(0)),
                      StoreFixtures.totpToken(shared[r]),
                      StoreFixtures.hotpToken(own.get(1)));
              try {
                store.addAll(batch);
                winner[r].set(t);
                return true;
              } catch (InvalidInputException e) {
                return false;
              }
            });

    assertThat(Race.roundsWithoutOneWinner(winners))
        .as("rounds without exactly one batch")
        .isEmpty();
    List<String> wrong = new ArrayList<>();
    for (int r = 0; r < rounds && wrong.size() < 10; r++) {
      for (int t = 0; t < THREADS; t++) {
        boolean expected = winner[r].get() == t;
        for (String s : batches.get(r * THREADS + t)) {
          if (store.token(s).isPresent() != expected) {
            wrong.add("round " + r + " thread " + t + ": " + s);
          }
        }
      }
    }
    assertThat(wrong)
        .as("tokens of a losing batch stored, or of the winning batch missing")
        .isEmpty();
  }

  /** A compare-and-set with the current version stores the change with the next version. */
  @Test
  public void compareAndSet_currentVersion_storesWithNextVersion() {
    TokenStore store = newStore();
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    store.add(t);
    TokenState s0 = store.state(t.serial()).orElseThrow();
    Principal alice = StoreFixtures.principal();

    assertThat(store.compareAndSet(t.serial(), s0, s0.withAccepted(49_000_000L, -1))).isTrue();
    TokenState s1 = reopen(store).state(t.serial()).orElseThrow();
    assertThat(store.compareAndSet(t.serial(), s1, s1.withOwner(alice).withDisabled(true)))
        .isTrue();

    TokenState s2 = reopen(store).state(t.serial()).orElseThrow();
    assertThat(s1.version()).isEqualTo(s0.version() + 1);
    assertThat(s1.lastSequence()).isEqualTo(OptionalLong.of(49_000_000L));
    assertThat(s1.driftSteps()).isEqualTo(-1);
    assertThat(s2.version()).isEqualTo(s0.version() + 2);
    assertThat(s2.owner()).contains(alice);
    assertThat(s2.disabled()).isTrue();
    assertThat(s2.lastSequence()).isEqualTo(OptionalLong.of(49_000_000L));
  }

  /** A compare-and-set with a stale version, or on an unknown serial, changes nothing. */
  @Test
  public void compareAndSet_staleVersionOrUnknownSerial_refused() {
    TokenStore store = newStore();
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    store.add(t);
    TokenState s0 = store.state(t.serial()).orElseThrow();
    assertThat(store.compareAndSet(t.serial(), s0, s0.withAccepted(10, 0))).isTrue();
    TokenState s1 = store.state(t.serial()).orElseThrow();

    assertThat(store.compareAndSet(t.serial(), s0, s0.withAccepted(5, 0))).isFalse();
    assertThat(store.compareAndSet(StoreFixtures.tokenSerial(), s0, s0.withAccepted(5, 0)))
        .isFalse();
    assertThat(reopen(store).state(t.serial())).contains(s1);
  }

  /**
   * {@value #THREADS} threads submit the same compare-and-set at once, each with its own accepted
   * sequence, for {@link #rounds()} rounds: exactly one wins each round and its sequence is stored.
   */
  @Test
  public void compareAndSet_racingThreads_exactlyOneWinnerPerRound() {
    TokenStore store = newStore();
    HardwareToken t = StoreFixtures.hotpToken(StoreFixtures.tokenSerial());
    store.add(t);
    AtomicReference<TokenState> expected = new AtomicReference<>();
    long[] wonSequence = new long[1];
    AtomicReference<String> wrong = new AtomicReference<>();
    int rounds = checkedRounds();

    int[] winners =
        Race.rounds(
            THREADS,
            rounds,
            r -> {
              TokenState now = store.state(t.serial()).orElseThrow();
              if (r > 0 && now.lastSequence().orElse(-1) != wonSequence[0] && wrong.get() == null) {
                wrong.set("after round " + (r - 1) + ": " + now + ", winner " + wonSequence[0]);
              }
              expected.set(now);
            },
            (r, th) -> {
              long seq = (long) r * THREADS + th;
              if (store.compareAndSet(
                  t.serial(), expected.get(), expected.get().withAccepted(seq, 0))) {
                wonSequence[0] = seq;
                return true;
              }
              return false;
            });

    assertThat(Race.roundsWithoutOneWinner(winners))
        .as("rounds without exactly one winner")
        .isEmpty();
    assertThat(wrong.get()).as("state after a round is the winner's").isNull();
  }

  /**
   * {@value #THREADS} threads each bump the sequence with read/compare-and-set retry loops: the
   * final sequence and version count every success, so no update was lost.
   */
  @Test
  public void compareAndSet_retryLoops_noLostUpdate() {
    TokenStore store = newStore();
    HardwareToken t = StoreFixtures.hotpToken(StoreFixtures.tokenSerial());
    store.add(t);
    long v0 = store.state(t.serial()).orElseThrow().version();
    int perThread = Math.max(10, checkedRounds() / 10);

    Race.together(
        THREADS,
        th -> {
          for (int i = 0; i < perThread; i++) {
            while (true) {
              TokenState s = store.state(t.serial()).orElseThrow();
              if (store.compareAndSet(
                  t.serial(), s, s.withAccepted(s.lastSequence().orElse(-1) + 1, 0))) {
                break;
              }
            }
          }
        });

    TokenState end = reopen(store).state(t.serial()).orElseThrow();
    assertThat(end.lastSequence()).hasValue((long) THREADS * perThread - 1);
    assertThat(end.version()).isEqualTo(v0 + (long) THREADS * perThread);
  }

  /**
   * Half the threads import batches while the other half bump one token's sequence and one disables
   * it: afterwards every batch is there, the sequence counts every bump and the token is still
   * disabled (an import must not write back stale states).
   */
  @Test
  public void addAll_concurrentWithStateUpdates_neitherLost() {
    TokenStore store = newStore();
    HardwareToken busy = StoreFixtures.hotpToken(StoreFixtures.tokenSerial());
    store.add(busy);
    store.setDisabled(busy.serial(), true);
    int perThread = Math.max(5, checkedRounds() / 50);
    List<List<HardwareToken>> batches = new ArrayList<>();
    for (int i = 0; i < THREADS / 2 * perThread; i++) {
      batches.add(
          List.of(
              StoreFixtures.totpToken(StoreFixtures.tokenSerial()),
              StoreFixtures.hotpToken(StoreFixtures.tokenSerial())));
    }

    Race.together(
        THREADS,
        th -> {
          for (int i = 0; i < perThread; i++) {
            if (th % 2 == 0) {
              store.addAll(batches.get(th / 2 * perThread + i));
            } else {
              while (true) {
                TokenState s = store.state(busy.serial()).orElseThrow();
                if (store.compareAndSet(
                    busy.serial(), s, s.withAccepted(s.lastSequence().orElse(-1) + 1, 0))) {
                  break;
                }
              }
            }
          }
        });

    TokenStore again = reopen(store);
    TokenState end = again.state(busy.serial()).orElseThrow();
    assertThat(end.lastSequence()).hasValue((long) THREADS / 2 * perThread - 1);
    assertThat(end.disabled()).as("still disabled").isTrue();
    List<String> missing = new ArrayList<>();
    for (List<HardwareToken> batch : batches) {
      for (HardwareToken t : batch) {
        if (again.token(t.serial()).isEmpty()) {
          missing.add(t.serial());
        }
      }
    }
    assertThat(missing).as("imported tokens missing").isEmpty();
  }

  /** Assigning and disabling are stored; on an unknown serial they fail naming {@code serial}. */
  @Test
  public void assignAndSetDisabled_storedOrUnknownSerialThrows() {
    TokenStore store = newStore();
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    store.add(t);
    Principal bob = StoreFixtures.principal();

    store.assign(t.serial(), bob);
    store.setDisabled(t.serial(), true);

    TokenState s = reopen(store).state(t.serial()).orElseThrow();
    assertThat(s.owner()).contains(bob);
    assertThat(s.disabled()).isTrue();
    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> store.setDisabled(StoreFixtures.tokenSerial(), true));
    assertThat(e).isNotNull();
    assertThat(e.field()).isEqualTo("serial");
  }

  /** A removed token is gone with its state, and a compare-and-set on it fails. */
  @Test
  public void remove_existing_goneWithState() {
    TokenStore store = newStore();
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    store.add(t);
    TokenState s = store.state(t.serial()).orElseThrow();

    assertThat(store.remove(t.serial())).isTrue();
    assertThat(store.remove(t.serial())).isFalse();
    assertThat(store.compareAndSet(t.serial(), s, s.withDisabled(true))).isFalse();
    TokenStore again = reopen(store);
    assertThat(again.token(t.serial())).isEmpty();
    assertThat(again.state(t.serial())).isEmpty();
    assertThat(again.serials()).doesNotContain(t.serial());
  }

  /** The serials are sorted and hold every added token. */
  @Test
  public void serials_afterAdds_sortedAndComplete() {
    TokenStore store = newStore();
    List<String> added = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
      store.add(t);
      added.add(t.serial());
    }

    List<String> all = reopen(store).serials();

    assertThat(all).isSorted();
    assertThat(mine(store, added)).containsExactlyElementsOf(added.stream().sorted().toList());
  }

  /** Tokens whose validity ended are listed by {@code expiredAt}, sorted; the others not. */
  @Test
  public void expiredAt_pastValidUntil_listsOnlyEndedTokens() {
    TokenStore store = newStore();
    HardwareToken ended = endedToken(Duration.ofDays(1));
    HardwareToken endedToo = endedToken(Duration.ofDays(2));
    HardwareToken valid = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    store.add(ended);
    store.add(endedToo);
    store.add(valid);

    List<String> expired = reopen(store).expiredAt(StoreFixtures.NOW);

    assertThat(expired).contains(ended.serial(), endedToo.serial()).doesNotContain(valid.serial());
    assertThat(expired).isSorted();
  }

  private static HardwareToken endedToken(Duration ago) {
    return StoreFixtures.totpToken(StoreFixtures.tokenSerial()).toBuilder()
        .validFrom(StoreFixtures.NOW.minus(Duration.ofDays(400)))
        .validUntil(StoreFixtures.NOW.minus(ago))
        .build();
  }

  /** Neither the store's nor a token's {@code toString} shows the seed, in hex or Base64. */
  @Test
  public void toString_storeAndToken_neverShowSeed() {
    TokenStore store = newStore();
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    store.add(t);
    byte[] seed = t.revealSecret();
    List<String> forms =
        List.of(
            HexFormat.of().formatHex(seed),
            Base64.getEncoder().encodeToString(seed),
            Base64.getUrlEncoder().withoutPadding().encodeToString(seed));

    Optional<HardwareToken> found = store.token(t.serial());
    for (String shown : List.of(store.toString(), found.orElseThrow().toString())) {
      for (String f : forms) {
        assertThat(shown).doesNotContainIgnoringCase(f);
      }
    }
  }

  /** Null arguments are refused with {@link NullPointerException}. */
  @Test
  public void allMethods_nullArguments_throwNullPointerException() {
    TokenStore store = newStore();
    HardwareToken t = StoreFixtures.totpToken(StoreFixtures.tokenSerial());
    store.add(t);
    TokenState s = store.state(t.serial()).orElseThrow();
    List<HardwareToken> withNull = new ArrayList<>();
    withNull.add(StoreFixtures.totpToken(StoreFixtures.tokenSerial()));
    withNull.add(null);

    assertThatThrownBy(() -> store.add(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.addAll(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.addAll(withNull)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.token(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.state(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSet(null, s, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSet(t.serial(), null, s))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.compareAndSet(t.serial(), s, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.remove(null)).isInstanceOf(NullPointerException.class);
    assertThat(store.token(withNull.get(0).serial()))
        .as("nothing of the batch with a null")
        .isEmpty();
  }
}
