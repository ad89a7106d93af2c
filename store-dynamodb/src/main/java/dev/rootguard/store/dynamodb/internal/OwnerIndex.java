package dev.rootguard.store.dynamodb.internal;

import dev.rootguard.mfa.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One kind of record listed for its owner, without a transaction: the record ({@code pk =
 * <kind><id>, sk = <recordSk>}, its owner in the attribute {@code ownerAttribute}) and an index
 * item {@code pk = PRINCIPAL#<owner>, sk = <kind><id>}. TOTP credentials ({@code TOTP#}, {@code
 * CRED}, {@code owner}) and security keys ({@code FIDO#}, {@code K}, {@code principal}) are the two
 * kinds.
 *
 * <p>The index item is written before the record and deleted after it, and {@link #listed} confirms
 * every index item against its record, so a crash between the two writes never shows a record to
 * the wrong owner or hides one from the right owner. Not API; stateless apart from its fields and
 * thread-safe. Callers run each method inside {@link Ddb#run}.
 *
 * <pre>{@code
 * OwnerIndex index = new OwnerIndex(ddb, "TOTP#", "CRED", "owner");
 * boolean added = index.add(id.value(), owner, item);
 * }</pre>
 */
final class OwnerIndex {
  private final Ddb ddb;
  private final String kind;
  private final String recordSk;
  private final String ownerAttribute;

  OwnerIndex(Ddb ddb, String kind, String recordSk, String ownerAttribute) {
    this.ddb = Objects.requireNonNull(ddb, "ddb");
    this.kind = kind;
    this.recordSk = recordSk;
    this.ownerAttribute = ownerAttribute;
  }

  /** The partition of a principal's index items (and of its user handle binding). */
  static String ownerPk(Principal p) {
    return "PRINCIPAL#" + p.id();
  }

  /** The record's partition key. */
  String pk(String id) {
    return kind + id;
  }

  /**
   * Writes the owner's index item, then {@code record} on condition that its key is absent. When
   * the record was there already, the index item is taken back unless it was there before too or
   * the stored record is this owner's (then it is the right index item).
   *
   * @return true if the record was written
   */
  boolean add(String id, Principal owner, Map<String, AttributeValue> record) {
    String ownerPk = ownerPk(owner);
    Map<String, AttributeValue> before =
        ddb.client()
            .putItem(
                PutItemRequest.builder()
                    .tableName(ddb.table())
                    .item(Ddb.key(ownerPk, pk(id)))
                    .returnValues(ReturnValue.ALL_OLD)
                    .build())
            .attributes();
    boolean indexWasThere = before != null && !before.isEmpty();
    Ddb.Cas put = ddb.putIfVersion(record, null);
    if (put.written()) {
      return true;
    }
    Map<String, AttributeValue> stored = put.current();
    if (!indexWasThere && (stored == null || !owner.id().equals(Ddb.str(stored, ownerAttribute)))) {
      delete(ownerPk, pk(id));
    }
    return false;
  }

  /**
   * The owner's records (projected to {@code projection}, or whole when null), each confirmed
   * against its owner attribute; unsorted.
   */
  List<Map<String, AttributeValue>> listed(Principal owner, String projection) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (String id : Index.list(ddb, ownerPk(owner), kind)) {
      keys.add(Ddb.key(pk(id), recordSk));
    }
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    for (Map<String, AttributeValue> item : Index.getAll(ddb, keys, projection)) {
      if (owner.id().equals(Ddb.str(item, ownerAttribute))) {
        out.add(item);
      }
    }
    return out;
  }

  /** The id of a record item, from its partition key. */
  String id(Map<String, AttributeValue> record) {
    return Ddb.str(record, Ddb.PK).substring(kind.length());
  }

  /**
   * Deletes the record, then its owner's index item.
   *
   * @return true if there was a record
   */
  boolean remove(String id) {
    Map<String, AttributeValue> old =
        ddb.client()
            .deleteItem(
                DeleteItemRequest.builder()
                    .tableName(ddb.table())
                    .key(Ddb.key(pk(id), recordSk))
                    .returnValues(ReturnValue.ALL_OLD)
                    .build())
            .attributes();
    if (old == null || old.isEmpty()) {
      return false;
    }
    delete(ownerPk(Principal.of(Ddb.str(old, ownerAttribute))), pk(id));
    return true;
  }

  private void delete(String pk, String sk) {
    ddb.client()
        .deleteItem(
            DeleteItemRequest.builder().tableName(ddb.table()).key(Ddb.key(pk, sk)).build());
  }
}
