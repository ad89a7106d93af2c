package dev.rootguard.fuzz;

import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.CeremonyRequest;
import dev.rootguard.mfa.fido.JsonFileSecurityKeyStore;
import dev.rootguard.mfa.fido.SecurityKeyVerifier;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import dev.rootguard.mfa.hardware.OathType;
import dev.rootguard.mfa.hardware.YubicoKey;
import dev.rootguard.testkit.fido.SoftwareAuthenticator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Writes the seed files of {@link StoreFileFuzzTest} and {@link WebAuthnFuzzTest} with the stores
 * themselves: {@code java -cp ... dev.rootguard.fuzz.StoreSeedFiles <dir>} (see docs/fuzzing.md).
 * The seeds are committed; {@link StoreSeedFilesTest} checks they still open.
 */
final class StoreSeedFiles {
  static final byte[] SEED = HexFormat.of().parseHex("3132333435363738393031323334353637383930");

  private StoreSeedFiles() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    Path tokens = out.resolve("token-store.json");
    Files.deleteIfExists(tokens);
    JsonFileTokenStore t = JsonFileTokenStore.open(tokens, StoreFileFuzzTest.SEALER);
    t.addAll(
        List.of(
            HardwareToken.builder("GALT-7", OathType.TOTP, SEED).build(),
            HardwareToken.builder("H1", OathType.HOTP, SEED).build()),
        Principal.of("alice"));
    t.setDisabled("H1", true);
    t.addYubicoKey(
        YubicoKey.fromHex(
            YubicoOtpFuzzTest.PUBLIC_ID, YubicoOtpFuzzTest.PRIVATE_ID, YubicoOtpFuzzTest.AES_KEY),
        Principal.of("alice"));

    Path keys = out.resolve("security-key-store.json");
    Files.deleteIfExists(keys);
    JsonFileSecurityKeyStore k = JsonFileSecurityKeyStore.open(keys);
    SecurityKeyVerifier v =
        SecurityKeyVerifier.builder(WebAuthnFuzzTest.RP_ID, "Example")
            .origins(Set.of(WebAuthnFuzzTest.ORIGIN))
            .credentialStore(k)
            .build();
    for (SoftwareAuthenticator a :
        List.of(SoftwareAuthenticator.packed(), SoftwareAuthenticator.u2f())) {
      CeremonyRequest req = v.startRegistration(Principal.of("alice"));
      System.out.println(
          v.finishRegistration(
              req.requestId(), a.register(req.optionsJson(), WebAuthnFuzzTest.ORIGIN)));
    }
    // WebAuthn: a genuine response as raw text (last byte 1 = raw mode for FuzzedDataProvider)
    SoftwareAuthenticator a = SoftwareAuthenticator.packed();
    CeremonyRequest reg = v.startRegistration(Principal.of("bob"));
    String regJson = a.register(reg.optionsJson(), WebAuthnFuzzTest.ORIGIN);
    Files.write(out.resolve("registration-raw"), raw(regJson));
    v.finishRegistration(reg.requestId(), regJson);
    CeremonyRequest auth = v.startAuthentication(Principal.of("bob"));
    Files.write(
        out.resolve("authentication-raw"),
        raw(a.authenticate(auth.optionsJson(), WebAuthnFuzzTest.ORIGIN)));
    System.out.println("wrote seeds to " + out);
  }

  private static byte[] raw(String json) {
    byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] r = java.util.Arrays.copyOf(b, b.length + 1);
    r[b.length] = 1;
    return r;
  }
}
