package dev.rootguard.store.dynamodb;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Makes dynalite look like DynamoDB for {@code ReturnValuesOnConditionCheckFailure = ALL_OLD}:
 * dynalite ignores the parameter, so when a write that asked for it fails its condition, this
 * interceptor reads the item (through a second client of its own) and attaches it to the {@link
 * ConditionalCheckFailedException}, as the service does. The item is read just after the failure,
 * so it may be newer than the one that failed the condition, which the code must (and does) handle
 * like any later state. Counts the items it attached and the {@code GetItem} calls of the client it
 * is installed on.
 */
final class ReturnedItemServer implements ExecutionInterceptor {
  final AtomicInteger attached = new AtomicInteger();
  final AtomicInteger getItems = new AtomicInteger();
  private volatile DynamoDbClient reader;
  private volatile String table;

  void reader(DynamoDbClient reader, String table) {
    this.reader = reader;
    this.table = table;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if ("GetItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
      getItems.incrementAndGet();
    }
  }

  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable e = context.exception();
    if (!(e instanceof ConditionalCheckFailedException ccf)
        || (ccf.hasItem() && !ccf.item().isEmpty())) {
      return e;
    }
    Map<String, AttributeValue> key = null;
    Object r = context.request();
    if (r instanceof PutItemRequest p && wantsItem(p.returnValuesOnConditionCheckFailure())) {
      key = Map.of("pk", p.item().get("pk"), "sk", p.item().get("sk"));
    } else if (r instanceof UpdateItemRequest u
        && wantsItem(u.returnValuesOnConditionCheckFailure())) {
      key = u.key();
    } else if (r instanceof DeleteItemRequest d
        && wantsItem(d.returnValuesOnConditionCheckFailure())) {
      key = d.key();
    }
    if (key == null) {
      return e;
    }
    Map<String, AttributeValue> k = key;
    Map<String, AttributeValue> item =
        reader.getItem(g -> g.tableName(table).key(k).consistentRead(true)).item();
    if (item == null || item.isEmpty()) {
      return e; // absent: the service returns no item either
    }
    attached.incrementAndGet();
    return ConditionalCheckFailedException.builder()
        .message(ccf.getMessage())
        .statusCode(ccf.statusCode())
        .awsErrorDetails(ccf.awsErrorDetails())
        .item(item)
        .build();
  }

  private static boolean wantsItem(ReturnValuesOnConditionCheckFailure v) {
    return v == ReturnValuesOnConditionCheckFailure.ALL_OLD;
  }
}
