package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.TokenState;
import dev.rootguard.mfa.hardware.YubicoKey;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies every OATH token and Yubico key, with its state (owner, disabled, drift, last accepted
 * step or counter), from one store to another through the store SPIs only, then reads the target
 * back and compares every record. The tokens go in with one all-or-nothing {@code addAll}; a target
 * that already holds any of them gets nothing.
 *
 * <pre>{@code
 * StoreCopy.Counts c = StoreCopy.copy(from, to);
 * }</pre>
 *
 * <p>Stateless and thread-safe; copy from a store no one is writing to (stop the services, or
 * accept that a code used during the copy may be used once more on the target).
 */
final class StoreCopy {
  private StoreCopy() {}

  /**
   * What was copied.
   *
   * @param tokens OATH tokens copied and verified
   * @param yubicoKeys Yubico keys copied and verified
   */
  record Counts(int tokens, int yubicoKeys) {}

  /**
   * Copies and verifies.
   *
   * @param from the source
   * @param to the target
   * @return the counts
   * @throws InvalidInputException with field {@code --to} if the target already holds a record, or
   *     a record read back differs
   */
  static Counts copy(StoreLocation.HardwareStores from, StoreLocation.HardwareStores to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    List<HardwareToken> tokens = new ArrayList<>();
    List<TokenState> states = new ArrayList<>();
    for (String serial : from.tokens().serials()) {
      Optional<HardwareToken> t = from.tokens().token(serial);
      Optional<TokenState> st = from.tokens().state(serial);
      if (t.isPresent() && st.isPresent()) { // a token removed meanwhile is skipped
        tokens.add(t.get());
        states.add(st.get());
      }
    }
    List<YubicoKey> keys = new ArrayList<>();
    List<TokenState> keyStates = new ArrayList<>();
    for (String id : from.yubicoKeys().yubicoPublicIds()) {
      Optional<YubicoKey> k = from.yubicoKeys().yubicoKey(id);
      Optional<TokenState> st = from.yubicoKeys().yubicoKeyState(id);
      if (k.isPresent() && st.isPresent()) {
        keys.add(k.get());
        keyStates.add(st.get());
      }
    }
    for (YubicoKey k : keys) {
      if (to.yubicoKeys().yubicoKeyState(k.publicId()).isPresent()) {
        throw new InvalidInputException(
            "--to", "already holds Yubico key " + k.publicId() + "; nothing was copied");
      }
    }
    try {
      to.tokens().addAll(tokens);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--to", e.getMessage() + " (nothing was copied)", e);
    }
    for (int i = 0; i < tokens.size(); i++) {
      TokenState src = states.get(i);
      if (!isFresh(src, tokens.get(i).timeDrift())) {
        to.tokens().update(tokens.get(i).serial(), now -> copyOf(src, now.version()));
      }
    }
    for (int i = 0; i < keys.size(); i++) {
      to.yubicoKeys().addYubicoKey(keys.get(i));
      TokenState src = keyStates.get(i);
      if (!isFresh(src, 0)) {
        to.yubicoKeys().updateYubicoKey(keys.get(i).publicId(), now -> copyOf(src, now.version()));
      }
    }
    verify(tokens, states, keys, keyStates, to);
    return new Counts(tokens.size(), keys.size());
  }

  private static boolean isFresh(TokenState s, long initialDrift) {
    return s.owner().isEmpty()
        && !s.disabled()
        && s.driftSteps() == initialDrift
        && s.lastSequence().isEmpty();
  }

  private static TokenState copyOf(TokenState s, long version) {
    return TokenState.of(s.owner(), s.disabled(), s.driftSteps(), s.lastSequence(), version);
  }

  private static boolean sameState(TokenState a, TokenState b) {
    return a.owner().equals(b.owner())
        && a.disabled() == b.disabled()
        && a.driftSteps() == b.driftSteps()
        && a.lastSequence().equals(b.lastSequence());
  }

  private static void verify(
      List<HardwareToken> tokens,
      List<TokenState> states,
      List<YubicoKey> keys,
      List<TokenState> keyStates,
      StoreLocation.HardwareStores to) {
    for (int i = 0; i < tokens.size(); i++) {
      HardwareToken src = tokens.get(i);
      String serial = src.serial();
      HardwareToken got =
          to.tokens().token(serial).orElseThrow(() -> differs("token " + serial + " is missing"));
      boolean same =
          got.sameSecretAs(src)
              && got.type() == src.type()
              && got.algorithm() == src.algorithm()
              && got.digits() == src.digits()
              && got.timeStep().equals(src.timeStep())
              && got.t0().equals(src.t0())
              && got.counter() == src.counter()
              && got.timeDrift() == src.timeDrift()
              && got.keyId().equals(src.keyId())
              && got.manufacturer().equals(src.manufacturer())
              && got.issuer().equals(src.issuer())
              && got.validFrom().equals(src.validFrom())
              && got.validUntil().equals(src.validUntil());
      if (!same || !sameState(to.tokens().state(serial).orElseThrow(), states.get(i))) {
        throw differs("token " + serial + " reads back differently");
      }
    }
    for (int i = 0; i < keys.size(); i++) {
      YubicoKey src = keys.get(i);
      YubicoKey got =
          to.yubicoKeys()
              .yubicoKey(src.publicId())
              .orElseThrow(() -> differs("Yubico key " + src.publicId() + " is missing"));
      byte[] a = src.revealAesKey();
      byte[] b = got.revealAesKey();
      byte[] p = src.revealPrivateId();
      byte[] q = got.revealPrivateId();
      try {
        boolean same = MessageDigest.isEqual(a, b) && MessageDigest.isEqual(p, q);
        if (!same
            || !sameState(
                to.yubicoKeys().yubicoKeyState(src.publicId()).orElseThrow(), keyStates.get(i))) {
          throw differs("Yubico key " + src.publicId() + " reads back differently");
        }
      } finally {
        Arrays.fill(a, (byte) 0);
        Arrays.fill(b, (byte) 0);
        Arrays.fill(p, (byte) 0);
        Arrays.fill(q, (byte) 0);
      }
    }
  }

  private static InvalidInputException differs(String what) {
    return new InvalidInputException("--to", "verification failed: " + what);
  }
}
