package dev.openrecog.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.UUID;

/**
 * TransactWriteItems with the retry DynamoDB asks for on a conflict with a concurrent transaction,
 * and the cancellation reasons handed to the caller to turn into the right error.
 *
 * <p>Each attempt carries a ClientRequestToken. The SDK resends a request whose answer it did not
 * get (a timeout, a 5xx, a dropped connection), and the transaction may have been applied already:
 * a resend with the same token is answered with success without being applied again. Without it,
 * the resend would fail its own conditions (a create's {@code attribute_not_exists}, a delete's
 * {@code attribute_exists}) and report an error for a change that was made. The SDK would fill in
 * a token by itself (the field is an idempotency token in its model); it is set here because every
 * write's correctness rests on it. A cancelled transaction is final, so the next attempt after a
 * conflict gets a new token.
 */
final class Transactions {
    private final DynamoDbClient client;

    Transactions(DynamoDbClient client) {
        this.client = client;
    }

    /** Runs the transaction; any cancellation other than a conflict is a fault. */
    void write(List<TransactWriteItem> items) {
        write(items, reasons -> {
            throw reasons.unexpected();
        });
    }

    /**
     * Runs the transaction.
     *
     * @return true when it was applied, false when {@code onCancel} accepted a cancellation
     */
    boolean write(List<TransactWriteItem> items, OnCancel onCancel) {
        for (int attempt = 0; ; attempt++) {
            Backoff.pause(attempt);
            try {
                client.transactWriteItems(r -> r.transactItems(items).clientRequestToken(UUID.randomUUID().toString()));
                return true;
            } catch (TransactionCanceledException e) {
                Reasons reasons = new Reasons(e);
                if (!reasons.conflict() || attempt + 1 >= Backoff.MAX_ATTEMPTS) {
                    return onCancel.handle(reasons);
                }
            }
        }
    }

    @FunctionalInterface
    interface OnCancel {
        /** Returns false to report the cancellation as "not applied", or throws the caller's error. */
        boolean handle(Reasons reasons);
    }

    static final class Reasons {
        private final TransactionCanceledException exception;
        private final List<CancellationReason> reasons;

        Reasons(TransactionCanceledException exception) {
            this.exception = exception;
            this.reasons = exception.hasCancellationReasons() ? exception.cancellationReasons() : List.of();
        }

        /** True when the condition of the item at this position in the transaction failed. */
        boolean failed(int index) {
            return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
        }

        boolean conflict() {
            return reasons.stream().anyMatch(reason -> "TransactionConflict".equals(reason.code()));
        }

        IllegalStateException unexpected() {
            return new IllegalStateException("DynamoDB cancelled a transaction: " + exception.getMessage(), exception);
        }
    }
}
