package dev.rootguard.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.MfaResult;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.AttestationPolicy;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.JsonFileSecurityKeyStore;
import dev.rootguard.mfa.fido.RegistrationOutcome;
import dev.rootguard.mfa.fido.SecurityKeyDetail;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityKeySnippetTest {
  @TempDir Path dir;

  @Test
  void securityKeys() {
    Path keysFile = dir.resolve("keys.json");
    // The software authenticator stands in for the browser and the YubiKey.
    SoftwareAuthenticator yubikey = SoftwareAuthenticator.packed();
    java.security.cert.X509Certificate yubicoRoot = yubikey.attestationRootCertificate();
    // snippet: fido-keys
    SecurityKeyVerifier keys =
        SecurityKeyVerifier.builder("example.com", "Example Corp")
            .origins(Set.of("https://example.com"))
            .credentialStore(JsonFileSecurityKeyStore.open(keysFile))
            .attestationPolicy(AttestationPolicy.trusted(List.of(yubicoRoot))) // attested keys only
            .build();
    Principal root = Principal.of("arn:aws:iam::123456789012:root");

    CeremonyRequest reg = keys.startRegistration(root); // reg.optionsJson() -> the page
    String created = yubikey.register(reg.optionsJson(), "https://example.com");
    RegistrationOutcome registered = keys.finishRegistration(reg.requestId(), created);

    CeremonyRequest signIn = keys.startAuthentication(root);
    String assertion = yubikey.authenticate(signIn.optionsJson(), "https://example.com");
    MfaResult result = keys.finishAuthentication(signIn.requestId(), assertion);
    // Accepted, with SecurityKeyDetail: AAGUID, hardware() == true, signature counter 2
    // end snippet
    assertThat(registered.isRegistered()).isTrue();
    assertThat(result.isAccepted()).isTrue();
    SecurityKeyDetail d = (SecurityKeyDetail) result.detail();
    assertThat(d.hardware()).isTrue();
    assertThat(d.signatureCount()).isEqualTo(2);
    assertThat(d.aaguid()).isEqualTo(yubikey.aaguid());
  }
}
