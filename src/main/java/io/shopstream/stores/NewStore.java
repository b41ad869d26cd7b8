package io.shopstream.stores;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /stores}: a store and where it is. */
public record NewStore(@NotBlank @Size(max = 200) String name, @Size(max = 100) String city,
		@NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
		@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude, Store.StoreStatus status) {
}
