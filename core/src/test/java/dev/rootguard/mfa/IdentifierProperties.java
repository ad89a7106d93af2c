package dev.rootguard.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootguard.InvalidInputException;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

class IdentifierProperties {

  @Property
  void principal_acceptsExactlyNonEmptyControlFreeIdsUpToLimit(
      @ForAll @StringLength(max = 600) String id) {
    boolean valid =
        !id.isEmpty()
            && id.length() <= Principal.MAX_LENGTH
            && id.chars().noneMatch(c -> Character.isISOControl(c));
    if (valid) {
      assertThat(Principal.of(id).id()).isEqualTo(id);
    } else {
      assertThatThrownBy(() -> Principal.of(id))
          .isInstanceOf(InvalidInputException.class)
          .extracting(e -> ((InvalidInputException) e).field())
          .isEqualTo("principal");
    }
  }

  @Property
  void credentialId_rejectsControlCharactersNamingTheField(
      @ForAll @StringLength(max = 20) String before,
      @ForAll @CharRange(from = '\u0000', to = '\u001f') char control,
      @ForAll @StringLength(max = 20) String after) {
    String id = before + control + after;
    assertThatThrownBy(() -> CredentialId.of(id))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("credentialId:");
  }

  @Property
  void attempt_toStringNeverContainsResponse(
      @ForAll @StringLength(min = 4, max = 64) String response) {
    Assume.that(
        !"MfaAttempt[principal=alice, factor=TOTP_APP, credential=c, response=<redacted chars>]"
            .contains(response));
    MfaAttempt a =
        MfaAttempt.of(Principal.of("alice"), Factor.TOTP_APP, CredentialId.of("c"), response);
    assertThat(a.toString()).doesNotContain(response);
  }
}
