package dev.rootguard.mfa.totp;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.totp.internal.PercentCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An {@code otpauth://} Key URI, the format authenticator apps read from enrollment QR codes:
 * {@code otpauth://TYPE/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=...&digits=...&period=...}
 * (TOTP) or {@code ...&counter=...} (HOTP). Parameters this class does not know (such as {@code
 * image}) are kept, in order, and written back by {@link #format()}.
 *
 * <pre>{@code
 * OtpAuthUri uri = OtpAuthUri.parse(
 *     "otpauth://totp/Amazon%20Web%20Services:root@123456789012?secret=JBSWY3DPEHPK3PXP"
 *         + "&issuer=Amazon%20Web%20Services");
 * uri.issuer();        // Optional[Amazon Web Services]
 * uri.account();       // root@123456789012
 * uri.parameters();    // SHA1, 6 digits, 30 s
 * String again = uri.format();   // contains the secret: show it only in the QR code
 * }</pre>
 *
 * <p>Parsing is strict where a guess could change the key or its codes, and follows the Key Uri
 * Format and the apps that read it elsewhere. Each problem is an {@link InvalidInputException}
 * naming the part at fault ({@code uri}, {@code type}, {@code label}, {@code secret}, {@code
 * issuer}, {@code algorithm}, {@code digits}, {@code period}, {@code counter}) and why, never
 * echoing the secret. The rules that are a choice:
 *
 * <ul>
 *   <li><b>Repeated parameters</b> (two {@code secret=}, two {@code digits=}, in any letter case)
 *       are refused, naming the parameter: apps disagree on which one counts, so the app and the
 *       server could end up with different keys or code lengths.
 *   <li><b>Secrets</b> must decode to at least {@link OtpSecret#MIN_LENGTH} bytes (80 bits): a 5 to
 *       9-byte secret is refused with its length, as everywhere in RootGuard.
 *   <li><b>Issuer.</b> The format says the label's issuer prefix "should" equal the {@code issuer}
 *       parameter; when they differ (typically a label made with {@code URLEncoder}, {@code
 *       Acme+Corp:alice}, next to {@code issuer=Acme%20Corp}), the parameter wins (the format makes
 *       the prefix the fallback for a missing parameter) and {@link #warnings()} reports the
 *       difference. A colon in the {@code issuer} parameter is refused: the format forbids it, and
 *       {@link #format()} could not write it into the label without changing where the account
 *       starts.
 *   <li><b>Account.</b> Spaces after the label's colon are dropped (the format allows them). Other
 *       whitespace at either end of the account (a trailing space, a tab) is removed too, with a
 *       warning: it is invisible in every app, cannot tell two accounts apart, and the builder
 *       refuses it, so the stripped name is the one {@link #format()} writes back. A colon in the
 *       account is refused.
 *   <li>A {@code counter} on a TOTP URI, or a {@code period} on a HOTP URI, is ignored with a
 *       warning.
 * </ul>
 *
 * <p>Holds a secret: {@link #toString()} is redacted and there is no {@code equals}. Immutable and
 * thread-safe.
 *
 * @see <a href="https://github.com/google/google-authenticator/wiki/Key-Uri-Format">Key Uri
 *     Format</a>
 * @since 0.1.0
 */
public final class OtpAuthUri {
  /** Longest URI accepted by {@link #parse}, in characters. */
  public static final int MAX_LENGTH = 8192;

  private static final Set<String> KNOWN =
      Set.of("secret", "issuer", "algorithm", "digits", "period", "counter");

  /**
   * The kind of one-time password.
   *
   * @since 0.1.0
   */
  public enum Type {
    /** Time-based, RFC 6238. */
    TOTP,
    /** Counter-based, RFC 4226. */
    HOTP;

    String uriName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Type type;
  private final String issuer;
  private final String account;
  private final OtpSecret secret;
  private final OtpParameters parameters;
  private final long counter;
  private final Map<String, String> extra;
  private final List<String> warnings;

  private OtpAuthUri(Builder b) {
    this.type = b.type;
    this.issuer = b.issuer;
    this.account = b.account;
    this.secret = b.secret;
    this.parameters = b.parameters;
    this.counter = b.counter;
    this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
    this.warnings = List.copyOf(b.warnings);
  }

  /**
   * Returns a TOTP URI.
   *
   * @param issuer the service name, shown by the app (no colon)
   * @param account the account name, e.g. an e-mail address (no colon)
   * @param secret the secret
   * @param parameters the settings
   * @return the URI
   * @throws InvalidInputException naming {@code issuer} or {@code account} when invalid
   */
  public static OtpAuthUri totp(
      String issuer, String account, OtpSecret secret, OtpParameters parameters) {
    return builder(Type.TOTP, account, secret).issuer(issuer).parameters(parameters).build();
  }

  /**
   * Starts a builder.
   *
   * @param type TOTP or HOTP
   * @param account the account name (no colon, not empty)
   * @param secret the secret
   * @return a builder; not thread-safe
   * @throws InvalidInputException naming {@code account} when invalid
   */
  public static Builder builder(Type type, String account, OtpSecret secret) {
    return new Builder(type, account, secret);
  }

  /**
   * Parses an otpauth URI, by the rules in the class description; what it tolerated is in {@link
   * #warnings()}.
   *
   * @param uri the URI text
   * @return the parsed URI
   * @throws InvalidInputException naming the part at fault (e.g. {@code secret} for a repeated or
   *     too short secret, {@code issuer} for a colon in the issuer parameter)
   */
  public static OtpAuthUri parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    if (uri.length() > MAX_LENGTH) {
      throw new InvalidInputException("uri", "longer than " + MAX_LENGTH + " characters");
    }
    String prefix = "otpauth://";
    if (!uri.regionMatches(true, 0, prefix, 0, prefix.length())) {
      throw new InvalidInputException("uri", "must start with otpauth://");
    }
    int hash = uri.indexOf('#');
    String rest = uri.substring(prefix.length(), hash < 0 ? uri.length() : hash);
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new InvalidInputException(
          "type", "missing: expected otpauth://totp/ or otpauth://hotp/");
    }
    String typeName = rest.substring(0, slash);
    Type type;
    if (typeName.equalsIgnoreCase("totp")) {
      type = Type.TOTP;
    } else if (typeName.equalsIgnoreCase("hotp")) {
      type = Type.HOTP;
    } else {
      throw new InvalidInputException("type", "must be totp or hotp");
    }
    int q = rest.indexOf('?', slash);
    String rawLabel = rest.substring(slash + 1, q < 0 ? rest.length() : q);
    String label = PercentCodec.decode("label", rawLabel, false);
    String labelIssuer = null;
    String account = label;
    List<String> warnings = new ArrayList<>();
    int colon = label.indexOf(':');
    if (colon >= 0) {
      labelIssuer = label.substring(0, colon);
      // The Key Uri Format allows spaces between the colon and the account.
      account = stripLeadingSpaces(label.substring(colon + 1));
      if (labelIssuer.isBlank()) {
        throw new InvalidInputException("label", "issuer before ':' is empty");
      }
    }
    if (!account.equals(account.strip())) {
      account = account.strip();
      if (!account.isEmpty()) {
        warnings.add("account: whitespace at the start or end of the account name was removed");
      }
    }
    if (account.isEmpty()) {
      throw new InvalidInputException("label", "account name is missing");
    }

    Map<String, String> params = new LinkedHashMap<>();
    if (q >= 0 && q + 1 < rest.length()) {
      for (String pair : rest.substring(q + 1).split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String rawName = eq < 0 ? pair : pair.substring(0, eq);
        String name = PercentCodec.decode("uri", rawName, true);
        String lower = name.toLowerCase(Locale.ROOT);
        String key = KNOWN.contains(lower) ? lower : name;
        if (key.isEmpty()) {
          throw new InvalidInputException("uri", "a parameter has no name");
        }
        // '+' means a space in query values, but never inside a Base32 secret
        String value =
            eq < 0
                ? ""
                : PercentCodec.decode(
                    safeField(key), pair.substring(eq + 1), !key.equals("secret"));
        if (params.putIfAbsent(key, value) != null) {
          throw new InvalidInputException(safeField(key), "parameter appears more than once");
        }
      }
    }

    String secretText = params.remove("secret");
    if (secretText == null || secretText.isEmpty()) {
      throw new InvalidInputException("secret", "parameter is missing");
    }
    OtpSecret secret = OtpSecret.fromBase32(secretText);

    String issuer = params.remove("issuer");
    if (issuer != null && issuer.isEmpty()) {
      issuer = null;
    }
    if (issuer != null && issuer.indexOf(':') >= 0) {
      throw new InvalidInputException(
          "issuer",
          "parameter must not contain ':' (the Key Uri Format forbids it; the label could not"
              + " carry it)");
    }
    if (issuer != null && labelIssuer != null && !issuer.equals(labelIssuer)) {
      // The format says they "should" be equal and prefers the parameter; so do we.
      warnings.add(
          "issuer: the label's issuer prefix \""
              + labelIssuer
              + "\" differs from the issuer parameter \""
              + issuer
              + "\"; the parameter is used");
    }
    if (issuer == null) {
      issuer = labelIssuer;
    }

    HmacAlgorithm algorithm = HmacAlgorithm.SHA1;
    String alg = params.remove("algorithm");
    if (alg != null) {
      algorithm = HmacAlgorithm.fromName(alg);
    }
    int digits = 6;
    String d = params.remove("digits");
    if (d != null) {
      digits = (int) parseNumber("digits", d, 2);
    }
    Duration period = Duration.ofSeconds(30);
    long counter = 0;
    // A parameter meant for the other type is dropped rather than kept as unknown.
    String otherName = type == Type.TOTP ? "counter" : "period";
    String otherTypes = params.remove(otherName);
    if (otherTypes != null && otherTypes.length() > 32) {
      throw new InvalidInputException(otherName, "too long");
    }
    if (otherTypes != null) {
      warnings.add(otherName + ": ignored in a " + type.uriName() + " URI");
    }
    if (type == Type.TOTP) {
      String p = params.remove("period");
      if (p != null) {
        period = Duration.ofSeconds(parseNumber("period", p, 6));
      }
    } else {
      String c = params.remove("counter");
      if (c == null) {
        throw new InvalidInputException("counter", "parameter is required for hotp");
      }
      counter = parseNumber("counter", c, 19);
    }
    OtpParameters parameters = new OtpParameters(algorithm, digits, period, Instant.EPOCH);
    Builder b = builder(type, account, secret).parameters(parameters).counter(counter);
    if (issuer != null) {
      b.issuer(issuer);
    }
    params.forEach(b::extraParameter);
    b.warnings = warnings;
    return b.build();
  }

  private static String stripLeadingSpaces(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return s.substring(i);
  }

  private static String safeField(String key) {
    return KNOWN.contains(key) ? key : "uri";
  }

  private static long parseNumber(String field, String text, int maxDigits) {
    if (text.isEmpty() || text.length() > maxDigits) {
      throw new InvalidInputException(
          field, "must be a number of at most " + maxDigits + " digits");
    }
    long v = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidInputException(field, "must be a decimal number");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * Writes the URI, secret included: give it only to the QR code or the user's app.
   *
   * @return the URI text
   * @throws IllegalStateException if the secret was destroyed
   */
  public String format() {
    StringBuilder b = new StringBuilder(160);
    b.append("otpauth://").append(type.uriName()).append('/');
    if (issuer != null) {
      b.append(PercentCodec.encode(issuer)).append(':');
    }
    b.append(PercentCodec.encode(account));
    b.append("?secret=").append(secret.revealBase32());
    if (issuer != null) {
      b.append("&issuer=").append(PercentCodec.encode(issuer));
    }
    b.append("&algorithm=").append(parameters.algorithm().uriName());
    b.append("&digits=").append(parameters.digits());
    if (type == Type.TOTP) {
      b.append("&period=").append(parameters.periodSeconds());
    } else {
      b.append("&counter=").append(counter);
    }
    extra.forEach(
        (k, v) ->
            b.append('&')
                .append(PercentCodec.encode(k))
                .append('=')
                .append(PercentCodec.encode(v)));
    return b.toString();
  }

  /**
   * Returns TOTP or HOTP.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * Returns the issuer (service name), from the label or the {@code issuer} parameter.
   *
   * @return the issuer, or empty
   */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /**
   * Returns the account name.
   *
   * @return the account, never empty
   */
  public String account() {
    return account;
  }

  /**
   * Returns the secret.
   *
   * @return the secret
   */
  public OtpSecret secret() {
    return secret;
  }

  /**
   * Returns algorithm, digits and period (30 s unless given; unused for HOTP).
   *
   * @return the parameters
   */
  public OtpParameters parameters() {
    return parameters;
  }

  /**
   * Returns the HOTP counter.
   *
   * @return the counter for HOTP, empty for TOTP
   */
  public OptionalLong counter() {
    return type == Type.HOTP ? OptionalLong.of(counter) : OptionalLong.empty();
  }

  /**
   * Returns the parameters this class does not interpret, in their original order.
   *
   * @return an unmodifiable map from name to decoded value
   */
  public Map<String, String> extraParameters() {
    return extra;
  }

  /**
   * Returns what {@link #parse} tolerated that an operator should know about, such as an issuer
   * prefix in the label that differs from the {@code issuer} parameter (the parameter is used), or
   * whitespace removed from the account name. Each warning is one English sentence starting with
   * the part concerned ({@code "issuer: ..."}); it may quote the issuer, never the secret. Show
   * them to the person importing the URI ({@code rootguard totp code --uri} prints them to stderr).
   *
   * <pre>{@code
   * OtpAuthUri u = OtpAuthUri.parse("otpauth://totp/Acme+Corp:alice?secret=...&issuer=Acme%20Corp");
   * u.issuer();     // Optional[Acme Corp]
   * u.warnings();   // [issuer: the label's issuer prefix "Acme+Corp" differs from ...]
   * }</pre>
   *
   * @return an unmodifiable list, empty for a URI made with the builder or a clean URI
   * @since 0.2.0
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Returns a description with the secret redacted. */
  @Override
  public String toString() {
    return "OtpAuthUri["
        + type.uriName()
        + ", issuer="
        + issuer
        + ", account="
        + account
        + ", "
        + parameters.algorithm()
        + ", digits="
        + parameters.digits()
        + (type == Type.TOTP
            ? ", period=" + parameters.periodSeconds() + "s"
            : ", counter=" + counter)
        + ", secret=<redacted>"
        + (extra.isEmpty() ? "" : ", extra=" + extra.keySet())
        + "]";
  }

  /**
   * Builds an {@link OtpAuthUri}. Not thread-safe; confine to one thread.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Type type;
    private final String account;
    private final OtpSecret secret;
    private String issuer;
    private OtpParameters parameters = OtpParameters.RFC6238_DEFAULT;
    private long counter;
    private final Map<String, String> extra = new LinkedHashMap<>();
    private List<String> warnings = List.of();

    private Builder(Type type, String account, OtpSecret secret) {
      this.type = Objects.requireNonNull(type, "type");
      this.account = checkName("account", Objects.requireNonNull(account, "account"));
      this.secret = Objects.requireNonNull(secret, "secret");
    }

    private static String checkName(String field, String value) {
      if (value.isEmpty()) {
        throw new InvalidInputException(field, "must not be empty");
      }
      if (value.indexOf(':') >= 0) {
        throw new InvalidInputException(field, "must not contain ':' (the label separator)");
      }
      if (!value.equals(value.strip()) && field.equals("account")) {
        throw new InvalidInputException(field, "must not start or end with whitespace");
      }
      return value;
    }

    /**
     * Sets the issuer (service name). Default: none.
     *
     * @param issuer the issuer, not empty, no colon
     * @return this builder
     * @throws InvalidInputException naming {@code issuer} when invalid
     */
    public Builder issuer(String issuer) {
      this.issuer = checkName("issuer", Objects.requireNonNull(issuer, "issuer"));
      if (issuer.isBlank()) {
        throw new InvalidInputException("issuer", "must not be blank");
      }
      return this;
    }

    /**
     * Sets algorithm, digits and period. The period must be whole seconds and T0 the epoch (the URI
     * format cannot express another). Default: {@link OtpParameters#RFC6238_DEFAULT}.
     *
     * @param parameters the parameters
     * @return this builder
     * @throws InvalidInputException naming {@code t0} when it is not the epoch
     */
    public Builder parameters(OtpParameters parameters) {
      Objects.requireNonNull(parameters, "parameters");
      if (!parameters.t0().equals(Instant.EPOCH)) {
        throw new InvalidInputException("t0", "otpauth URIs cannot express a T0 other than 0");
      }
      this.parameters = parameters;
      return this;
    }

    /**
     * Sets the HOTP counter. Default: 0. Ignored for TOTP.
     *
     * @param counter the counter, not negative
     * @return this builder
     * @throws InvalidInputException naming {@code counter} when negative
     */
    public Builder counter(long counter) {
      if (counter < 0) {
        throw new InvalidInputException("counter", "must be >= 0");
      }
      this.counter = counter;
      return this;
    }

    /**
     * Adds a parameter this class does not interpret (e.g. {@code image}).
     *
     * @param name the name; not one of the interpreted names, not empty
     * @param value the value
     * @return this builder
     * @throws InvalidInputException naming {@code uri} when the name is reserved, empty or repeated
     */
    public Builder extraParameter(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.isEmpty()
          || KNOWN.contains(name.toLowerCase(Locale.ROOT))
          || extra.containsKey(name)) {
        throw new InvalidInputException(
            "uri", "extra parameter name is empty, reserved or repeated");
      }
      extra.put(name, value);
      return this;
    }

    /**
     * Builds the URI.
     *
     * @return the URI
     */
    public OtpAuthUri build() {
      return new OtpAuthUri(this);
    }
  }
}
