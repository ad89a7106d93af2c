package dev.rootguard.mfa.fido;

import static dev.rootguard.mfa.fido.Fixture.ALICE;
import static dev.rootguard.mfa.fido.Fixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.MfaResult;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever arrives as a response, the verifier answers with a rejection, never an exception. */
class SecurityKeyVerifierProperties {
  private static final class Holder {
    static final Fixture F = new Fixture(true);
    static final SoftwareAuthenticator KEY = SoftwareAuthenticator.packed();
    static final String VALID;
    static final String CREATED;

    static {
      F.register(KEY, ALICE);
      VALID = KEY.authenticate(F.verifier.startAuthentication(ALICE).optionsJson(), ORIGIN);
      CREATED =
          SoftwareAuthenticator.packed()
              .register(F.verifier.startRegistration(ALICE).optionsJson(), ORIGIN);
    }
  }

  @Provide
  Arbitrary<String> junk() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings().withChars("{}[]\":,0123456789abcdefAB-_tnul ").ofMaxLength(300));
  }

  @Property(tries = 150)
  void anyString_isRejectedWithoutException(@ForAll("junk") String response) {
    String id = Holder.F.verifier.startAuthentication(ALICE).requestId();
    MfaResult r = Holder.F.verifier.finishAuthentication(id, response);
    assertThat(r.isAccepted()).isFalse();
    String reg = Holder.F.verifier.startRegistration(ALICE).requestId();
    assertThat(Holder.F.verifier.finishRegistration(reg, response).isRegistered()).isFalse();
  }

  @Property(tries = 150)
  void mutatedAssertion_isRejectedWithoutException(
      @ForAll @IntRange(min = 0, max = 5000) int position, @ForAll char replacement) {
    String valid = Holder.VALID;
    int at = position % valid.length();
    String mutated = valid.substring(0, at) + replacement + valid.substring(at + 1);
    String id = Holder.F.verifier.startAuthentication(ALICE).requestId();
    // a fresh request: even the unmutated assertion no longer matches its challenge
    assertThat(Holder.F.verifier.finishAuthentication(id, mutated).isAccepted()).isFalse();
  }

  @Property(tries = 100)
  void truncatedRegistration_isRejectedWithoutException(
      @ForAll @IntRange(min = 0, max = 5000) int cut) {
    String created = Holder.CREATED;
    String truncated = created.substring(0, cut % created.length());
    String id = Holder.F.verifier.startRegistration(ALICE).requestId();
    assertThat(Holder.F.verifier.finishRegistration(id, truncated).isRegistered()).isFalse();
  }
}
