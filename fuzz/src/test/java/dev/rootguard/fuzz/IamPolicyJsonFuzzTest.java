package dev.rootguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rootguard.InvalidInputException;
import dev.rootguard.password.PasswordPolicy;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * IAM password policy JSON ({@link PasswordPolicy#fromIamJson}): returns a policy or throws {@link
 * InvalidInputException}; for well-formed UTF-8 text the {@code String} and {@code InputStream}
 * forms agree (both refuse naming the same field, or both return equal policies).
 */
class IamPolicyJsonFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void fromIamJson(byte[] input) {
    long t0 = System.nanoTime();
    String streamed = outcome(() -> PasswordPolicy.fromIamJson(new ByteArrayInputStream(input)));
    Contract.notHung(t0, "PasswordPolicy.fromIamJson(InputStream)");
    String text = strictUtf8(input);
    if (text == null || text.indexOf('\0') >= 0) {
      return; // the String form has no equivalent input (Jackson sniffs UTF-16/32 from bytes)
    }
    String fromText = outcome(() -> PasswordPolicy.fromIamJson(text));
    if (!streamed.equals(fromText)) {
      throw new AssertionError(
          "String and InputStream forms disagree:\n  stream: "
              + streamed
              + "\n  string: "
              + fromText);
    }
  }

  private interface Parse {
    PasswordPolicy run();
  }

  private static String outcome(Parse p) {
    try {
      return "policy " + p.run();
    } catch (InvalidInputException e) {
      Contract.wellFormed(e);
      return "refused " + e.field();
    }
  }

  static String strictUtf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
