package dev.rootguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.CredentialId;
import dev.rootguard.mfa.Principal;
import dev.rootguard.mfa.fido.JsonFileSecurityKeyStore;
import dev.rootguard.mfa.hardware.JsonFileTokenStore;
import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SealingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JSON store files, opened from arbitrary contents: {@link JsonFileTokenStore#open} returns a
 * store or throws {@link InvalidInputException} (or {@link SealingException} when a sealed secret
 * does not open); once open, listing and reading every token and Yubico key may throw only {@link
 * SealingException}. {@link JsonFileSecurityKeyStore#open} returns a store or throws {@link
 * InvalidInputException}; looking up every principal and credential id in the file then succeeds.
 * No refusal contains a secret value of the file.
 */
class StoreFileFuzzTest {
  /** The seal key the seed files were written with (test-only, see {@link StoreSeedFiles}). */
  static final LocalKeySealer SEALER = sealer();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path dir;

  static LocalKeySealer sealer() {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) 7);
    return LocalKeySealer.ofKey("fuzz-key", k);
  }

  private static synchronized Path write(String name, byte[] contents) {
    try {
      if (dir == null) {
        Path shm = Path.of("/dev/shm");
        dir =
            Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "rootguard-fuzz")
                : Files.createTempDirectory("rootguard-fuzz");
        dir.toFile().deleteOnExit();
      }
      Path f = dir.resolve(name);
      Files.write(f, contents);
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void tokenStore(byte[] input) {
    Path f = write("tokens.json", input);
    List<String> secrets = secretValues(input);
    long t0 = System.nanoTime();
    try {
      JsonFileTokenStore s = JsonFileTokenStore.open(f, SEALER);
      for (String serial : s.serials()) {
        s.token(serial).ifPresent(t -> t.revealSecret());
        s.state(serial);
      }
      for (String id : s.yubicoPublicIds()) {
        s.yubicoKey(id);
        s.yubicoKeyState(id);
      }
    } catch (InvalidInputException e) {
      Contract.wellFormed(e);
      secrets.forEach(v -> Contract.doesNotLeak(e, v, "a secret of the token store"));
    } catch (SealingException e) {
      secrets.forEach(v -> Contract.doesNotLeak(e, v, "a secret of the token store"));
    }
    Contract.notHung(t0, "JsonFileTokenStore.open");
  }

  @FuzzTest(maxDuration = "10s")
  void securityKeyStore(byte[] input) {
    Path f = write("keys.json", input);
    long t0 = System.nanoTime();
    JsonFileSecurityKeyStore s;
    try {
      s = JsonFileSecurityKeyStore.open(f);
    } catch (InvalidInputException e) {
      Contract.wellFormed(e);
      return;
    }
    for (String v : textValues(input, "principal")) {
      Principal p = principalOrNull(v);
      if (p != null) {
        s.findByPrincipal(p);
      }
    }
    for (String v : textValues(input, "id")) {
      CredentialId id = credentialIdOrNull(v);
      if (id != null) {
        s.find(id);
      }
    }
    Contract.notHung(t0, "JsonFileSecurityKeyStore.open");
  }

  private static Principal principalOrNull(String v) {
    try {
      return Principal.of(v);
    } catch (InvalidInputException e) {
      return null;
    }
  }

  private static CredentialId credentialIdOrNull(String v) {
    try {
      return CredentialId.of(v);
    } catch (InvalidInputException e) {
      return null;
    }
  }

  /** String values of members whose name suggests a secret, found with Jackson independently. */
  static List<String> secretValues(byte[] input) {
    List<String> out = new ArrayList<>();
    collect(
        tree(input),
        out,
        name -> {
          String n = name.toLowerCase(java.util.Locale.ROOT);
          return n.contains("secret")
              || n.contains("seed")
              || n.contains("key")
              || n.contains("private");
        });
    // A value the file also writes elsewhere (a member name copying a private id, found by CI
    // fuzzing) is public there and may be named in a refusal: only values seen once are secret.
    String text =
        new String(input, java.nio.charset.StandardCharsets.ISO_8859_1)
            .toLowerCase(java.util.Locale.ROOT);
    out.removeIf(
        v -> {
          String needle = v.toLowerCase(java.util.Locale.ROOT);
          int first = text.indexOf(needle);
          return first >= 0 && text.indexOf(needle, first + 1) >= 0;
        });
    return out;
  }

  static List<String> textValues(byte[] input, String member) {
    List<String> out = new ArrayList<>();
    collect(tree(input), out, member::equals);
    return out;
  }

  private static JsonNode tree(byte[] input) {
    try {
      return JSON.readTree(input);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void collect(
      JsonNode n, List<String> out, java.util.function.Predicate<String> wanted) {
    if (n == null || out.size() > 64) {
      return;
    }
    if (n.isObject()) {
      for (var it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isTextual() && wanted.test(e.getKey())) {
          out.add(e.getValue().asText());
        }
        collect(e.getValue(), out, wanted);
      }
    } else if (n.isArray()) {
      n.forEach(c -> collect(c, out, wanted));
    }
  }
}
