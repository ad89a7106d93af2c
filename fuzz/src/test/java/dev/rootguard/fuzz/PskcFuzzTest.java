package dev.rootguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.hardware.HardwareToken;
import dev.rootguard.mfa.hardware.Pskc;
import dev.rootguard.mfa.hardware.PskcError;
import dev.rootguard.mfa.hardware.PskcImport;
import dev.rootguard.mfa.hardware.PskcKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Pskc#read} on plaintext files ({@link PskcKey#none()}) and on files encrypted with a
 * pre-shared key (RFC 6030 figure 6's key): returns a {@link PskcImport} or throws {@link
 * InvalidInputException}; no refusal, per-key error or token description contains a secret value of
 * the file, a decrypted seed, or the pre-shared key.
 */
class PskcFuzzTest {
  static final byte[] FIGURE6_KEY = HexFormat.of().parseHex("12345678901234567890123456789012");

  private static final Pattern VALUES = Pattern.compile("<(?:\\w+:)?PlainValue>\\s*([^<]*?)\\s*</");

  @FuzzTest(maxDuration = "10s")
  void plain(byte[] input) {
    check(input, PskcKey.none(), List.of());
  }

  @FuzzTest(maxDuration = "10s")
  void preSharedKey(byte[] input) {
    check(input, PskcKey.preShared(FIGURE6_KEY), List.of(HexFormat.of().formatHex(FIGURE6_KEY)));
  }

  private static void check(byte[] input, PskcKey key, List<String> alsoSecret) {
    List<String> secrets = new ArrayList<>(alsoSecret);
    String file = new String(input, StandardCharsets.ISO_8859_1);
    Matcher m = VALUES.matcher(file);
    while (m.find()) {
      secrets.add(m.group(1));
    }
    // What the file shows outside its PlainValues (ids, serials, issuers) is public: a value the
    // file also puts in a Key/@Id may be printed as that id (a false positive CI fuzzing found).
    String publicText = VALUES.matcher(file).replaceAll("").toLowerCase(Locale.ROOT);
    secrets.removeIf(v -> publicText.contains(v.toLowerCase(Locale.ROOT)));
    long t0 = System.nanoTime();
    PskcImport result;
    try {
      result = Pskc.read(new ByteArrayInputStream(input), key);
    } catch (InvalidInputException e) {
      Contract.wellFormed(e);
      for (String s : secrets) {
        Contract.doesNotLeak(e, s, "a secret value of the file");
      }
      return;
    }
    Contract.notHung(t0, "Pskc.read");
    StringBuilder shown = new StringBuilder(result.toString());
    for (PskcError err : result.errors()) {
      shown.append('\n').append(err);
    }
    for (HardwareToken t : result.tokens()) {
      shown.append('\n').append(t);
    }
    String text = shown.toString();
    for (String s : secrets) {
      Contract.doesNotContain(text, s, "a secret value of the file");
    }
    for (HardwareToken t : result.tokens()) {
      byte[] seed = t.revealSecret();
      for (String v :
          List.of(HexFormat.of().formatHex(seed), Base64.getEncoder().encodeToString(seed))) {
        if (!publicText.contains(v.toLowerCase(Locale.ROOT))) {
          Contract.doesNotContain(text, v, "a decrypted seed");
        }
      }
    }
  }
}
