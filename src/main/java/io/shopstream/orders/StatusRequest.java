package io.shopstream.orders;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /orders/{id}/status}: the next status and, optionally, why. */
record StatusRequest(@NotNull OrderStatus status, @Size(max = 500) String note) {
}
