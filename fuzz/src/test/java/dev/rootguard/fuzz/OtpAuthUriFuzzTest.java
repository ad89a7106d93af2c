package dev.rootguard.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.OtpAuthUri;
import java.net.URLDecoder;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link OtpAuthUri#parse}: returns or throws {@link InvalidInputException}; a refusal never
 * contains the secret; what parses formats to text that parses to the same URI, and formats again
 * to the same text; {@code toString} never shows the secret.
 */
class OtpAuthUriFuzzTest {
  private static final Pattern SECRET = Pattern.compile("(?i)[?&]secret=([^&#]*)");

  @FuzzTest(maxDuration = "10s")
  void parse(byte[] input) {
    String text = new String(input, UTF_8);
    String rawSecret = rawSecret(text);
    long t0 = System.nanoTime();
    OtpAuthUri uri;
    try {
      uri = OtpAuthUri.parse(text);
    } catch (InvalidInputException e) {
      Contract.wellFormed(e);
      Contract.doesNotLeak(e, rawSecret, "secret");
      Contract.doesNotLeak(e, decoded(rawSecret), "decoded secret");
      return;
    }
    Contract.notHung(t0, "OtpAuthUri.parse");

    String secret = uri.secret().revealBase32();
    String shown = uri.toString();
    // the check is case-insensitive, so is the exemption for a label or parameter that
    // happens to contain the secret's text
    String lowerSecret = secret.toLowerCase(Locale.ROOT);
    String publicParts =
        (uri.account() + "\n" + uri.issuer().orElse("") + "\n" + uri.extraParameters())
            .toLowerCase(Locale.ROOT);
    boolean secretIsAlsoPublic = publicParts.contains(lowerSecret);
    if (!secretIsAlsoPublic) {
      Contract.doesNotContain(shown, secret, "secret (toString)");
    }

    String formatted = uri.format();
    OtpAuthUri again;
    try {
      again = OtpAuthUri.parse(formatted);
    } catch (InvalidInputException e) {
      throw new AssertionError("format() of a parsed URI does not parse: " + e.getMessage(), e);
    }
    check(again.type() == uri.type(), "type", uri);
    check(again.issuer().equals(uri.issuer()), "issuer", uri);
    check(again.account().equals(uri.account()), "account", uri);
    check(again.parameters().equals(uri.parameters()), "parameters", uri);
    check(again.counter().equals(uri.counter()), "counter", uri);
    check(again.extraParameters().equals(uri.extraParameters()), "extra parameters", uri);
    check(again.secret().sameSecretAs(uri.secret()), "secret", uri);
    check(again.format().equals(formatted), "format(parse(format(x)))", uri);
  }

  private static void check(boolean ok, String what, OtpAuthUri uri) {
    if (!ok) {
      throw new AssertionError(what + " does not round-trip through format(): " + uri);
    }
  }

  /** The secret as written in the query, found independently of the parser. */
  static String rawSecret(String text) {
    Matcher m = SECRET.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static String decoded(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
