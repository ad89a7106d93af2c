package dev.rootguard.mfa.fido.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.MfaResult.Reason;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.mfa.fido.SecurityKeyStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one failure classification, by type only: the expected reasons are written out here, and
 * java-webauthn-server's message text (which changes between releases) never changes them.
 */
class FailureMapperTest {
  private static StoreException storeFailure() {
    return new StoreException("keys.find", "disk gone", null);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void stepFailed_isItsOwnReason(Reason r) {
    assertThat(FailureMapper.reason(new StepFailed(r))).isEqualTo(r);
  }

  @Test
  void assertionFailed_isBadSignature_whateverItSays() {
    assertThat(FailureMapper.reason(new AssertionFailedException("Incorrect origin")))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(FailureMapper.reason(new AssertionFailedException("Wrong challenge.")))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(
            FailureMapper.reason(
                new AssertionFailedException(new IllegalArgumentException("Unknown credential"))))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void registrationFailed_isMalformed_evenWhenItTalksOfSignaturesOrOrigins() {
    for (String message :
        new String[] {
          "Invalid attestation signature.", "Incorrect origin", "Incorrect RP ID hash", ""
        }) {
      assertThat(
              FailureMapper.reason(
                  new RegistrationFailedException(new IllegalArgumentException(message))))
          .as(message)
          .isEqualTo(Reason.MALFORMED_INPUT);
    }
  }

  @Test
  void parserFailures_areMalformed() {
    assertThat(FailureMapper.reason(new IOException("x"))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(FailureMapper.reason(new JsonParseException(null, "x")))
        .isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(FailureMapper.reason(new IllegalArgumentException("Base64 decoding failed")))
        .isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(FailureMapper.reason(new Malformed("id"))).isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(FailureMapper.reason(new InvalidInputException("id", "bad")))
        .isEqualTo(Reason.MALFORMED_INPUT);
    assertThat(FailureMapper.reason(new NullPointerException())).isEqualTo(Reason.MALFORMED_INPUT);
  }

  @Test
  void storeFailure_anywhereInTheCauseChain_isStoreUnavailable() {
    assertThat(FailureMapper.reason(storeFailure())).isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(FailureMapper.reason(new SecurityKeyStoreException("keys.add", "locked", null)))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    // java-webauthn-server met it in the credential repository and wrapped it
    assertThat(
            FailureMapper.reason(
                new RegistrationFailedException(
                    new IllegalArgumentException("lookup failed", storeFailure()))))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(
            FailureMapper.reason(
                new AssertionFailedException(new IllegalArgumentException(storeFailure()))))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
    assertThat(
            FailureMapper.reason(
                new UncheckedIOException(
                    new IOException(new IllegalStateException(storeFailure())))))
        .isEqualTo(Reason.STORE_UNAVAILABLE);
  }

  @Test
  void storeFailure_deeperThanTheBound_isNotFollowed() {
    Throwable t = storeFailure();
    for (int i = 1; i < FailureMapper.MAX_CAUSE_DEPTH; i++) {
      t = new IllegalStateException(t);
    }
    assertThat(FailureMapper.reason(t)).isEqualTo(Reason.STORE_UNAVAILABLE); // depth 16
    assertThat(FailureMapper.reason(new IllegalStateException(t)))
        .isEqualTo(Reason.MALFORMED_INPUT); // depth 17
  }

  @Test
  void causeCycle_terminates() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalStateException b = new IllegalStateException("b", a);
    a.initCause(b);
    assertThat(FailureMapper.reason(a)).isEqualTo(Reason.MALFORMED_INPUT);
  }

  @Property(tries = 200)
  void libraryMessages_neverChangeTheReason(@ForAll String message) {
    assertThat(FailureMapper.reason(new AssertionFailedException(message)))
        .isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(
            FailureMapper.reason(
                new RegistrationFailedException(new IllegalArgumentException(message))))
        .isEqualTo(Reason.MALFORMED_INPUT);
  }
}
