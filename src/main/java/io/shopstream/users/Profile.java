package io.shopstream.users;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a user tells about themselves; every part optional. */
public record Profile(@Size(max = 100) String firstName, @Size(max = 100) String lastName,
		@Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String avatarUrl,
		@Size(max = 500) String bio, @Valid Location location) {

	/** Where the user is; coordinates are [longitude, latitude]. */
	public record Location(@Size(max = 100) String city, @Size(max = 100) String country,
			@Size(min = 2, max = 2) List<@NotNull @DecimalMin("-180") @DecimalMax("180") Double> coordinates) {
	}

}
