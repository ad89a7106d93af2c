package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed {@code --store} value: which backend, and where. The one parser of store values; {@link
 * StoreLocation} opens what it names.
 *
 * <ul>
 *   <li>a file path: the JSON file store of one host;
 *   <li>{@code jdbc:postgresql://host:port/database}: rootguard-store-jdbc (user and password from
 *       {@code ROOTGUARD_DB_USER} / {@code ROOTGUARD_DB_PASSWORD});
 *   <li>{@code redis://host:port[/db]}, {@code rediss://…} (TLS) or {@code
 *       redis-sentinel://host:port[,host:port]/db#master}: rootguard-store-redis (password from
 *       {@code ROOTGUARD_REDIS_PASSWORD});
 *   <li>{@code dynamodb://TABLE?region=REGION[&endpoint=URL]}: rootguard-store-dynamodb
 *       (credentials from the AWS default chain).
 * </ul>
 *
 * <p>Credentials never go in the value (it is on a command line, visible in {@code ps}): a value
 * carrying {@code user:password@} is refused. {@link #redacted()} is what messages print.
 *
 * <pre>{@code
 * StoreUrl u = StoreUrl.parse("dynamodb://rootguard?region=ap-northeast-1");
 * u.kind();              // DYNAMODB
 * u.table();             // "rootguard"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind the backend
 * @param value the value as given (stripped; for a file, the path with {@code ~/} expanded)
 * @param table the DynamoDB table name, empty for other kinds
 * @param region the DynamoDB region, empty for other kinds
 * @param endpoint the DynamoDB endpoint override, if any
 */
record StoreUrl(
    StoreUrl.Kind kind, String value, String table, String region, Optional<URI> endpoint) {

  /** The backends a {@code --store} value can name. */
  enum Kind {
    /** The JSON file store. */
    FILE,
    /** PostgreSQL through rootguard-store-jdbc. */
    POSTGRES,
    /** Redis through rootguard-store-redis. */
    REDIS,
    /** DynamoDB through rootguard-store-dynamodb. */
    DYNAMODB
  }

  /** {@code scheme://…} or {@code jdbc:…}: a URL, not a file name. */
  private static final Pattern URL =
      Pattern.compile("^(jdbc:[a-z0-9]+:|[a-zA-Z][a-zA-Z0-9+.-]*://)");

  /** DynamoDB's table name rule. */
  private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  /** An AWS region name such as {@code ap-northeast-1} or {@code us-gov-west-1}. */
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  private static final Set<String> DYNAMODB_PARAMS = Set.of("region", "endpoint");

  StoreUrl {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /**
   * Parses a {@code --store} value.
   *
   * @param spec the value
   * @return what it names
   * @throws InvalidInputException with field {@code --store} naming what is wrong
   */
  static StoreUrl parse(String spec) {
    return parse("--store", spec);
  }

  /**
   * Parses a store value given under another option name ({@code --from}, {@code --to}).
   *
   * @param field the option, for messages
   * @param spec the value
   * @return what it names
   * @throws InvalidInputException with {@code field} naming what is wrong
   */
  static StoreUrl parse(String field, String spec) {
    Objects.requireNonNull(spec, field);
    String s = spec.strip();
    if (s.isEmpty()) {
      throw new InvalidInputException(field, "must not be empty");
    }
    if (!URL.matcher(s).find()) {
      return new StoreUrl(Kind.FILE, s, "", "", Optional.empty());
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith(Database.SCHEME)) {
      return new StoreUrl(Kind.POSTGRES, s, "", "", Optional.empty());
    }
    if (lower.startsWith("redis://")
        || lower.startsWith("rediss://")
        || lower.startsWith("redis-sentinel://")) {
      String rest = s.substring(s.indexOf("://") + 3);
      int end = firstOf(rest, "/?#");
      String authority = end < 0 ? rest : rest.substring(0, end);
      if (authority.contains("@")) {
        throw new InvalidInputException(
            field, "put no credentials in the URL; use ROOTGUARD_REDIS_PASSWORD");
      }
      if (authority.isEmpty()) {
        throw new InvalidInputException(field, "expected redis://host:port[/db]");
      }
      return new StoreUrl(Kind.REDIS, s, "", "", Optional.empty());
    }
    if (lower.startsWith("dynamodb://")) {
      return dynamodb(field, s);
    }
    throw new InvalidInputException(
        field,
        "unsupported store URL (use a file path, jdbc:postgresql://host:port/db,"
            + " redis://host:port[/db] or dynamodb://TABLE?region=REGION)");
  }

  private static StoreUrl dynamodb(String field, String s) {
    String rest = s.substring("dynamodb://".length());
    int q = rest.indexOf('?');
    String table = q < 0 ? rest : rest.substring(0, q);
    if (table.endsWith("/")) {
      table = table.substring(0, table.length() - 1);
    }
    if (!TABLE.matcher(table).matches()) {
      throw new InvalidInputException(
          field, "dynamodb:// needs a table name of 3-255 characters A-Z a-z 0-9 _ . -");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (q >= 0 && q + 1 < rest.length()) {
      for (String pair : rest.substring(q + 1).split("&", -1)) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        if (!DYNAMODB_PARAMS.contains(key)) {
          throw new InvalidInputException(
              field, "unknown dynamodb:// parameter '" + key + "' (known: region, endpoint)");
        }
        if (eq < 0 || eq == pair.length() - 1) {
          throw new InvalidInputException(field, "dynamodb:// parameter " + key + " needs a value");
        }
        if (params.put(key, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8))
            != null) {
          throw new InvalidInputException(field, "dynamodb:// parameter " + key + " given twice");
        }
      }
    }
    String region = params.get("region");
    if (region == null) {
      throw new InvalidInputException(field, "dynamodb:// needs ?region=REGION");
    }
    if (!REGION.matcher(region).matches()) {
      throw new InvalidInputException(field, "region must look like ap-northeast-1");
    }
    Optional<URI> endpoint = Optional.empty();
    String e = params.get("endpoint");
    if (e != null) {
      URI uri;
      try {
        uri = new URI(e);
      } catch (URISyntaxException ex) {
        throw new InvalidInputException(field, "endpoint is not a URL");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new InvalidInputException(field, "endpoint must be an http:// or https:// URL");
      }
      if (uri.getUserInfo() != null) {
        throw new InvalidInputException(field, "put no credentials in the endpoint");
      }
      endpoint = Optional.of(uri);
    }
    return new StoreUrl(Kind.DYNAMODB, s, table, region, endpoint);
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns the value as messages may print it.
   *
   * @return the value without a query string for database URLs, else the value
   */
  String redacted() {
    return switch (kind) {
      case POSTGRES -> Database.redact(value);
      default -> value;
    };
  }
}
