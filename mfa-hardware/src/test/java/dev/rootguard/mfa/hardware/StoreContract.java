package dev.rootguard.mfa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.Principal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The {@link TokenStore} and {@link YubicoKeyStore} contracts (their Javadoc), checked the same way
 * against every bundled store ({@link InMemoryStoreContractTest}, {@link
 * JsonFileStoreContractTest}) and against a minimal store that relies on the interfaces' default
 * methods ({@link DefaultMethodsStoreContractTest}: {@code update}, {@code updateYubicoKey}, {@code
 * addAll(tokens, owner)}, {@code addYubicoKey(key, owner)}).
 */
abstract class StoreContract {
  static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  static final String PUBLIC_ID = "vvcccccbhlnc";
  static final String PRIVATE_ID = "8792ebfe26cc";
  static final String AES = "ecde18dbe76fbd0c33330f1c354871db";

  /** A store, both kinds. */
  interface Both extends TokenStore, YubicoKeyStore {}

  abstract Both store();

  static HardwareToken hotp(String serial) {
    return HardwareToken.builder(serial, OathType.HOTP, SEED).build();
  }

  static YubicoKey key(String publicId) {
    return YubicoKey.fromHex(publicId, PRIVATE_ID, AES);
  }

  // ---- OATH tokens ----

  @Test
  void remove_registered_trueAndGone_unknown_false() {
    Both s = store();
    s.add(hotp("T1"));
    s.add(hotp("T2"));
    assertThat(s.remove("T1")).isTrue();
    assertThat(s.token("T1")).isEmpty();
    assertThat(s.state("T1")).isEmpty();
    assertThat(s.serials()).containsExactly("T2");
    assertThat(s.remove("T1")).isFalse();
    assertThat(s.remove("NOPE")).isFalse();
    assertThat(s.serials()).containsExactly("T2");
  }

  @Test
  void addAll_addsEveryTokenUnassigned_sortedSerials() {
    Both s = store();
    s.addAll(List.of(hotp("B2"), hotp("A1"), hotp("C3")));
    assertThat(s.serials()).containsExactly("A1", "B2", "C3");
    for (String serial : List.of("A1", "B2", "C3")) {
      assertThat(s.token(serial).orElseThrow().revealSecret()).isEqualTo(SEED);
      TokenState st = s.state(serial).orElseThrow();
      assertThat(st.owner()).isEmpty();
      assertThat(st.version()).isZero();
    }
  }

  @Test
  void addAll_oneAlreadyRegistered_nothingAdded_errorNamesSerial() {
    Both s = store();
    s.add(hotp("B2"));
    assertThatThrownBy(() -> s.addAll(List.of(hotp("A1"), hotp("B2"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("serial")
        .hasMessageContaining("B2");
    assertThat(s.serials()).containsExactly("B2");
  }

  @Test
  void addAll_withOwner_everyTokenAssigned() {
    Both s = store();
    Principal root = Principal.of("root");
    s.addAll(List.of(hotp("A1"), hotp("B2")), root);
    assertThat(s.serials()).containsExactly("A1", "B2");
    assertThat(s.state("A1").orElseThrow().owner()).contains(root);
    assertThat(s.state("B2").orElseThrow().owner()).contains(root);
  }

  @Test
  void update_returnsTheSavedState_withVersionPlusOne() {
    Both s = store();
    s.add(hotp("T1"));
    Principal alice = Principal.of("alice");
    TokenState first = s.update("T1", st -> st.withOwner(alice));
    assertThat(first.owner()).contains(alice);
    assertThat(first.version()).isEqualTo(1);
    assertThat(s.state("T1")).contains(first);
    TokenState second = s.update("T1", st -> st.withDisabled(true));
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.disabled()).isTrue();
    assertThat(second.owner()).contains(alice);
    assertThat(s.state("T1")).contains(second);
  }

  @Test
  void update_unknownSerial_errorNamesSerial() {
    Both s = store();
    assertThatThrownBy(() -> s.update("NOPE", UnaryOperator.identity()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("serial")
        .hasMessageContaining("NOPE");
  }

  @Test
  void compareAndSet_currentVersion_replaces_staleVersion_refused() {
    Both s = store();
    s.add(hotp("T1"));
    TokenState read = s.state("T1").orElseThrow();
    TokenState next = read.withAccepted(7, 1);
    assertThat(s.compareAndSet("T1", read, next)).isTrue();
    TokenState stored = s.state("T1").orElseThrow();
    assertThat(stored.version()).isEqualTo(read.version() + 1);
    assertThat(stored.lastSequence()).isEqualTo(OptionalLong.of(7));
    // the same expected state again is stale now
    assertThat(s.compareAndSet("T1", read, read.withAccepted(9, 0))).isFalse();
    assertThat(s.state("T1")).contains(stored);
    assertThat(s.compareAndSet("NOPE", read, next)).isFalse();
  }

  // ---- Yubico keys ----

  @Test
  void addYubicoKey_storedWithNewState_listedSorted() {
    Both s = store();
    s.addYubicoKey(key("vvcccccbhlnc"));
    s.addYubicoKey(key("ccbbddeeffgg"));
    assertThat(s.yubicoPublicIds()).containsExactly("ccbbddeeffgg", "vvcccccbhlnc");
    YubicoKey k = s.yubicoKey("vvcccccbhlnc").orElseThrow();
    assertThat(HexFormat.of().formatHex(k.revealAesKey())).isEqualTo(AES);
    assertThat(HexFormat.of().formatHex(k.revealPrivateId())).isEqualTo(PRIVATE_ID);
    TokenState st = s.yubicoKeyState("vvcccccbhlnc").orElseThrow();
    assertThat(st.owner()).isEmpty();
    assertThat(st.disabled()).isFalse();
    assertThat(st.lastSequence()).isEmpty();
    assertThat(st.version()).isZero();
    // OATH tokens and Yubico keys are separate registries
    assertThat(s.serials()).isEmpty();
  }

  @Test
  void addYubicoKey_twice_errorNamesPublicId() {
    Both s = store();
    s.addYubicoKey(key(PUBLIC_ID));
    assertThatThrownBy(() -> s.addYubicoKey(key(PUBLIC_ID)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("publicId")
        .hasMessageContaining(PUBLIC_ID);
    assertThat(s.yubicoPublicIds()).containsExactly(PUBLIC_ID);
  }

  @Test
  void addYubicoKey_withOwner_assigned() {
    Both s = store();
    Principal bob = Principal.of("bob");
    s.addYubicoKey(key(PUBLIC_ID), bob);
    assertThat(s.yubicoKeyState(PUBLIC_ID).orElseThrow().owner()).contains(bob);
    assertThat(s.yubicoKey(PUBLIC_ID)).isPresent();
  }

  @Test
  void compareAndSetYubicoKey_currentVersion_replaces_staleVersion_refused() {
    Both s = store();
    s.addYubicoKey(key(PUBLIC_ID));
    TokenState read = s.yubicoKeyState(PUBLIC_ID).orElseThrow();
    assertThat(s.compareAndSetYubicoKey(PUBLIC_ID, read, read.withAccepted(5, 0))).isTrue();
    TokenState stored = s.yubicoKeyState(PUBLIC_ID).orElseThrow();
    assertThat(stored.version()).isEqualTo(read.version() + 1);
    assertThat(stored.lastSequence()).isEqualTo(OptionalLong.of(5));
    assertThat(s.compareAndSetYubicoKey(PUBLIC_ID, read, read.withAccepted(6, 0))).isFalse();
    assertThat(s.yubicoKeyState(PUBLIC_ID)).contains(stored);
    assertThat(s.compareAndSetYubicoKey("ccccccccccce", read, read)).isFalse();
  }

  @Test
  void updateYubicoKey_returnsTheSavedState_withVersionPlusOne() {
    Both s = store();
    s.addYubicoKey(key(PUBLIC_ID));
    Principal alice = Principal.of("alice");
    s.assignYubicoKey(PUBLIC_ID, alice);
    assertThat(s.yubicoKeyState(PUBLIC_ID).orElseThrow().owner()).contains(alice);
    TokenState saved = s.updateYubicoKey(PUBLIC_ID, st -> st.withDisabled(true));
    assertThat(saved.version()).isEqualTo(2);
    assertThat(saved.disabled()).isTrue();
    assertThat(saved.owner()).contains(alice);
    assertThat(s.yubicoKeyState(PUBLIC_ID)).contains(saved);
  }

  @Test
  void updateYubicoKey_unknown_errorNamesPublicId() {
    Both s = store();
    assertThatThrownBy(() -> s.updateYubicoKey("ccccccccccce", UnaryOperator.identity()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("publicId")
        .hasMessageContaining("ccccccccccce");
  }

  @Test
  void removeYubicoKey_registered_trueAndGone_unknown_false() {
    Both s = store();
    s.addYubicoKey(key(PUBLIC_ID));
    s.addYubicoKey(key("ccbbddeeffgg"));
    assertThat(s.removeYubicoKey(PUBLIC_ID)).isTrue();
    assertThat(s.yubicoKey(PUBLIC_ID)).isEmpty();
    assertThat(s.yubicoKeyState(PUBLIC_ID)).isEmpty();
    assertThat(s.yubicoPublicIds()).containsExactly("ccbbddeeffgg");
    assertThat(s.removeYubicoKey(PUBLIC_ID)).isFalse();
    assertThat(s.yubicoPublicIds()).containsExactly("ccbbddeeffgg");
  }

  /** Forwards every method (including overridden defaults) to a bundled store. */
  record Forwarding(Object target) implements Both {
    TokenStore t() {
      return (TokenStore) target;
    }

    YubicoKeyStore y() {
      return (YubicoKeyStore) target;
    }

    @Override
    public void add(HardwareToken token) {
      t().add(token);
    }

    @Override
    public void addAll(Collection<HardwareToken> tokens) {
      t().addAll(tokens);
    }

    @Override
    public void addAll(Collection<HardwareToken> tokens, Principal owner) {
      t().addAll(tokens, owner);
    }

    @Override
    public Optional<HardwareToken> token(String serial) {
      return t().token(serial);
    }

    @Override
    public Optional<TokenState> state(String serial) {
      return t().state(serial);
    }

    @Override
    public boolean compareAndSet(String serial, TokenState expected, TokenState updated) {
      return t().compareAndSet(serial, expected, updated);
    }

    @Override
    public TokenState update(String serial, UnaryOperator<TokenState> change) {
      return t().update(serial, change);
    }

    @Override
    public boolean remove(String serial) {
      return t().remove(serial);
    }

    @Override
    public List<String> serials() {
      return t().serials();
    }

    @Override
    public void addYubicoKey(YubicoKey key) {
      y().addYubicoKey(key);
    }

    @Override
    public void addYubicoKey(YubicoKey key, Principal owner) {
      y().addYubicoKey(key, owner);
    }

    @Override
    public Optional<YubicoKey> yubicoKey(String publicId) {
      return y().yubicoKey(publicId);
    }

    @Override
    public Optional<TokenState> yubicoKeyState(String publicId) {
      return y().yubicoKeyState(publicId);
    }

    @Override
    public boolean compareAndSetYubicoKey(
        String publicId, TokenState expected, TokenState updated) {
      return y().compareAndSetYubicoKey(publicId, expected, updated);
    }

    @Override
    public TokenState updateYubicoKey(String publicId, UnaryOperator<TokenState> change) {
      return y().updateYubicoKey(publicId, change);
    }

    @Override
    public boolean removeYubicoKey(String publicId) {
      return y().removeYubicoKey(publicId);
    }

    @Override
    public List<String> yubicoPublicIds() {
      return y().yubicoPublicIds();
    }
  }
}
