package dev.rootguard.cli;

import dev.rootguard.InvalidInputException;
import dev.rootguard.mfa.StoreException;
import dev.rootguard.seal.SecretSealer;
import dev.rootguard.store.redis.RedisStores;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Connects to the Redis and DynamoDB backends a {@link StoreUrl} names: the one place the CLI
 * builds their clients. Secrets come from the environment or the SDK's default credential chain,
 * never from the command line: {@code ROOTGUARD_REDIS_PASSWORD} (and optionally {@code
 * ROOTGUARD_REDIS_USER} for Redis 6 ACLs); AWS credentials as the AWS CLI finds them (environment,
 * profile, SSO, instance role).
 *
 * <pre>{@code
 * RedisStores redis = Backends.redis(StoreUrl.parse("redis://cache:6379/0"), sealer);
 * DynamoDbClient ddb = Backends.dynamoDb(StoreUrl.parse("dynamodb://rootguard?region=ap-northeast-1"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
final class Backends {
  /** Per call; a CLI user waits at most this long for one store operation. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Backends() {}

  /**
   * Opens the Redis stores of a {@code redis://}, {@code rediss://} or {@code redis-sentinel://}
   * value.
   *
   * @param url a parsed value of kind REDIS
   * @param sealer seals the secrets
   * @return the stores; close them when done
   */
  static RedisStores redis(StoreUrl url, SecretSealer sealer) {
    return redis(url, sealer, System.getenv());
  }

  static RedisStores redis(StoreUrl url, SecretSealer sealer, Map<String, String> env) {
    Objects.requireNonNull(url, "url");
    RedisURI uri;
    try {
      uri = RedisURI.create(url.value());
    } catch (RuntimeException e) {
      throw new InvalidInputException("--store", "not a valid redis:// URL");
    }
    String password = env.get("ROOTGUARD_REDIS_PASSWORD");
    if (password != null && !password.isEmpty()) {
      String user = env.get("ROOTGUARD_REDIS_USER");
      if (user != null && !user.isEmpty()) {
        uri.setCredentialsProvider(
            io.lettuce.core.RedisCredentialsProvider.from(
                () -> io.lettuce.core.RedisCredentials.just(user, password)));
      } else {
        uri.setCredentialsProvider(
            io.lettuce.core.RedisCredentialsProvider.from(
                () -> io.lettuce.core.RedisCredentials.just(null, password)));
      }
    }
    try {
      return RedisStores.builder(uri, sealer).commandTimeout(TIMEOUT).build();
    } catch (StoreException | InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException(
          "store.open",
          "cannot connect to " + url.redacted() + " (" + e.getClass().getSimpleName() + ")",
          null);
    }
  }

  /**
   * Builds the DynamoDB client of a {@code dynamodb://TABLE?region=…[&endpoint=…]} value.
   *
   * @param url a parsed value of kind DYNAMODB
   * @return the client; close it when done
   */
  static DynamoDbClient dynamoDb(StoreUrl url) {
    Objects.requireNonNull(url, "url");
    var b =
        DynamoDbClient.builder()
            .httpClientBuilder(ApacheHttpClient.builder())
            .region(Region.of(url.region()))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(TIMEOUT)
                    .apiCallAttemptTimeout(Duration.ofSeconds(3))
                    .build());
    url.endpoint().ifPresent(b::endpointOverride);
    return b.build();
  }
}
