package dev.rootguard.aws.internal;

import dev.rootguard.InvalidInputException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the builders. Stateless. */
public final class Checks {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");

  private Checks() {}

  /**
   * Checks {@code min <= d <= max}.
   *
   * @param field the builder field
   * @param d the value
   * @param min the minimum
   * @param max the maximum
   * @return d
   */
  public static Duration between(String field, Duration d, Duration min, Duration max) {
    Objects.requireNonNull(d, field);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new InvalidInputException(field, "must be " + min + ".." + max + ", was " + d);
    }
    return d;
  }

  /**
   * Checks a 12-digit account id.
   *
   * @param field the builder field
   * @param id the value
   * @return id
   */
  public static String accountId(String field, String id) {
    Objects.requireNonNull(id, field);
    if (!ACCOUNT_ID.matcher(id).matches()) {
      throw new InvalidInputException(field, "must be 12 digits");
    }
    return id;
  }

  /**
   * Checks an AWS partition name ({@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...).
   *
   * @param field the builder field
   * @param partition the value
   * @return partition
   */
  public static String partition(String field, String partition) {
    Objects.requireNonNull(partition, field);
    if (!PARTITION.matcher(partition).matches()) {
      throw new InvalidInputException(field, "must look like aws, aws-cn or aws-us-gov");
    }
    return partition;
  }
}
