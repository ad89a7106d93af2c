package dev.rootguard.store.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.mfa.StoreException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * How SDK failures become {@link StoreException}s, for the failures dynalite never produces
 * (throttling, 5xx): by type and error code, never quoting the service's message.
 */
class DdbFailureTest {
  private static final String SECRETISH = "value-from-the-request-9f8e";

  private static AwsErrorDetails details(String code) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage(SECRETISH).build();
  }

  @Test
  void throttled_saysSoWithoutTheServiceMessage() {
    StoreException e =
        Ddb.failure(
            "replay.tryAccept",
            "t",
            ProvisionedThroughputExceededException.builder()
                .awsErrorDetails(details("ProvisionedThroughputExceededException"))
                .statusCode(400)
                .message(SECRETISH)
                .build());
    assertThat(e.operation()).isEqualTo("replay.tryAccept");
    assertThat(e).hasMessageContaining("throttled").hasMessageNotContaining(SECRETISH);

    StoreException t =
        Ddb.failure(
            "x",
            "t",
            DynamoDbException.builder()
                .awsErrorDetails(details("ThrottlingException"))
                .statusCode(400)
                .message(SECRETISH)
                .build());
    assertThat(t).hasMessageContaining("throttled").hasMessageNotContaining(SECRETISH);
  }

  @Test
  void serverError_namesStatusAndCode() {
    StoreException e =
        Ddb.failure(
            "x",
            "t",
            DynamoDbException.builder()
                .awsErrorDetails(details("InternalServerError"))
                .statusCode(500)
                .message(SECRETISH)
                .build());
    assertThat(e)
        .hasMessageContaining("server error")
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("InternalServerError")
        .hasMessageNotContaining(SECRETISH);
  }

  @Test
  void missingTable_namesStoreInit() {
    StoreException e =
        Ddb.failure(
            "x",
            "rootguard",
            ResourceNotFoundException.builder()
                .awsErrorDetails(details("ResourceNotFoundException"))
                .statusCode(400)
                .build());
    assertThat(e).hasMessageContaining("rootguard store init").hasMessageContaining("rootguard");
  }

  @Test
  void clientSide_timeoutAndUnreachable() {
    assertThat(Ddb.failure("x", "t", ApiCallTimeoutException.create(1000)))
        .hasMessageContaining("timed out");
    assertThat(
            Ddb.failure(
                "x",
                "t",
                SdkClientException.builder()
                    .message(SECRETISH)
                    .cause(new ConnectException(SECRETISH))
                    .build()))
        .hasMessageContaining("cannot reach DynamoDB (ConnectException)")
        .hasMessageNotContaining(SECRETISH);
  }
}
